from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

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
