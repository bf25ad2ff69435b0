from django.contrib import admin

from .models import Gemeente, Inwonertal, Provincie, SesWoaScore


@admin.register(Provincie)
class ProvincieAdmin(admin.ModelAdmin):
    list_display = ["code", "naam"]
    search_fields = ["naam", "code"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "provincie"]
    list_filter = ["provincie"]
    search_fields = ["naam", "code"]


@admin.register(Inwonertal)
class InwonertalAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "peildatum", "aantal"]
    list_filter = ["peildatum"]
    search_fields = ["gemeente__naam"]
    list_select_related = ["gemeente"]


@admin.register(SesWoaScore)
class SesWoaScoreAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "jaar", "score"]
    list_filter = ["jaar"]
    search_fields = ["gemeente__naam"]
    list_select_related = ["gemeente"]
