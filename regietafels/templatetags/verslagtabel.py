"""The rows of the ministry overview, built in Python, and the number format they share with
the verdeelbesluit rows: numbers in the active locale's format ("1.234" in Dutch), like
``{{ getal }}`` with USE_THOUSAND_SEPARATOR. (The verslag table is a template again:
``regietafels/_verslagregel.html``.)
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.formats import get_format, number_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

register = template.Library()


def getalopmaak():
    """A function formatting an integer as ``{{ n }}`` would in the active locale (with the
    thousands separator when USE_THOUSAND_SEPARATOR is on), but without the per-call lookups."""
    grouping = get_format("NUMBER_GROUPING")
    if not settings.USE_THOUSAND_SEPARATOR or grouping == 0:
        return str
    if grouping == 3:
        scheiding = get_format("THOUSAND_SEPARATOR")

        def opmaak(n: int) -> str:
            return f"{n:,}".replace(",", scheiding) if n >= 1000 or n <= -1000 else str(n)

        return opmaak
    return number_format


# --- the ministry overview ------------------------------------------------------------------

_STATUS_BADGE = {
    "beoordeeld": "voldoende",
    "teruggestuurd": "waarschuwing",
    "ingediend": "ingediend",
}


def status_html(verslag) -> str:
    """The status badges of a verslag (what ``regietafels/_status.html`` produces)."""
    if not verslag:
        return '<span class="rt-badge rt-badge--open">Nog niet aangemaakt</span>\n'
    soort = _STATUS_BADGE.get(verslag.status, "concept")
    html = (
        f'<span class="rt-badge rt-badge--{soort}">'
        f"{conditional_escape(verslag.get_status_display())}</span>"
    )
    if verslag.te_laat:
        html += ' <span class="rt-badge rt-badge--te-laat">te laat</span>'
    return html + "\n"


def overzicht_rijen_html(regels, cyclus) -> SafeString:
    """The ``<tr>`` of every regietafel on the ministry overview (``OverzichtRegel``s)."""
    from django.urls import reverse
    from django.utils.formats import date_format

    getal = getalopmaak()
    jaar = f"?cyclus={cyclus.jaar:d}"
    # One reverse per URL name: slugs are URL-safe, so the placeholder is replaced as is.
    tafel_url = reverse("regietafels:regietafel", kwargs={"slug": "SLUG"})
    verslag_url = reverse("regietafels:verslag", kwargs={"slug": "SLUG"})

    def datum(d) -> str:
        return date_format(d, "j M Y") if d else ""

    delen = []
    for r in regels:
        provincie = r.regietafel.provincie
        slug = escape(provincie.slug)
        te_laat = " rt-rt-rij--te-laat" if r.te_laat else ""
        if r.verslag:
            aangeboden = (
                f'<a class="utrecht-link" href="{verslag_url.replace("SLUG", slug)}{jaar}">'
                f"{getal(r.aangeboden)}</a>"
            )
        else:
            aangeboden = "–"
        tekort = " rt-rt-tekort" if r.verschil < 0 else ""
        status = status_html(r.verslag)
        if r.te_laat and not (r.verslag and r.verslag.te_laat):
            status += ' <span class="rt-badge rt-badge--te-laat">termijn verstreken</span>'
        if r.open_verzoeken:
            status += ' <span class="rt-badge rt-badge--info">verlengingsverzoek</span>'
        termijn = datum(r.termijn) or "–"
        if r.oorspronkelijke_termijn and r.termijn != r.oorspronkelijke_termijn:
            termijn += f' <span class="rt-zacht">(was {datum(r.oorspronkelijke_termijn)})</span>'
        dagen = "–" if r.dagen is None else getal(r.dagen)
        delen.append(
            f'<tr class="utrecht-table__row{te_laat}">'
            f'<th scope="row" class="utrecht-table__header-cell"><a class="utrecht-link" '
            f'href="{tafel_url.replace("SLUG", slug)}{jaar}">{escape(provincie.naam)}</a></th>'
            f'<td class="utrecht-table__cell rt-getal">{getal(r.opgave)}</td>'
            f'<td class="utrecht-table__cell rt-getal">{aangeboden}</td>'
            f'<td class="utrecht-table__cell rt-getal{tekort}">{getal(r.verschil)}</td>'
            f'<td class="utrecht-table__cell">{status}</td>'
            f'<td class="utrecht-table__cell">{termijn}</td>'
            f'<td class="utrecht-table__cell rt-getal">{dagen}</td>'
            "</tr>\n"
        )
    # every text above is escaped; the rest is fixed markup
    return SafeString("".join(delen))


@register.simple_tag
def overzicht_rijen(regels, cyclus):
    """``{% overzicht_rijen regels cyclus %}``"""
    return overzicht_rijen_html(regels, cyclus)
