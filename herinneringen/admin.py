"""Admin (ministry only): which reminders were sent, to whom, when, and which failed. Read-only:
the records are the log; a failed one is sent again by the next sweep."""

from django.contrib import admin

from .models import Herinnering, Voorkeur


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).zichtbaar_voor(request.user)


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezen):
    list_display = [
        "titel",
        "e_mail",
        "stap",
        "status",
        "gepland_voor",
        "verzonden_op",
        "pogingen",
        "laatste_fout",
    ]
    list_filter = ["status", "soort", "gepland_voor"]
    search_fields = ["titel", "e_mail", "sleutel"]
    date_hierarchy = "gepland_voor"
    list_select_related = ["ontvanger"]


@admin.register(Voorkeur)
class VoorkeurAdmin(AlleenLezen):
    list_display = ["gebruiker", "e_mail", "heeft_agenda"]
    list_filter = ["e_mail"]
    exclude = ["ical_token"]
    list_select_related = ["gebruiker"]

    @admin.display(boolean=True, description="agenda-adres actief")
    def heeft_agenda(self, obj):
        return bool(obj.ical_token)
