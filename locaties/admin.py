"""Admin (ministry only, at /beheer/). Locations change only through the services (phase
changes write their event, a change clears COA's confirmation), so the admin shows them
read-only, with their phase timeline and history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Fasewijziging, Opvanglocatie


def _is_ministerie(request) -> bool:
    return getattr(request.user, "is_ministerie", False) or request.user.is_superuser


class AlleenLezen:
    """Ministry staff may look; nobody adds, changes or deletes here."""

    def has_module_permission(self, request):
        return _is_ministerie(request)

    def has_view_permission(self, request, obj=None):
        return _is_ministerie(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FasewijzigingInline(AlleenLezen, admin.TabularInline):
    model = Fasewijziging
    extra = 0
    fields = ["van_fase", "naar_fase", "datum", "bron", "gemeld_door", "gemeld_op", "toelichting"]
    readonly_fields = fields


@admin.register(Opvanglocatie)
class OpvanglocatieAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = [
        "naam",
        "gemeente",
        "soort",
        "fase",
        "capaciteit_regulier",
        "capaciteit_amv",
        "beschikbaar_tot",
        "coa_bevestigd_op",
    ]
    list_filter = ["fase", "soort", "duurzaam", "gemeente__provincie"]
    search_fields = ["naam", "gemeente__naam", "coa_referentie", "plaats"]
    list_select_related = ["gemeente"]
    inlines = [FasewijzigingInline]

    def get_queryset(self, request):
        return Opvanglocatie.objects.zichtbaar_voor(request.user).select_related("gemeente")


@admin.register(Fasewijziging)
class FasewijzigingAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["locatie", "van_fase", "naar_fase", "datum", "bron", "gemeld_door"]
    list_filter = ["naar_fase", "bron"]
    list_select_related = ["locatie", "gemeld_door"]

    def get_queryset(self, request):
        return Fasewijziging.objects.zichtbaar_voor(request.user).select_related(
            "locatie", "gemeld_door"
        )


from . import admin_beschikbaar  # noqa: E402, F401  (the computations of meerjarig beschikbaar)
