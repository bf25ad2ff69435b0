"""Template tags to embed the insight charts on any page.

- ``{% provinciekaart maat %}``: the province map for the signed-in user (ministry overview),
  with ``maat`` one of opgave / aangeboden / gerealiseerd / verslag; optional ``cyclus=`` (a
  Wetscyclus or a year) and ``id=`` (unique on the page).
- ``{% openbare_provinciekaart raming %}``: the public map (published opgave only) for the
  public raming pages; no login needed. Optional ``id=`` and ``url_naam=`` (a URL name taking
  the province code, for the province links; default: the province's row in the table).
- ``{% voortgangsbalken %}``, ``{% cyclustijdlijn %}``, ``{% realisatietrends %}``: the other
  charts for the signed-in user, each with table and CSV link.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from inzicht import grafieken as gr
from inzicht import selectors as sel
from inzicht.tabellen import opmaak

register = template.Library()


@register.filter
def rt_opmaak(waarde, soort="tekst"):
    return opmaak(waarde, soort)


def _cyclus(context, cyclus):
    if cyclus is None:
        cyclus = context.get("cyclus")
    if cyclus is None or isinstance(cyclus, (int, str)):
        return sel.kies_cyclus(cyclus)
    return cyclus


def _gebruiker(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("charts/provinciekaart.html", takes_context=True)
def provinciekaart(context, maat="opgave", cyclus=None, id="kaart"):
    user = _gebruiker(context)
    if user is None or not user.is_authenticated:
        return {"kaart": None}
    overzicht = sel.provincie_overzicht(user, _cyclus(context, cyclus))
    return {"kaart": gr.kaart_grafiek(overzicht, maat, id_prefix=id)}


@register.inclusion_tag("charts/openbare_kaart.html")
def openbare_provinciekaart(raming, id="openbare-kaart", url_naam=""):
    if raming is None:
        return {"kaart": None}
    link = None
    if url_naam:

        def link(stand):
            return reverse(url_naam, args=[stand.code])

    return {"kaart": gr.openbare_kaart_grafiek(raming, id_prefix=id, link=link)}


@register.inclusion_tag("charts/grafiek.html", takes_context=True)
def voortgangsbalken(context, cyclus=None, id="voortgang"):
    user = _gebruiker(context)
    overzicht = sel.provincie_overzicht(user, _cyclus(context, cyclus))
    return {"g": gr.voortgang_grafiek(overzicht, id_prefix=id), "onder": True}


@register.inclusion_tag("charts/grafiek.html", takes_context=True)
def cyclustijdlijn(context, cyclus=None, id="tijdlijn"):
    user = _gebruiker(context)
    tijdlijn = sel.cyclus_tijdlijn(user, _cyclus(context, cyclus))
    return {"g": gr.tijdlijn_grafiek(tijdlijn, id_prefix=id), "onder": True}


@register.inclusion_tag("charts/grafiek.html", takes_context=True)
def realisatietrends(context, cyclus=None, id="trend"):
    user = _gebruiker(context)
    cyclus = _cyclus(context, cyclus)
    trend = sel.realisatie_trends(user, cyclus)
    return {"g": gr.trend_grafiek(trend, cyclus, id_prefix=id), "onder": True}
