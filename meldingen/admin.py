"""Admin (ministry only): which mails left, to whom, when, and which are still waiting.
Read-only: the rows are the log; a failed one is sent again by the sweep."""

from django.contrib import admin

from .models import Mail, Meldopdracht


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ["onderwerp", "e_mail", "soort", "status", "pogingen", "verzonden_op"]
    list_filter = ["status", "soort"]
    search_fields = ["onderwerp", "e_mail", "sleutel"]
    readonly_fields = [f.name for f in Mail._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).zichtbaar_voor(request.user)


@admin.register(Meldopdracht)
class MeldopdrachtAdmin(admin.ModelAdmin):
    """The notices of acts that tell many people at once: waiting for the worker, written, or
    failed (with the error; the sweep runs it again)."""

    list_display = ["sleutel", "taak", "status", "pogingen", "aangemaakt_op", "verwerkt_op"]
    list_filter = ["status", "taak"]
    search_fields = ["sleutel"]
    readonly_fields = [f.name for f in Meldopdracht._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
