"""Admin of the stored computations of meerjarig beschikbaar: read-only (a computation is
never changed; compute again on /meerjarig-beschikbaar/)."""

from django.contrib import admin

from core.audit.admin import AlleenLezenVoorMinisterie

from .models import BerekendeLocatie, BerekendeProvincie, Beschikbaarheidsberekening


class BerekendeProvincieInline(AlleenLezenVoorMinisterie, admin.TabularInline):
    model = BerekendeProvincie
    fields = ["provincie", "vorig_aantal", "aantal", "vorige_bron"]
    readonly_fields = fields
    extra = 0


@admin.register(Beschikbaarheidsberekening)
class BeschikbaarheidsberekeningAdmin(AlleenLezenVoorMinisterie, admin.ModelAdmin):
    list_display = ["pk", "cyclus", "peildatum", "horizon", "marge", "totaal", "berekend_op"]
    list_filter = ["cyclus"]
    readonly_fields = [
        "cyclus",
        "peildatum",
        "horizon",
        "marge",
        "totaal",
        "toelichting",
        "vervangt",
        "berekend_op",
        "berekend_door",
    ]
    exclude = ["provincies"]
    inlines = [BerekendeProvincieInline]


@admin.register(BerekendeLocatie)
class BerekendeLocatieAdmin(AlleenLezenVoorMinisterie, admin.ModelAdmin):
    list_display = ["naam", "gemeente", "berekening", "fase", "geteld", "telt", "reden"]
    list_filter = ["telt", "reden", "berekening"]
    search_fields = ["naam", "gemeente__naam"]
    list_select_related = ["gemeente", "berekening__cyclus"]
    readonly_fields = [
        "berekening",
        "locatie",
        "gemeente",
        "naam",
        "fase",
        "capaciteit_regulier",
        "capaciteit_amv",
        "overeenkomst_gesloten_op",
        "beschikbaar_vanaf",
        "beschikbaar_tot",
        "coa_bevestigd",
        "geteld",
        "telt",
        "reden",
        "toelichting",
    ]
