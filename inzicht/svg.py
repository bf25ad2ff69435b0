"""Server-side SVG charts: pure functions from figures to drawing data.

Python computes what to draw (positions, fills, texts) as plain data; the templates in
``templates/charts/svg/`` write the markup, with Django's escaping. Coordinates are passed as
ready strings, so the Dutch number format of the templates never turns ``1.5`` into ``1,5``.
No style attributes (the Content-Security-Policy forbids them): colours are SVG presentation
attributes, the rest comes from static/css/regietafel.css. Colour is never the only carrier of
meaning: the map prints each province's value on it, bars have distinct fills (outline,
hatched, solid) and their numbers, trend lines end in a province label, and every chart has its
table beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

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


def _c(waarde: float) -> str:
    """A coordinate with one decimal, for an SVG attribute."""
    return f"{waarde:.1f}"


def _n(waarde: float) -> str:
    """A coordinate with no decimals."""
    return f"{waarde:.0f}"


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


@dataclass
class Vlak:
    """One province on the map, with its label."""

    code: str
    tekst: str
    pad: str
    vulling: str
    uitleg: str
    href: str | None
    licht: bool
    label_x: str
    label_y: str
    afkorting: str


@dataclass
class LegendaVak:
    x: str
    y: str
    tekst_x: str
    tekst_y: str
    vulling: str
    label: str
    rand: str = "#1b1f24"


@dataclass
class Kaart:
    sjabloon = "charts/svg/kaart.html"
    p: str
    titel: str
    omschrijving: str
    maat: str
    soort: str
    breedte: str
    hoogte: str
    legenda_y: str
    vlakken: list[Vlak]
    legenda: list[LegendaVak]


def provinciekaart(
    standen: list[Stand],
    maat: str,
    *,
    titel: str,
    link: Callable[[Stand], str | None] | None = None,
    id_prefix: str = "kaart",
    waarde_label: str = "",
    vormen=None,
) -> Kaart:
    """The Netherlands with one linked, labelled province shape each, coloured by ``maat``.
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
    omschrijving = "; ".join(f"{s.naam}: {_kaart_kleur(s, maat, grenzen, p)[2]}" for s in standen)
    vlakken = []
    for stand in standen:
        vorm = vormen.vormen.get(stand.code)
        if vorm is None:
            continue
        vulling, licht, tekst = _kaart_kleur(stand, maat, grenzen, p)
        eenheid = f" {waarde_label}" if waarde_label and tekst != "–" else ""
        vlakken.append(
            Vlak(
                code=stand.code,
                tekst=tekst,
                pad=vorm.pad,
                vulling=vulling,
                uitleg=f"{stand.naam}: {tekst}{eenheid}",
                href=link(stand) if link else None,
                licht=licht,
                label_x=str(vorm.label_x),
                label_y=str(vorm.label_y),
                afkorting=AFKORTINGEN.get(stand.code, stand.code),
            )
        )
    kolom_breedte = (breedte - 12) / 2
    vakken = []
    for i, item in enumerate(legenda):
        x = (i % 2) * kolom_breedte
        y = 10 + (i // 2) * 22
        vakken.append(
            LegendaVak(
                x=_n(x),
                y=str(y),
                tekst_x=_n(x + 28),
                tekst_y=str(y + 11),
                vulling=f"url(#{p}-arcering)" if item["arcering"] else item["vulling"],
                label=item["label"],
            )
        )
    return Kaart(
        p=p,
        titel=titel,
        omschrijving=omschrijving,
        maat=maat,
        soort="grenzen" if vormen.echte_grenzen else "tegels",
        breedte=_n(breedte),
        hoogte=_n(kaarthoogte + legenda_hoogte),
        legenda_y=_n(kaarthoogte + 8),
        vlakken=vlakken,
        legenda=vakken,
    )


# --- progress bars ------------------------------------------------------------------------

BALK_VULLING = {
    "indicatief": ("#ffffff", "#1b1f24"),
    "aangeboden": ("url(#{p}-arcering)", "#1a4f8f"),
    "verdeelbesluit": ("#1a4f8f", "#1a4f8f"),
    "gerealiseerd": ("#17663a", "#17663a"),
}


@dataclass
class Staaf:
    """One bar (or only its number when the value is unknown)."""

    stap: str
    y: str
    breedte: str
    vulling: str
    rand: str
    titel: str
    getal: str
    getal_x: str
    getal_y: str
    getekend: bool


@dataclass
class VoortgangRij:
    code: str
    naam: str
    naam_y: str
    staven: list[Staaf] = field(default_factory=list)


@dataclass
class Voortgang:
    sjabloon = "charts/svg/voortgang.html"
    p: str
    titel: str
    breedte: str
    hoogte: str
    naam_x: str
    balk_x: str
    balk_hoogte: str
    legenda: list[LegendaVak]
    rijen: list[VoortgangRij]


def voortgang(standen: list[Stand], *, titel: str, id_prefix: str = "voortgang") -> Voortgang:
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
    legenda = []
    x = 1
    for attr, label in VOORTGANG_STAPPEN:
        vulling, rand = BALK_VULLING[attr]
        legenda.append(
            LegendaVak(
                x=str(x),
                y="8",
                tekst_x=str(x + 24),
                tekst_y="18",
                vulling=vulling.format(p=p),
                label=label,
                rand=rand,
            )
        )
        x += 30 + 8 * len(label)
    rijen = []
    for i, s in enumerate(standen):
        y = legenda_h + i * rij_h
        rij = VoortgangRij(code=s.code, naam=s.naam, naam_y=str(y + 2 * (balk_h + 2) + 4))
        for j, (attr, label) in enumerate(VOORTGANG_STAPPEN):
            waarde = getattr(s, attr)
            by = y + j * (balk_h + 2)
            vulling, rand = BALK_VULLING[attr]
            w = 0 if not waarde else max(1.0, balk_max * waarde / hoogste)
            rij.staven.append(
                Staaf(
                    stap=attr,
                    y=str(by),
                    breedte=_c(w),
                    vulling=vulling.format(p=p),
                    rand=rand,
                    titel=f"{s.naam}, {label.lower()}: {getal(waarde)}",
                    getal=getal(waarde),
                    getal_x=_c(balk_x + w + 4),
                    getal_y=str(by + balk_h - 1),
                    getekend=waarde is not None,
                )
            )
        rijen.append(rij)
    return Voortgang(
        p=p,
        titel=titel,
        breedte=str(breedte),
        hoogte=str(hoogte),
        naam_x=str(naam_breedte),
        balk_x=str(balk_x),
        balk_hoogte=str(balk_h),
        legenda=legenda,
        rijen=rijen,
    )


# --- cycle timeline ------------------------------------------------------------------------

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _maand_begin(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _volgende_maand(d: dt.date) -> dt.date:
    return d.replace(year=d.year + (d.month // 12), month=d.month % 12 + 1, day=1)


@dataclass
class Maand:
    x: str
    tekst_x: str
    label: str  # empty: a grid line without a label


@dataclass
class TijdlijnRegel:
    index: int
    label: str
    y: str
    label_y: str
    verschoven: bool
    x_oorspronkelijk: str
    x_effectief: str
    midden_x: str
    verschil_y: str
    verschil: str
    oorspronkelijk: str
    effectief: str
    ruit: str
    tekst_x: str
    anker: str


@dataclass
class TijdlijnTekening:
    sjabloon = "charts/svg/tijdlijn.html"
    p: str
    titel: str
    breedte: str
    hoogte: str
    label_x: str
    raster_boven: str
    raster_onder: str
    maand_y: str
    maanden: list[Maand]
    regels: list[TijdlijnRegel]
    vandaag_x: str
    vandaag_onder: str
    vandaag_y: str
    vandaag: str


def tijdlijn(tijdlijn: Tijdlijn, *, titel: str, id_prefix: str = "tijdlijn") -> TijdlijnTekening:
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

    # month axis, a label every month when it fits, else every second/third month
    alle = []
    m = begin
    while m <= einde:
        alle.append(m)
        m = _volgende_maand(m)
    stap = max(1, math.ceil(len(alle) / 9))
    maanden = [
        Maand(
            x=_c(xpos(m)),
            tekst_x=_c(xpos(m) + 2),
            label=f"{MAANDEN[m.month - 1]} {m.year}" if i % stap == 0 and m < einde else "",
        )
        for i, m in enumerate(alle)
    ]
    getekend = []
    for i, r in enumerate(regels):
        y = boven + i * rij_h + rij_h / 2
        xo, xe = xpos(r.oorspronkelijk), xpos(r.effectief)
        # the date goes right of the diamond, or left of it near the right edge
        tx, anker = (xe + 10, "start") if xe + 70 < breedte else (xe - 10, "end")
        getekend.append(
            TijdlijnRegel(
                index=i,
                label=r.label,
                y=_c(y),
                label_y=_c(y + 4),
                verschoven=r.verschoven,
                x_oorspronkelijk=_c(xo),
                x_effectief=_c(xe),
                midden_x=_c((xo + xe) / 2),
                verschil_y=_c(y - 7),
                verschil=f"{r.dagen_verschoven:+d} d" if r.verschoven else "",
                oorspronkelijk=opmaak(r.oorspronkelijk, "datum"),
                effectief=opmaak(r.effectief, "datum"),
                ruit=f"M{xe:.1f},{y - 7:.1f}l7,7l-7,7l-7,-7Z",
                tekst_x=_c(tx),
                anker=anker,
            )
        )
    return TijdlijnTekening(
        p=p,
        titel=titel,
        breedte=str(breedte),
        hoogte=str(hoogte),
        label_x=str(label_b),
        raster_boven=str(boven - 8),
        raster_onder=str(hoogte - 24),
        maand_y=str(boven - 14),
        maanden=maanden,
        regels=getekend,
        vandaag_x=_c(xpos(tijdlijn.vandaag)),
        vandaag_onder=str(hoogte - 20),
        vandaag_y=str(hoogte - 6),
        vandaag=opmaak(tijdlijn.vandaag, "datum"),
    )


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


@dataclass
class Rasterlijn:
    y: str
    tekst_y: str
    getal: str


@dataclass
class Lijn:
    code: str
    punten: str
    kleur: str
    titel: str


@dataclass
class Eindlabel:
    code: str
    y: str
    kleur: str
    tekst: str


@dataclass
class TrendTekening:
    sjabloon = "charts/svg/trend.html"
    p: str
    titel: str
    breedte: str
    hoogte: str
    leeg: bool
    x0: str = ""
    x1: str = ""
    y1: str = ""
    tekst_x: str = ""
    label_x: str = ""
    datum_y: str = ""
    begin: str = ""
    einde: str = ""
    raster: list[Rasterlijn] = field(default_factory=list)
    lijnen: list[Lijn] = field(default_factory=list)
    eindlabels: list[Eindlabel] = field(default_factory=list)


def trend(trend: Trend, *, titel: str, id_prefix: str = "trend") -> TrendTekening:
    """Cumulative realised places per province over time (one line each, named at its end)."""
    p = id_prefix
    breedte, hoogte = 640, 340
    links, rechts, boven, onder = 56, 90, 16, 36
    if not trend.datums:
        return TrendTekening(p=p, titel=titel, breedte=str(breedte), hoogte="60", leeg=True)
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

    raster = []
    for i in range(5):
        v = hoogste * i // 4
        raster.append(Rasterlijn(y=_c(ypos(v)), tekst_y=_c(ypos(v) + 4), getal=getal(v)))
    lijnen, eindlabels = [], []
    for i, (code, naam) in enumerate(trend.provincies):
        reeks = trend.reeksen.get(code) or []
        if not reeks:
            continue
        kleur = LIJN_KLEUREN[i % len(LIJN_KLEUREN)]
        punten = " ".join(
            f"{xpos(d):.1f},{ypos(v):.1f}" for d, v in zip(trend.datums, reeks, strict=True)
        )
        lijnen.append(
            Lijn(
                code=code,
                punten=punten,
                kleur=kleur,
                titel=f"{naam}: {getal(reeks[-1])} gerealiseerd",
            )
        )
        eindlabels.append([ypos(reeks[-1]), code, kleur, reeks[-1]])
    # spread end labels so they do not overlap
    eindlabels.sort()
    for j in range(1, len(eindlabels)):
        if eindlabels[j][0] - eindlabels[j - 1][0] < 11:
            eindlabels[j][0] = eindlabels[j - 1][0] + 11
    return TrendTekening(
        p=p,
        titel=titel,
        breedte=str(breedte),
        hoogte=str(hoogte),
        leeg=False,
        x0=str(gx0),
        x1=str(gx1),
        y1=str(gy1),
        tekst_x=str(gx0 - 6),
        label_x=str(gx1 + 6),
        datum_y=str(hoogte - 10),
        begin=opmaak(begin, "datum"),
        einde=opmaak(einde, "datum"),
        raster=raster,
        lijnen=lijnen,
        eindlabels=[
            Eindlabel(
                code=code,
                y=_c(y + 4),
                kleur=kleur,
                tekst=f"{AFKORTINGEN.get(code, code)} {getal(waarde)}",
            )
            for y, code, kleur, waarde in eindlabels
        ],
    )
