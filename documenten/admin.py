"""Admin for documents (ministry only, read-only): a document changes only by a new act."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Bundel, Document


def _is_ministerie(request) -> bool:
    user = request.user
    return bool(
        user.is_active
        and (user.is_superuser or (getattr(user, "is_ministerie", False) and user.is_staff))
    )


class AlleenLezen(SimpleHistoryAdmin):
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


@admin.register(Document)
class DocumentAdmin(AlleenLezen):
    list_display = ["titel", "kenmerk", "soort", "versie", "gemaakt_op", "bytes"]
    list_filter = ["soort", "pdf_variant"]
    search_fields = ["titel", "kenmerk", "sha256", "gemeente__naam"]
    readonly_fields = [
        "soort",
        "content_type",
        "object_id",
        "kenmerk",
        "versie",
        "titel",
        "bestand",
        "sha256",
        "bytes",
        "pdf_variant",
        "gemaakt_op",
        "gemaakt_door",
        "bevroren",
        "provincie",
        "gemeente",
        "openbaar",
    ]


@admin.register(Bundel)
class BundelAdmin(AlleenLezen):
    list_display = ["titel", "status", "klaar", "totaal", "aangevraagd_door", "aangevraagd_op"]
    list_filter = ["status", "soort"]
    readonly_fields = [
        "soort",
        "content_type",
        "object_id",
        "titel",
        "status",
        "totaal",
        "klaar",
        "bestand",
        "sha256",
        "bytes",
        "fout",
        "aangevraagd_door",
        "aangevraagd_op",
        "gestart_op",
        "klaar_op",
    ]
