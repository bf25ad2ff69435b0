"""Admin (ministry only): scenarios with their inputs; results and shares are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Scenario,
    ScenarioAanpassing,
    ScenarioBeschikbaarWijziging,
    ScenarioDeling,
    ScenarioUitkomst,
)


class ZichtbaarVoorMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).zichtbaar_voor(request.user)

    def has_module_permission(self, request):
        return getattr(request.user, "is_ministerie", False) and super().has_module_permission(
            request
        )


class AanpassingInline(admin.TabularInline):
    model = ScenarioAanpassing
    extra = 0
    readonly_fields = ["label", "delta", "volgorde"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class BeschikbaarInline(admin.TabularInline):
    model = ScenarioBeschikbaarWijziging
    extra = 0
    readonly_fields = ["provincie", "gemeente", "nieuw_aantal", "delta", "toelichting"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DelingInline(admin.TabularInline):
    model = ScenarioDeling
    fk_name = "scenario"
    extra = 0
    readonly_fields = ["gebruiker", "gedeeld_door", "gedeeld_op"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scenario)
class ScenarioAdmin(ZichtbaarVoorMixin, SimpleHistoryAdmin):
    """Inputs are changed on the scenario pages (which recompute); here only name and text."""

    list_display = ["naam", "basis", "auteur", "resultaat_landelijk", "gedeeld", "berekend_op"]
    list_filter = ["gedeeld", "basis__cyclus"]
    search_fields = ["naam", "beschrijving"]
    list_select_related = ["basis__cyclus", "auteur"]
    readonly_fields = [
        "basis",
        "auteur",
        "landelijk_aantal",
        "amv_aandeel",
        "peildatum_inwoners",
        "ses_jaar",
        "afrondingsmethode",
        "resultaat_landelijk",
        "resultaat_amv",
        "berekend_op",
        "gedeeld",
        "gedeeld_op",
        "gedeelde_invoer",
    ]
    inlines = [AanpassingInline, BeschikbaarInline, DelingInline]

    def has_add_permission(self, request):
        return False


@admin.register(ScenarioUitkomst)
class ScenarioUitkomstAdmin(admin.ModelAdmin):
    list_display = ["scenario", "set", "provincie", "gemeente", "aantal", "nog_te_realiseren"]
    list_filter = ["set", "provincie"]
    list_select_related = ["scenario", "provincie", "gemeente"]
    search_fields = ["scenario__naam", "gemeente__naam"]

    def get_queryset(self, request):
        zichtbaar = Scenario.objects.zichtbaar_voor(request.user)
        return super().get_queryset(request).filter(scenario__in=zichtbaar)

    def has_module_permission(self, request):
        return getattr(request.user, "is_ministerie", False) and super().has_module_permission(
            request
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
