"""Trend lines per province over time: axes, grid, lines and end labels."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..geometrie import AFKORTINGEN
from ..selectors import Trend
from ..tabellen import getal, opmaak
from .gedeeld import _c

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
    """Realised places per province over time (one step line each, named at its end)."""
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
        # a step line: the figure holds until the date it changes (no slope between dates)
        stappen = []
        for k, (d, v) in enumerate(zip(trend.datums, reeks, strict=True)):
            if k:
                stappen.append(f"{xpos(d):.1f},{ypos(reeks[k - 1]):.1f}")
            stappen.append(f"{xpos(d):.1f},{ypos(v):.1f}")
        punten = " ".join(stappen)
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
