"""Admin of the bezwaar app (ministry only). A bezwaar, its attachments and postponements change
only through the services (read-only here); the days equated with holidays (Atw art. 3 lid 3)
are data the ministry keeps here."""

from django.contrib import admin

from regietafels.admin import AlleenLezen, MinisterieBeheer

from .models import Bezwaar, BezwaarBijlage, GelijkgesteldeDag, Uitstel


@admin.register(Bezwaar)
class BezwaarAdmin(AlleenLezen):
    list_display = [
        "kenmerk",
        "gemeente",
        "indiener",
        "ontvangen_op",
        "te_laat",
        "status",
        "uitkomst",
    ]
    list_filter = ["status", "uitkomst", "indiener", "te_laat"]
    search_fields = ["kenmerk", "gemeente__naam"]


@admin.register(BezwaarBijlage)
class BezwaarBijlageAdmin(AlleenLezen):
    list_display = ["oorspronkelijke_naam", "bezwaar", "soort", "toegevoegd_op"]
    exclude = ["bestand"]


@admin.register(Uitstel)
class UitstelAdmin(AlleenLezen):
    list_display = ["bezwaar", "soort", "nieuwe_datum", "op"]


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(MinisterieBeheer):
    list_display = ["datum", "besluit"]
