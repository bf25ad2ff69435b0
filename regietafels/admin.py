"""Admin for the regietafels (ministry only). Members and regietafel details are editable;
everything with a state (verslagen, versions, decisions) is read-only here: those change only
through the services, so the admin cannot bypass a transition."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Beoordeling,
    Bijlage,
    Lid,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagRegel,
    VerslagVersie,
)


def _is_ministerie(request) -> bool:
    user = request.user
    return bool(
        user.is_active
        and (user.is_superuser or (getattr(user, "is_ministerie", False) and user.is_staff))
    )


class MinisterieBeheer(SimpleHistoryAdmin):
    """Visible to ministry staff only; the queryset goes through the model's access rule."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if hasattr(qs, "zichtbaar_voor") and not request.user.is_superuser:
            qs = qs.zichtbaar_voor(request.user)
        return qs

    def has_module_permission(self, request):
        return _is_ministerie(request)

    def has_view_permission(self, request, obj=None):
        return _is_ministerie(request)

    def has_add_permission(self, request, obj=None):
        return _is_ministerie(request)

    def has_change_permission(self, request, obj=None):
        return _is_ministerie(request)

    def has_delete_permission(self, request, obj=None):
        return _is_ministerie(request)


class AlleenLezen(MinisterieBeheer):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LidInline(admin.TabularInline):
    model = Lid
    extra = 0
    autocomplete_fields = ["gemeente"]

    def has_view_permission(self, request, obj=None):
        return _is_ministerie(request)

    has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: _is_ministerie(request)
    )


@admin.register(Regietafel)
class RegietafelAdmin(MinisterieBeheer):
    list_display = ["naam", "provincie", "voorzitter", "e_mail"]
    inlines = [LidInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lid)
class LidAdmin(MinisterieBeheer):
    list_display = ["naam", "functie", "organisatie", "soort", "regietafel"]
    list_filter = ["soort", "regietafel"]
    search_fields = ["naam", "organisatie"]
    autocomplete_fields = ["gemeente"]


class VerslagRegelInline(admin.TabularInline):
    model = VerslagRegel
    extra = 0
    can_delete = False
    readonly_fields = [
        "gemeente",
        "indicatief_aantal",
        "bestaande_locaties",
        "vastgestelde_plannen",
        "bestuurlijke_voornemens",
        "amv",
        "beschikbaar_van",
        "beschikbaar_tot",
        "opmerking",
    ]

    def has_view_permission(self, request, obj=None):
        return _is_ministerie(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Verslag)
class VerslagAdmin(AlleenLezen):
    list_display = ["regietafel", "cyclus", "status", "te_laat", "ingediend_op", "versie"]
    list_filter = ["cyclus", "status", "te_laat"]
    list_select_related = ["regietafel", "cyclus"]
    inlines = [VerslagRegelInline]


@admin.register(VerslagVersie)
class VerslagVersieAdmin(AlleenLezen):
    list_display = ["verslag", "volgnummer", "ingediend_op", "ingediend_door", "te_laat"]
    list_select_related = ["verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door"]


@admin.register(Bijlage)
class BijlageAdmin(AlleenLezen):
    list_display = ["oorspronkelijke_naam", "verslag", "content_type", "grootte", "toegevoegd_op"]
    exclude = ["bestand"]


@admin.register(Beoordeling)
class BeoordelingAdmin(AlleenLezen):
    list_select_related = [
        "verslag__regietafel__provincie",
        "verslag__cyclus",
        "versie__verslag__regietafel__provincie",
        "versie__verslag__cyclus",
        "door",
    ]
    list_display = ["verslag", "versie", "oordeel", "door", "op"]
    list_filter = ["oordeel"]


@admin.register(Termijnverlenging)
class TermijnverlengingAdmin(AlleenLezen):
    list_select_related = ["cyclus", "regietafel__provincie", "besloten_door"]
    list_display = ["cyclus", "regietafel", "nieuwe_datum", "reden", "besloten_door", "besloten_op"]
    list_filter = ["cyclus"]


@admin.register(Verlengingsverzoek)
class VerlengingsverzoekAdmin(AlleenLezen):
    list_select_related = ["verslag__regietafel__provincie", "verslag__cyclus", "besloten_door"]
    list_display = ["verslag", "gevraagde_datum", "status", "ingediend_op", "besloten_door"]
    list_filter = ["status"]


@admin.register(Verdeelbesluit)
class VerdeelbesluitAdmin(AlleenLezen):
    list_select_related = ["cyclus", "vastgesteld_door"]
    list_display = ["cyclus", "versie", "status", "besluitdatum", "vastgesteld_door"]
    list_filter = ["cyclus", "status"]


@admin.register(VerdeelbesluitRegel)
class VerdeelbesluitRegelAdmin(AlleenLezen):
    list_display = ["verdeelbesluit", "gemeente", "aangeboden", "restopgave", "aantal"]
    list_filter = ["verdeelbesluit"]
    list_select_related = ["verdeelbesluit__cyclus", "gemeente"]
    search_fields = ["gemeente__naam"]


@admin.register(Realisatiemelding)
class RealisatiemeldingAdmin(AlleenLezen):
    list_display = ["gemeente", "cyclus", "datum", "aantal", "gemeld_door"]
    list_filter = ["cyclus"]
    list_select_related = ["gemeente", "cyclus", "gemeld_door"]
