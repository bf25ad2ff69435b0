"""The figures of the provincial differences chart (opgave, scenario − basis).

Python computes the positions and the texts; ``templates/scenarios/_verschillen.svg.html``
draws them. No JavaScript and no inline styles (CSP): colours come from classes in
static/css/scenarios.css, and every bar carries its scenario number and value as text, so
colour is never the only cue. Numbers are passed as ready strings so the Dutch number format
of the templates never turns a coordinate into "1,5".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .selectors import Vergelijking, nl_getal

BREEDTE = 600
LABEL_BREEDTE = 120
TEKST_RUIMTE = 96
BALK_HOOGTE = 13
BALK_AFSTAND = 2
GROEP_AFSTAND = 10
MARGE_BOVEN = 28


def _c(waarde: float) -> str:
    """A coordinate for an SVG attribute."""
    return f"{waarde:.1f}"


@dataclass
class Balk:
    nummer: int
    titel: str
    x: str
    y: str
    breedte: str
    tekst_x: str
    tekst_y: str
    anker: str
    tekst: str


@dataclass
class Groep:
    naam: str
    label_y: str
    balken: list[Balk] = field(default_factory=list)


@dataclass
class Verschillen:
    breedte: str
    hoogte: str
    aantal: int
    nul_x: str
    label_x: str
    as_boven: str
    as_onder: str
    balk_hoogte: str
    groepen: list[Groep]


def verschillen(vergelijking: Vergelijking) -> Verschillen:
    """A horizontal bar chart: per province one bar per scenario, left of the axis for fewer
    places than the basis, right for more."""
    kolommen = vergelijking.kolommen
    rijen = sorted(vergelijking.provincies, key=lambda r: r.code)
    waarden = [abs(c.verschil) for r in rijen for c in r.cellen if c.verschil is not None]
    grootste = max(waarden, default=0) or 1
    groep_hoogte = len(kolommen) * (BALK_HOOGTE + BALK_AFSTAND) + GROEP_AFSTAND
    hoogte = MARGE_BOVEN + len(rijen) * groep_hoogte + 10
    plot_links = LABEL_BREEDTE + TEKST_RUIMTE
    plot_breedte = BREEDTE - plot_links - TEKST_RUIMTE
    nul_x = plot_links + plot_breedte / 2
    schaal = (plot_breedte / 2) / grootste

    groepen = []
    y = MARGE_BOVEN
    for rij in rijen:
        midden = y + (len(kolommen) * (BALK_HOOGTE + BALK_AFSTAND)) / 2
        groep = Groep(naam=rij.naam, label_y=_c(midden + 4))
        for kolom, cel in zip(kolommen, rij.cellen, strict=True):
            verschil = cel.verschil or 0
            lengte = abs(verschil) * schaal
            x = nul_x - lengte if verschil < 0 else nul_x
            if verschil < 0:
                tekst_x, anker = x - 4, "end"
            else:
                tekst_x, anker = x + lengte + 4, "start"
            groep.balken.append(
                Balk(
                    nummer=kolom.nummer,
                    titel=f"{rij.naam}, {kolom.naam}: {nl_getal(cel.verschil, teken=True)} plekken",
                    x=_c(x),
                    y=str(y),
                    breedte=_c(max(lengte, 1)),
                    tekst_x=_c(tekst_x),
                    tekst_y=str(y + BALK_HOOGTE - 3),
                    anker=anker,
                    tekst=f"S{kolom.nummer} {nl_getal(cel.verschil, teken=True)}",
                )
            )
            y += BALK_HOOGTE + BALK_AFSTAND
        y += GROEP_AFSTAND
        groepen.append(groep)
    return Verschillen(
        breedte=str(BREEDTE),
        hoogte=str(hoogte),
        aantal=len(kolommen),
        nul_x=_c(nul_x),
        label_x=str(LABEL_BREEDTE - 6),
        as_boven=str(MARGE_BOVEN - 8),
        as_onder=str(hoogte - 6),
        balk_hoogte=str(BALK_HOOGTE),
        groepen=groepen,
    )
