"""The security log and the brute-force records, read-only for ministry staff."""

import csv

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.http import HttpResponse

from core.exports import veilige_cel

from . import log_export
from .models import Beveiligingsgebeurtenis


def _is_ministerie(request) -> bool:
    user = request.user
    return bool(getattr(user, "is_ministerie", False) and user.is_staff and user.is_active)


class AlleenLezenVoorMinisterie:
    """Viewing for ministry staff; nobody adds, changes or deletes through the admin."""

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


@admin.register(Beveiligingsgebeurtenis)
class BeveiligingsgebeurtenisAdmin(AlleenLezenVoorMinisterie, admin.ModelAdmin):
    list_display = ["tijdstip", "soort", "gebruikersnaam", "ip_adres", "methode", "pad"]
    list_filter = ["soort", "tijdstip"]
    search_fields = ["gebruikersnaam", "ip_adres", "pad"]
    date_hierarchy = "tijdstip"
    readonly_fields = [
        "tijdstip",
        "soort",
        "gebruiker_id",
        "gebruikersnaam",
        "ip_adres",
        "methode",
        "pad",
        "details",
    ]
    actions = ["exporteren_csv"]

    def get_queryset(self, request):
        return Beveiligingsgebeurtenis.objects.zichtbaar_voor(request.user)

    def get_actions(self, request):
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties

    @admin.action(description="Geselecteerde gebeurtenissen exporteren (CSV)")
    def exporteren_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="beveiligingslog.csv"'
        schrijver = csv.writer(response, delimiter=";")
        velden = ["tijdstip", "soort", "gebruikersnaam", "ip_adres", "methode", "pad", "details"]
        schrijver.writerow(velden)
        aantal = 0
        for rij in queryset.order_by("tijdstip", "id"):
            waarden = (getattr(rij, veld) for veld in velden)
            schrijver.writerow([veilige_cel("" if w is None else str(w)) for w in waarden])
            aantal += 1
        log_export(request, "beveiligingslog (csv)", aantal=aantal)
        return response


for _model, _admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(AccessAttempt)
class BlokkadeAdmin(AlleenLezenVoorMinisterie, AccessAttemptAdmin):
    """Current lockouts. Ministry staff may delete a record to lift a lockout early."""

    def has_delete_permission(self, request, obj=None):
        return _is_ministerie(request)


@admin.register(AccessLog)
class ToegangslogAdmin(AlleenLezenVoorMinisterie, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class MislukteInlogAdmin(AlleenLezenVoorMinisterie, AccessFailureLogAdmin):
    pass
