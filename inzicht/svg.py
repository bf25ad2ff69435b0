"""Server-side SVG charts: pure functions from figures to markup (safe strings).

Every text that goes into the markup is escaped here. No style attributes (the
Content-Security-Policy forbids them): colours are SVG presentation attributes, the rest comes
from static/css/regietafel.css. Colour is never the only carrier of meaning: the map prints
each province's value on it, bars have distinct fills (outline, hatched, solid) and their
numbers, trend lines end in a province label, and every chart has its table beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.grenzen import begrensde_datum

from .geometrie import AFKORTINGEN, kaartvormen
from .selectors import MAAT_VERSLAG, VERSLAG_STATUSSEN, Stand, Tijdlijn, Trend
from .tabellen import GETAL, PROCENT, VOORTGANG_STAPPEN, getal, kaart_waarde, opmaak

# Sequential blues, light → dark (the two darkest take a white label).
BLAUWEN = ("#e3edf7", "#b4cde6", "#7ea8d3", "#3d74b0", "#163f70")
DONKERE_KLASSEN = {3, 4}
# Verslag status → (fill, label is light?)
STATUS_KLEUREN = {
    "geen": ("#ffffff", False),
    "concept": ("#f6dca5", False),
    "ingediend": ("#b4cde6", False),
    "teruggestuurd": ("#eaa5a8", False),
    "beoordeeld": ("#163f70", True),
}
STATUS_KORT = {
    "geen": "geen",
    "concept": "concept",
    "ingediend": "ingediend",
    "teruggestuurd": "terug",
    "beoordeeld": "beoordeeld",
}
ONBEKEND_VULLING = "url(#{p}-arcering)"
PROCENT_GRENZEN = (25, 50, 75, 100)  # classes: <25, 25–49, 50–74, 75–99, ≥100


def _veilig(delen: list[str]) -> SafeString:
    """Join markup whose every text and attribute value was escaped with ``escape``/``_a``."""
    return mark_safe("".join(delen))  # noqa: S308 - all inserted values are escaped above


def _a(waarde) -> str:
    """Escape for an attribute value."""
    return escape(str(waarde))


def _arcering(p: str, kleur: str = "#5b6672") -> str:
    return (
        f'<pattern id="{p}-arcering" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{kleur}" stroke-width="2"/></pattern>'
    )


# --- classes and legend for the map --------------------------------------------------------


def _getal_grenzen(waarden: list[int]) -> list[int]:
    """Four class boundaries for counts: equal steps, rounded to a readable number."""
    hoogste = max(waarden) if waarden else 0
    if hoogste <= 0:
        return [1, 2, 3, 4]
    stap = hoogste / 5
    orde = 10 ** max(0, int(math.log10(stap)) - 0) if stap >= 1 else 1
    stap = max(1, int(math.ceil(stap / orde) * orde))
    return [stap, 2 * stap, 3 * stap, 4 * stap]


def _klasse(waarde: int, grenzen) -> int:
    for i, grens in enumerate(grenzen):
        if waarde < grens:
            return i
    return len(grenzen)


def kaart_legenda(standen: list[Stand], maat: str) -> list[dict]:
    """Legend entries: fill, label and whether the fill is the hatch for 'unknown'."""
    if maat == MAAT_VERSLAG:
        items = [
            {"vulling": STATUS_KLEUREN[k][0], "label": str(v), "arcering": False}
            for k, v in VERSLAG_STATUSSEN.items()
        ]
    else:
        waarden = [w for w in (kaart_waarde(s, maat)[0] for s in standen) if w is not None]
        soort = kaart_waarde(standen[0], maat)[1] if standen else GETAL
        grenzen = list(PROCENT_GRENZEN) if soort == PROCENT else _getal_grenzen(waarden)
        teken = "%" if soort == PROCENT else ""
        labels = [f"minder dan {getal(grenzen[0])}{teken}"]
        for laag, hoog in zip(grenzen, grenzen[1:], strict=False):
            labels.append(f"{getal(laag)}{teken} tot {getal(hoog)}{teken}")
        labels.append(f"{getal(grenzen[-1])}{teken} of meer")
        items = [
            {"vulling": kleur, "label": label, "arcering": False}
            for kleur, label in zip(BLAUWEN, labels, strict=True)
        ]
    items.append({"vulling": None, "label": "onbekend of niet zichtbaar", "arcering": True})
    return items


def _kaart_kleur(stand: Stand, maat: str, grenzen, p: str) -> tuple[str, bool, str]:
    """(fill, light label?, value text) of one province."""
    waarde, soort = kaart_waarde(stand, maat)
    if maat == MAAT_VERSLAG:
        if waarde is None:
            return ONBEKEND_VULLING.format(p=p), False, "–"
        kleur, licht = STATUS_KLEUREN.get(waarde, ("#ffffff", False))
        return kleur, licht, STATUS_KORT.get(waarde, str(waarde))
    if waarde is None:
        return ONBEKEND_VULLING.format(p=p), False, "–"
    k = _klasse(waarde, grenzen)
    return BLAUWEN[k], k in DONKERE_KLASSEN, opmaak(waarde, soort)


def provinciekaart_svg(
    standen: list[Stand],
    maat: str,
    *,
    titel: str,
    link: Callable[[Stand], str | None] | None = None,
    id_prefix: str = "kaart",
    waarde_label: str = "",
    vormen=None,
) -> SafeString:
    """The Netherlands with one linked, labelled <path> per province, coloured by ``maat``.
    ``vormen``: the ``kaartvormen()`` when already read."""
    vormen = vormen or kaartvormen()
    p = id_prefix
    waarden = [w for w in (kaart_waarde(s, maat)[0] for s in standen) if w is not None]
    soort = kaart_waarde(standen[0], maat)[1] if standen else GETAL
    if maat == MAAT_VERSLAG:
        grenzen = []
    else:
        grenzen = PROCENT_GRENZEN if soort == PROCENT else _getal_grenzen(waarden)
    legenda = kaart_legenda(standen, maat)

    legenda_hoogte = 22 * math.ceil(len(legenda) / 2) + 24
    breedte, kaarthoogte = vormen.breedte, vormen.hoogte
    hoogte = kaarthoogte + legenda_hoogte
    omschrijving = "; ".join(f"{s.naam}: {_kaart_kleur(s, maat, grenzen, p)[2]}" for s in standen)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rt-kaart" '
        f'viewBox="0 0 {breedte:.0f} {hoogte:.0f}" role="group" '
        f'aria-labelledby="{p}-titel" aria-describedby="{p}-omschrijving" '
        f'data-kaart="{"grenzen" if vormen.echte_grenzen else "tegels"}" data-maat="{_a(maat)}">',
        f'<title id="{p}-titel">{escape(titel)}</title>',
        f'<desc id="{p}-omschrijving">{escape(omschrijving)}. '
        f"De tabel bij de kaart geeft dezelfde cijfers.</desc>",
        f"<defs>{_arcering(p)}</defs>",
        '<g class="rt-kaart__provincies">',
    ]
    labels = []
    for stand in standen:
        vorm = vormen.vormen.get(stand.code)
        if vorm is None:
            continue
        vulling, licht, tekst = _kaart_kleur(stand, maat, grenzen, p)
        eenheid = f" {waarde_label}" if waarde_label and tekst != "–" else ""
        uitleg = f"{stand.naam}: {tekst}{eenheid}"
        pad = (
            f'<path id="{p}-{_a(stand.code)}" class="rt-kaart__vlak" data-code="{_a(stand.code)}" '
            f'data-waarde="{_a(tekst)}" d="{vorm.pad}" fill="{vulling}" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(uitleg)}</title></path>'
        )
        href = link(stand) if link else None
        if href:
            delen.append(f'<a href="{_a(href)}" aria-label="{_a(uitleg)}">{pad}</a>')
        else:
            delen.append(pad)
        klasse = "rt-kaart__label--licht" if licht else "rt-kaart__label--donker"
        labels.append(
            f'<text class="rt-kaart__label {klasse}" x="{vorm.label_x}" y="{vorm.label_y}" '
            f'text-anchor="middle" aria-hidden="true" data-code="{_a(stand.code)}">'
            f'<tspan x="{vorm.label_x}" dy="0">{escape(AFKORTINGEN.get(stand.code, stand.code))}'
            f'</tspan><tspan class="rt-kaart__waarde" x="{vorm.label_x}" dy="12">'
            f"{escape(tekst)}</tspan></text>"
        )
    delen.append("</g>")
    delen.append(f'<g class="rt-kaart__labels">{"".join(labels)}</g>')
    delen.append(_kaart_legenda_svg(legenda, p, kaarthoogte, breedte))
    delen.append("</svg>")
    return _veilig(delen)


def _kaart_legenda_svg(legenda, p: str, y0: float, breedte: float) -> str:
    uit = [f'<g class="rt-kaart__legenda" transform="translate(6 {y0 + 8:.0f})">']
    uit.append('<text x="0" y="0" font-size="11" font-weight="700" fill="#1b1f24">Legenda</text>')
    kolom_breedte = (breedte - 12) / 2
    for i, item in enumerate(legenda):
        x = (i % 2) * kolom_breedte
        y = 10 + (i // 2) * 22
        vulling = f"url(#{p}-arcering)" if item["arcering"] else item["vulling"]
        uit.append(
            f'<rect x="{x:.0f}" y="{y}" width="22" height="14" fill="{vulling}" '
            f'stroke="#1b1f24" stroke-width="1"/>'
            f'<text x="{x + 28:.0f}" y="{y + 11}" font-size="11" fill="#1b1f24">'
            f"{escape(item['label'])}</text>"
        )
    uit.append("</g>")
    return "".join(uit)


# --- progress bars ------------------------------------------------------------------------

BALK_VULLING = {
    "indicatief": ("#ffffff", "#1b1f24"),
    "aangeboden": ("url(#{p}-arcering)", "#1a4f8f"),
    "verdeelbesluit": ("#1a4f8f", "#1a4f8f"),
    "gerealiseerd": ("#17663a", "#17663a"),
}


def voortgang_svg(standen: list[Stand], *, titel: str, id_prefix: str = "voortgang") -> SafeString:
    """Per row four bars: indicative → offered → verdeelbesluit → realised, each with its
    number. All bars share one scale."""
    p = id_prefix
    breedte = 640
    langste = max([len(s.naam) for s in standen] + [8])
    naam_breedte = int(min(230, max(100, 6.4 * langste)))
    balk_x = naam_breedte + 10
    balk_max = breedte - balk_x - 70
    balk_h = 9
    rij_h = 4 * (balk_h + 2) + 12
    legenda_h = 34
    hoogte = legenda_h + rij_h * len(standen) + 6
    hoogste = max([getattr(s, a) or 0 for s in standen for a, _l in VOORTGANG_STAPPEN] + [1])
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rt-voortgang" '
        f'viewBox="0 0 {breedte} {hoogte}" role="img" aria-labelledby="{p}-titel">',
        f'<title id="{p}-titel">{escape(titel)}. De tabel geeft dezelfde cijfers.</title>',
        f"<defs>{_arcering(p, '#1a4f8f')}</defs>",
    ]
    # legend
    x = 1
    for attr, label in VOORTGANG_STAPPEN:
        vulling, rand = BALK_VULLING[attr]
        delen.append(
            f'<rect x="{x}" y="8" width="18" height="12" fill="{vulling.format(p=p)}" '
            f'stroke="{rand}" stroke-width="1"/>'
            f'<text x="{x + 24}" y="18" font-size="12" fill="#1b1f24">{escape(label)}</text>'
        )
        x += 30 + 8 * len(label)
    for i, s in enumerate(standen):
        y = legenda_h + i * rij_h
        delen.append(
            f'<g class="rt-voortgang__rij" data-code="{_a(s.code)}">'
            f'<text x="{naam_breedte}" y="{y + 2 * (balk_h + 2) + 4}" text-anchor="end" '
            f'font-size="12" fill="#1b1f24">{escape(s.naam)}</text>'
        )
        for j, (attr, label) in enumerate(VOORTGANG_STAPPEN):
            waarde = getattr(s, attr)
            by = y + j * (balk_h + 2)
            vulling, rand = BALK_VULLING[attr]
            w = 0 if not waarde else max(1.0, balk_max * waarde / hoogste)
            if waarde is not None:
                delen.append(
                    f'<rect class="rt-voortgang__balk" data-stap="{attr}" x="{balk_x}" '
                    f'y="{by}" width="{w:.1f}" height="{balk_h}" fill="{vulling.format(p=p)}" '
                    f'stroke="{rand}" stroke-width="1"><title>{escape(s.naam)}, '
                    f"{escape(label.lower())}: {getal(waarde)}</title></rect>"
                )
            delen.append(
                f'<text class="rt-voortgang__getal" data-stap="{attr}" x="{balk_x + w + 4:.1f}" '
                f'y="{by + balk_h - 1}" font-size="10" fill="#1b1f24">{getal(waarde)}</text>'
            )
        delen.append("</g>")
    delen.append("</svg>")
    return _veilig(delen)


# --- cycle timeline ------------------------------------------------------------------------

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _maand_begin(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _volgende_maand(d: dt.date) -> dt.date:
    return d.replace(year=d.year + (d.month // 12), month=d.month % 12 + 1, day=1)


def tijdlijn_svg(tijdlijn: Tijdlijn, *, titel: str, id_prefix: str = "tijdlijn") -> SafeString:
    """One row per milestone on a shared date axis: a hollow circle on the original date, a
    filled diamond on the date in force, a line between when it moved, and today's line."""
    p = id_prefix
    breedte = 640
    label_b = 200
    x0, x1 = label_b + 10, breedte - 20
    rij_h = 34
    boven = 40
    regels = tijdlijn.regels
    hoogte = boven + rij_h * max(1, len(regels)) + 30
    # the axis spans at most five years either side of today: a stored far date (9999-12-31)
    # sits at the edge, its label still says the real date
    vroegst = tijdlijn.vandaag.replace(year=tijdlijn.vandaag.year - 5, day=1)
    laatst = tijdlijn.vandaag.replace(year=tijdlijn.vandaag.year + 5, day=1)
    datums = [
        begrensde_datum(d, vroegst, laatst) for r in regels for d in (r.oorspronkelijk, r.effectief)
    ] + [tijdlijn.vandaag]
    begin = _maand_begin(min(datums))
    einde = _volgende_maand(max(datums))
    dagen = max(1, (einde - begin).days)

    def xpos(d: dt.date) -> float:
        return x0 + (x1 - x0) * (begrensde_datum(d, begin, einde) - begin).days / dagen

    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rt-tijdlijn" '
        f'viewBox="0 0 {breedte} {hoogte}" role="img" aria-labelledby="{p}-titel">',
        f'<title id="{p}-titel">{escape(titel)}. De tabel geeft dezelfde datums.</title>',
    ]
    # month axis, a label every month when it fits, else every second/third month
    maanden = []
    m = begin
    while m <= einde:
        maanden.append(m)
        m = _volgende_maand(m)
    stap = max(1, math.ceil(len(maanden) / 9))
    for i, m in enumerate(maanden):
        x = xpos(m)
        delen.append(
            f'<line x1="{x:.1f}" y1="{boven - 8}" x2="{x:.1f}" y2="{hoogte - 24}" '
            f'stroke="#d5dbe2" stroke-width="1"/>'
        )
        if i % stap == 0 and m < einde:
            delen.append(
                f'<text x="{x + 2:.1f}" y="{boven - 14}" font-size="11" fill="#4a5562">'
                f"{MAANDEN[m.month - 1]} {m.year}</text>"
            )
    for i, r in enumerate(regels):
        y = boven + i * rij_h + rij_h / 2
        xo, xe = xpos(r.oorspronkelijk), xpos(r.effectief)
        delen.append(
            f'<g class="rt-tijdlijn__regel" data-index="{i}">'
            f'<text x="{label_b}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#1b1f24">{escape(r.label)}</text>'
        )
        if r.verschoven:
            delen.append(
                f'<line x1="{xo:.1f}" y1="{y:.1f}" x2="{xe:.1f}" y2="{y:.1f}" stroke="#8a4b00" '
                f'stroke-width="2" stroke-dasharray="4 3"/>'
                f'<circle cx="{xo:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="#1b1f24" '
                f'stroke-width="2"><title>Oorspronkelijk: {opmaak(r.oorspronkelijk, "datum")}'
                f"</title></circle>"
                f'<text x="{(xo + xe) / 2:.1f}" y="{y - 7:.1f}" text-anchor="middle" '
                f'font-size="10" fill="#8a4b00">{r.dagen_verschoven:+d} d</text>'
            )
        # the date goes right of the diamond, or left of it near the right edge
        tx, anker = (xe + 10, "start") if xe + 70 < breedte else (xe - 10, "end")
        delen.append(
            f'<path d="M{xe:.1f},{y - 7:.1f}l7,7l-7,7l-7,-7Z" fill="#1a4f8f" stroke="#0b2545">'
            f"<title>{escape(r.label)}: {opmaak(r.effectief, 'datum')}</title></path>"
            f'<text x="{tx:.1f}" y="{y + 4:.1f}" font-size="10" fill="#1b1f24" '
            f'text-anchor="{anker}" class="rt-tijdlijn__datum">'
            f"{opmaak(r.effectief, 'datum')}</text></g>"
        )
    xv = xpos(tijdlijn.vandaag)
    delen.append(
        f'<g class="rt-tijdlijn__vandaag"><line x1="{xv:.1f}" y1="{boven - 8}" x2="{xv:.1f}" '
        f'y2="{hoogte - 20}" stroke="#a01d23" stroke-width="2"/>'
        f'<text x="{xv:.1f}" y="{hoogte - 6}" text-anchor="middle" font-size="11" '
        f'font-weight="700" fill="#a01d23">vandaag {opmaak(tijdlijn.vandaag, "datum")}</text></g>'
    )
    delen.append("</svg>")
    return _veilig(delen)


