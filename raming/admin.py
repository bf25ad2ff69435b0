from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CbsImport,
    Gemeente,
    Gemeentefusie,
    GemeenteVerdeling,
    Invoerbesluit,
    Inwonertal,
    MeerjarigBeschikbaar,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    SesWoaScore,
    Wetscyclus,
)


def _is_ministerie(request) -> bool:
    user = request.user
    return bool(getattr(user, "is_ministerie", False) and user.is_staff and user.is_active)


class MinisterieBeheer:
    """The admin is for ministry staff (or superusers); others see nothing here."""

    def _mag(self, request) -> bool:
        return _is_ministerie(request) or request.user.is_superuser

    def has_module_permission(self, request):
        return self._mag(request)

    def has_view_permission(self, request, obj=None):
        return self._mag(request)

    def has_add_permission(self, request, obj=None):
        return self._mag(request)

    def has_change_permission(self, request, obj=None):
        return self._mag(request)

    def has_delete_permission(self, request, obj=None):
        return self._mag(request)


@admin.register(Provincie)
class ProvincieAdmin(MinisterieBeheer, admin.ModelAdmin):
    list_display = ["code", "naam"]
    search_fields = ["naam", "code"]


@admin.register(Gemeente)
class GemeenteAdmin(MinisterieBeheer, admin.ModelAdmin):
    list_display = ["code", "naam", "provincie", "opgeheven_per"]
    list_filter = ["provincie", "opgeheven_per"]
    search_fields = ["naam", "code"]


@admin.register(Inwonertal)
class InwonertalAdmin(MinisterieBeheer, admin.ModelAdmin):
    list_display = ["gemeente", "peildatum", "aantal", "bron", "voorlopig"]
    list_filter = ["peildatum"]
    raw_id_fields = ["cbs_import"]
    search_fields = ["gemeente__naam"]
    list_select_related = ["gemeente"]


@admin.register(SesWoaScore)
class SesWoaScoreAdmin(MinisterieBeheer, admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "score", "bron", "voorlopig"]
    list_filter = ["jaar", "voorlopig"]
    raw_id_fields = ["cbs_import"]
    search_fields = ["gemeente__naam"]
    list_select_related = ["gemeente"]


@admin.register(Gemeentefusie)
class GemeentefusieAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    list_display = ["voorganger_naam", "voorganger_code", "opvolger_naam", "opvolger_code", "datum"]
    search_fields = ["voorganger_naam", "opvolger_naam", "voorganger_code", "opvolger_code"]


@admin.register(CbsImport)
class CbsImportAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    """Imports are made and applied on their own pages (preview first); here read only."""

    list_display = ["bestandsnaam", "soort", "tabel", "periode", "status", "aangemaakt_op"]
    list_filter = ["soort", "status"]
    exclude = ["inhoud"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BevrorenAlleenLezen:
    """Read-only once the raming it belongs to is vastgesteld (numbers are frozen); changes
    then go through a tussentijdse wijziging (new version)."""

    def _raming(self, obj):
        return obj if isinstance(obj, Raming) else getattr(obj, "raming", None)

    def has_change_permission(self, request, obj=None):
        raming = self._raming(obj) if obj is not None else None
        if raming is not None and (raming.is_bevroren or raming.historisch):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        raming = self._raming(obj) if obj is not None else None
        if raming is not None and (raming.is_bevroren or raming.historisch):
            return False
        return super().has_delete_permission(request, obj)


class ProvincieVerdelingInline(BevrorenAlleenLezen, MinisterieBeheer, admin.TabularInline):
    model = ProvincieVerdeling
    extra = 0
    fields = [
        "provincie",
        "opgave",
        "amv",
        "meerjarig_beschikbaar",
        "nog_te_realiseren",
        "herkomst",
        "bron",
    ]

    def has_add_permission(self, request, obj=None):
        if obj is not None and (obj.is_bevroren or obj.historisch):
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and (obj.is_bevroren or obj.historisch):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(Wetscyclus)
class WetscyclusAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    list_display = ["jaar", "omschrijving"]


@admin.register(Mijlpaal)
class MijlpaalAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    list_display = ["cyclus", "soort", "datum", "oorspronkelijke_datum"]
    list_filter = ["cyclus", "soort"]
    list_select_related = ["cyclus"]
    readonly_fields = ["oorspronkelijke_datum"]


@admin.register(Invoerbesluit)
class InvoerbesluitAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    list_display = ["cyclus", "soort", "datum", "landelijk_aantal", "amv_aantal", "referentie"]
    list_filter = ["cyclus", "soort"]
    list_select_related = ["cyclus"]


@admin.register(MeerjarigBeschikbaar)
class MeerjarigBeschikbaarAdmin(MinisterieBeheer, SimpleHistoryAdmin):
    list_display = ["cyclus", "gemeente", "provincie", "aantal", "peildatum", "herkomst"]
    list_filter = ["cyclus", "provincie"]
    list_select_related = ["cyclus", "gemeente", "provincie"]
    autocomplete_fields = ["gemeente"]


@admin.register(Raming)
class RamingAdmin(BevrorenAlleenLezen, MinisterieBeheer, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "status",
        "landelijk_aantal",
        "afrondingsmethode",
        "zonder_ses",
        "historisch",
        "gepubliceerd_op",
    ]
    list_filter = ["status", "cyclus", "zonder_ses", "historisch"]
    list_select_related = ["cyclus"]
    inlines = [ProvincieVerdelingInline]
    readonly_fields = [
        "status",
        "versie",
        "vorige_versie",
        "berekend_op",
        "vastgesteld_op",
        "vastgesteld_door",
    ]

    def get_queryset(self, request):
        return Raming.objects.zichtbaar_voor(request.user).select_related("cyclus")


@admin.register(GemeenteVerdeling)
class GemeenteVerdelingAdmin(BevrorenAlleenLezen, MinisterieBeheer, admin.ModelAdmin):
    list_display = ["gemeente", "raming", "aantal", "amv", "inwoners", "ses_woa"]
    list_filter = ["raming__cyclus", "raming", "gemeente__provincie"]
    search_fields = ["gemeente__naam", "gemeente__code"]
    list_select_related = ["gemeente", "raming", "raming__cyclus"]
    raw_id_fields = ["gemeente", "raming"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(raming__in=Raming.objects.zichtbaar_voor(request.user))
        )


@admin.register(ProvincieVerdeling)
class ProvincieVerdelingAdmin(BevrorenAlleenLezen, MinisterieBeheer, admin.ModelAdmin):
    list_display = [
        "provincie",
        "raming",
        "opgave",
        "amv",
        "meerjarig_beschikbaar",
        "nog_te_realiseren",
    ]
    list_filter = ["raming__cyclus", "raming"]
    list_select_related = ["provincie", "raming", "raming__cyclus"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(raming__in=Raming.objects.zichtbaar_voor(request.user))
        )
