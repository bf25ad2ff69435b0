"""The rows of the verslag table, built in Python.

A verslag has a row per gemeente (56 in Noord-Brabant) with up to seven inputs each; rendering
them with template includes took most of the page's time. These helpers produce the same markup
(ids, names, labels, classes, data and aria attributes, error messages) as the former
``regietafels/_invoer.html`` include, with every text escaped and numbers in the active
locale's format ("1.234" in Dutch), like ``{{ getal }}`` with USE_THOUSAND_SEPARATOR.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.formats import get_format, number_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString

register = template.Library()

# (field, label, soort) of the inputs, in column order around the computed cells
_AANTALLEN = (
    ("bestaande_locaties", "Bestaande locaties", "aantal"),
    ("vastgestelde_plannen", "Vastgestelde plannen", "aantal"),
    ("bestuurlijke_voornemens", "Bestuurlijke voornemens", "aantal"),
)
_NA_VERSCHIL = (
    ("amv", "Amv", "amv"),
    ("beschikbaar_van", "Beschikbaar van", "datum"),
    ("beschikbaar_tot", "Beschikbaar tot", "datum"),
)


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


def _datum(d) -> str:
    """``{{ d|date:"d-m-Y"|default:"–" }}``"""
    if not d:
        return "–"
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def _invoer(g: str, veld: str, label: str, soort: str, naam: str, waarde, fout) -> str:
    """One input cell (what ``_invoer.html`` produced). ``naam`` is already escaped."""
    id_ = f"regel-{g}-{veld}"
    if soort == "datum":
        soort_attr = 'type="date"'
    else:
        soort_attr = f'type="text" inputmode="numeric" data-veld="{veld}"'
    waarde = conditional_escape("" if waarde is None else waarde)
    if fout:
        return (
            f'<td class="utrecht-table__cell rt-rt-fout"><label class="rt-visueel-verborgen" '
            f'for="{id_}">{label} {naam}</label><input class="utrecht-textbox '
            f'utrecht-textbox--invalid rt-rt-{soort}" {soort_attr} id="{id_}" name="{id_}" '
            f'value="{waarde}" aria-invalid="true" aria-describedby="{id_}-fout">'
            f'<p class="utrecht-form-field-error-message" id="{id_}-fout">'
            f"{conditional_escape(fout)}</p></td>"
        )
    return (
        f'<td class="utrecht-table__cell"><label class="rt-visueel-verborgen" for="{id_}">'
        f'{label} {naam}</label><input class="utrecht-textbox rt-rt-{soort}" {soort_attr} '
        f'id="{id_}" name="{id_}" value="{waarde}"></td>'
    )


def verslag_rijen_html(rijen, *, bewerkbaar: bool, met_uitruil: bool) -> SafeString:
    """The ``<tr>`` of every row of the verslag table. ``rijen``: the dicts the verslag view
    builds (``regel``, ``v`` the values shown in the inputs, ``fouten``, ``uitruil``,
    ``asielopvang``)."""
    getal = getalopmaak()
    delen = []
    for rij in rijen:
        regel = rij["regel"]
        g = str(regel.gemeente_id)
        naam = escape(regel.gemeente.naam)
        cellen = [
            f'<tr class="utrecht-table__row rt-rt-regel" data-indicatief="'
            f'{regel.indicatief_aantal:d}">'
            f'<th scope="row" class="utrecht-table__header-cell" id="g{g}">{naam}</th>'
            f'<td class="utrecht-table__cell rt-getal">{getal(regel.indicatief_aantal)}</td>'
        ]
        if met_uitruil:
            uitruil = rij["uitruil"]
            extra = f' <span class="rt-zacht">({uitruil:+d})</span>' if uitruil else ""
            cellen.append(
                f'<td class="utrecht-table__cell rt-getal">{getal(rij["asielopvang"])}{extra}</td>'
            )
        aangeboden = regel.aangeboden
        verschil = aangeboden - regel.indicatief_aantal
        if bewerkbaar:
            waarden, fouten = rij["v"], rij["fouten"]
            for veld, label, soort in _AANTALLEN:
                cellen.append(
                    _invoer(g, veld, label, soort, naam, waarden.get(veld), fouten.get(veld))
                )
            cellen.append(
                f'<td class="utrecht-table__cell rt-getal rt-rt-aangeboden">{getal(aangeboden)}'
                f'</td><td class="utrecht-table__cell rt-getal rt-rt-verschil">{getal(verschil)}'
                "</td>"
            )
            for veld, label, soort in _NA_VERSCHIL:
                cellen.append(
                    _invoer(g, veld, label, soort, naam, waarden.get(veld), fouten.get(veld))
                )
            opmerking = conditional_escape(waarden.get("opmerking") or "")
            cellen.append(
                f'<td class="utrecht-table__cell"><label class="rt-visueel-verborgen" '
                f'for="regel-{g}-opmerking">Opmerking {naam}</label><input class="utrecht-textbox '
                f'rt-rt-opmerking" type="text" id="regel-{g}-opmerking" name="regel-{g}-opmerking" '
                f'value="{opmerking}"></td>'
            )
        else:
            cellen.append(
                f'<td class="utrecht-table__cell rt-getal">{getal(regel.bestaande_locaties)}</td>'
                f'<td class="utrecht-table__cell rt-getal">{getal(regel.vastgestelde_plannen)}</td>'
                f'<td class="utrecht-table__cell rt-getal">{getal(regel.bestuurlijke_voornemens)}'
                f'</td><td class="utrecht-table__cell rt-getal">{getal(aangeboden)}</td>'
                f'<td class="utrecht-table__cell rt-getal">{getal(verschil)}</td>'
                f'<td class="utrecht-table__cell rt-getal">{getal(regel.amv)}</td>'
                f'<td class="utrecht-table__cell">{_datum(regel.beschikbaar_van)}</td>'
                f'<td class="utrecht-table__cell">{_datum(regel.beschikbaar_tot)}</td>'
                f'<td class="utrecht-table__cell">{escape(regel.opmerking)}</td>'
            )
        cellen.append("</tr>\n")
        delen.append("".join(cellen))
    # every text above is escaped; the rest is fixed markup
    return SafeString("".join(delen))


@register.simple_tag
def verslag_rijen(rijen, bewerkbaar=False, met_uitruil=False):
    """``{% verslag_rijen rijen bewerkbaar=bewerkbaar met_uitruil=uitruilen %}``"""
    return verslag_rijen_html(rijen, bewerkbaar=bool(bewerkbaar), met_uitruil=bool(met_uitruil))


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