# --- trends ------------------------------------------------------------------------------

# Twelve distinguishable line colours (each ≥ 3:1 against white); the end labels carry the name.
LIJN_KLEUREN = (
    "#1a4f8f",
    "#a01d23",
    "#17663a",
    "#8a4b00",
    "#5b2a86",
    "#006d77",
    "#6b4f1d",
    "#b0306a",
    "#3d5374",
    "#4d7c0f",
    "#9a3412",
    "#1b1f24",
)


def _mooi_maximum(n: int) -> int:
    if n <= 0:
        return 10
    orde = 10 ** int(math.log10(n))
    for f in (1, 2, 2.5, 5, 10):
        if n <= f * orde:
            return int(f * orde)
    return 10 * orde


def trend_svg(trend: Trend, *, titel: str, id_prefix: str = "trend") -> SafeString:
    """Cumulative realised places per province over time (one line each, named at its end)."""
    p = id_prefix
    breedte, hoogte = 640, 340
    links, rechts, boven, onder = 56, 90, 16, 36
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rt-trend" '
        f'viewBox="0 0 {breedte} {hoogte}" role="img" aria-labelledby="{p}-titel">',
        f'<title id="{p}-titel">{escape(titel)}. De tabel geeft dezelfde cijfers.</title>',
    ]
    if not trend.datums:
        delen[0] = delen[0].replace(f"0 0 {breedte} {hoogte}", f"0 0 {breedte} 60")
        hoogte = 60
        delen.append(
            f'<text x="{breedte / 2}" y="{hoogte / 2}" text-anchor="middle" font-size="14" '
            f'fill="#4a5562">Nog geen realisatiemeldingen.</text></svg>'
        )
        return _veilig(delen)
    begin, einde = trend.datums[0], trend.datums[-1]
    if begin == einde:
        begin, einde = begin - dt.timedelta(days=15), einde + dt.timedelta(days=15)
    dagen = (einde - begin).days
    hoogste = _mooi_maximum(max(max(r) if r else 0 for r in trend.reeksen.values()))
    gx0, gx1, gy0, gy1 = links, breedte - rechts, boven, hoogte - onder

    def xpos(d):
        return gx0 + (gx1 - gx0) * (d - begin).days / dagen

    def ypos(v):
        return gy1 - (gy1 - gy0) * v / hoogste

    for i in range(5):
        v = hoogste * i // 4
        y = ypos(v)
        delen.append(
            f'<line x1="{gx0}" y1="{y:.1f}" x2="{gx1}" y2="{y:.1f}" stroke="#d5dbe2"/>'
            f'<text x="{gx0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#4a5562">{getal(v)}</text>'
        )
    delen.append(
        f'<line x1="{gx0}" y1="{gy1}" x2="{gx1}" y2="{gy1}" stroke="#1b1f24"/>'
        f'<text x="{gx0}" y="{hoogte - 10}" font-size="11" fill="#4a5562">'
        f"{opmaak(begin, 'datum')}</text>"
        f'<text x="{gx1}" y="{hoogte - 10}" text-anchor="end" font-size="11" fill="#4a5562">'
        f"{opmaak(einde, 'datum')}</text>"
    )
    eindlabels = []
    for i, (code, naam) in enumerate(trend.provincies):
        reeks = trend.reeksen.get(code) or []
        if not reeks:
            continue
        kleur = LIJN_KLEUREN[i % len(LIJN_KLEUREN)]
        punten = " ".join(
            f"{xpos(d):.1f},{ypos(v):.1f}" for d, v in zip(trend.datums, reeks, strict=True)
        )
        delen.append(
            f'<polyline class="rt-trend__lijn" data-code="{_a(code)}" points="{punten}" '
            f'fill="none" stroke="{kleur}" stroke-width="2"><title>{escape(naam)}: '
            f"{getal(reeks[-1])} gerealiseerd</title></polyline>"
        )
        eindlabels.append([ypos(reeks[-1]), code, kleur, reeks[-1]])
    # spread end labels so they do not overlap
    eindlabels.sort()
    for j in range(1, len(eindlabels)):
        if eindlabels[j][0] - eindlabels[j - 1][0] < 11:
            eindlabels[j][0] = eindlabels[j - 1][0] + 11
    for y, code, kleur, waarde in eindlabels:
        delen.append(
            f'<text class="rt-trend__label" data-code="{_a(code)}" x="{gx1 + 6}" y="{y + 4:.1f}" '
            f'font-size="11" font-weight="700" fill="{kleur}">'
            f"{escape(AFKORTINGEN.get(code, code))} {getal(waarde)}</text>"
        )
    delen.append("</svg>")
    return _veilig(delen)
