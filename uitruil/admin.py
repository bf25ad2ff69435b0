"""Admin (ministry only, at /beheer/). Exchanges change only through the services, so the
admin shows them read-only, with their party rows, timeline and history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Taakstelling, Uitruil, UitruilPartij, UitruilStap


def _is_ministerie(request) -> bool:
    return getattr(request.user, "is_ministerie", False) or request.user.is_superuser


class AlleenLezen:
    """Ministry staff may look (module and view permission); nobody adds, changes or deletes."""

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


class PartijInline(AlleenLezen, admin.TabularInline):
    model = UitruilPartij
    extra = 0
    fields = ["gemeente", "richting", "taak", "aantal", "instemming", "reden", "door", "op"]
    readonly_fields = fields


class StapInline(AlleenLezen, admin.TabularInline):
    model = UitruilStap
    extra = 0
    fields = ["versie", "soort", "door", "gemeente", "op", "toelichting"]
    readonly_fields = fields


@admin.register(Uitruil)
class UitruilAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = [
        "pk",
        "provincie",
        "voorgesteld_door_gemeente",
        "cyclus",
        "status",
        "verhouding",
        "voorgesteld_op",
    ]
    list_filter = ["status", "provincie", "cyclus"]
    search_fields = ["voorgesteld_door_gemeente__naam", "partijen__gemeente__naam", "motivatie"]
    list_select_related = ["provincie", "voorgesteld_door_gemeente", "cyclus"]
    inlines = [PartijInline, StapInline]

    def get_queryset(self, request):
        return Uitruil.objects.zichtbaar_voor(request.user)


@admin.register(Taakstelling)
class TaakstellingAdmin(AlleenLezen, SimpleHistoryAdmin):
    list_display = ["gemeente", "cyclus", "taak", "aantal", "bron", "gewijzigd_op"]
    list_filter = ["cyclus", "taak", "gemeente__provincie"]
    search_fields = ["gemeente__naam"]
    list_select_related = ["gemeente", "cyclus"]
