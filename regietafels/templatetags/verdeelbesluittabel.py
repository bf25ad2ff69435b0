"""The gemeente rows of a verdeelbesluit (342 in a national one) and of the realisation page,
built in Python.

Rendering them with the template engine took most of the page's time (about 40 of 50 ms).
The markup is the same as the former loop in ``regietafels/verdeelbesluit.html``: every text
escaped, numbers in the active locale's format ("1.234"), dates as ``|date:"j M Y"``.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.dateformat import format as datum_opmaak
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from .verslagtabel import getalopmaak

register = template.Library()

_CEL = '<td class="utrecht-table__cell">'
_GETAL = '<td class="utrecht-table__cell rt-getal">'


def _datum(datum, gezien: dict) -> str:
    """``{{ datum|date:"j M Y"|default:"–" }}``, each distinct date formatted once."""
    if not datum:
        return "–"
    if datum not in gezien:
        gezien[datum] = conditional_escape(datum_opmaak(datum, "j M Y"))
    return gezien[datum]


def verdeelbesluit_rijen_html(regels, *, besluit_pk: int, bewerkbaar: bool) -> SafeString:
    getal = getalopmaak()
    datums: dict = {}
    link = None
    if bewerkbaar:
        # one reverse for all rows: the row's pk replaces the placeholder
        link = reverse(
            "regietafels:verdeelbesluit_regel", kwargs={"pk": besluit_pk, "regel_pk": 999999991}
        )
    delen = []
    for r in regels:
        naam = conditional_escape(r.gemeente.naam)
        if link is not None:
            href = link.replace("999999991", str(r.pk))
            kop = f'<a class="utrecht-link" href="{href}">{naam}</a>'
        else:
            kop = naam
        toelichting = ""
        if r.vrijgesteld:
            toelichting = f"Vrijgesteld: {conditional_escape(r.vrijstelling_reden)}"
        if r.aanpassingsreden:
            toelichting += f" Aangepast: {conditional_escape(r.aanpassingsreden)}"
        termijn_tekst = _datum(r.realisatietermijn, datums)
        delen.append(
            '<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">'
            f"{kop}</th>{_CEL}{conditional_escape(str(r.gemeente.provincie))}</td>"
            f"{_GETAL}{getal(r.indicatief_aantal)}</td>{_GETAL}{getal(r.aangeboden)}</td>"
            f"{_GETAL}{getal(r.restopgave)}</td>{_GETAL}{getal(r.voorgesteld)}</td>"
            f"{_GETAL}{getal(r.aantal)}</td>{_CEL}{toelichting}</td>"
            f"{_CEL}{termijn_tekst}</td></tr>"
        )
    # every text above is escaped; the rest is fixed markup
    return SafeString("".join(delen))


@register.simple_tag
def verdeelbesluit_rijen(regels, besluit, bewerkbaar=False):
    """``{% verdeelbesluit_rijen regels besluit bewerkbaar=bewerkbaar %}``"""
    return verdeelbesluit_rijen_html(regels, besluit_pk=besluit.pk, bewerkbaar=bool(bewerkbaar))


def realisatie_rijen_html(gemeenten) -> SafeString:
    """The per-gemeente rows of the realisation page (``selectors.realisatie_overzicht``'s
    ``gemeenten``), as the former template loop produced them."""
    getal = getalopmaak()
    datums: dict = {}
    delen = []
    for g in gemeenten:
        regel = g["regel"]
        termijn_tekst = _datum(regel.realisatietermijn, datums)
        delen.append(
            '<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">'
            f"{conditional_escape(str(regel.gemeente))}</th>{_GETAL}{getal(regel.aantal)}</td>"
            f"{_GETAL}{getal(g['gerealiseerd'])}</td>{_GETAL}{getal(g['rest'])}</td>"
            f"{_CEL}{termijn_tekst}</td></tr>"
        )
    return SafeString("".join(delen))
