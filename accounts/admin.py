from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from knox.models import AuthToken

from core.audit.admin import AlleenLezenVoorMinisterie
from core.audit.models import Soort
from core.audit.services import log_gebeurtenis

from .models import Gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "rol", "provincie", "gemeente", "is_active"]
    list_select_related = ["provincie", "gemeente"]
    list_filter = ["rol", "provincie", "is_active", "is_demo"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = UserAdmin.fieldsets + (
        ("Rol", {"fields": ("rol", "provincie", "gemeente", "is_demo")}),
    )
    autocomplete_fields = ["gemeente"]


# Personal API tokens: knox's own admin would list digests and make tokens outside the one-token
# rule and the security log. Here ministry staff see whose token works until when, and may
# revoke one (logged like a revocation on the profile page).
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(AlleenLezenVoorMinisterie, admin.ModelAdmin):
    list_display = ["user", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "created", "expiry"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        log_gebeurtenis(soort=Soort.TOKEN_INGETROKKEN, request=request, gebruiker=obj.user)

    def delete_queryset(self, request, queryset):
        gebruikers = [token.user for token in queryset.select_related("user")]
        super().delete_queryset(request, queryset)
        for gebruiker in gebruikers:
            log_gebeurtenis(soort=Soort.TOKEN_INGETROKKEN, request=request, gebruiker=gebruiker)
