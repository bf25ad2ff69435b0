"""The cycle timeline: months, milestones and terms as drawing data."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from core.grenzen import begrensde_datum

from ..selectors import Tijdlijn
from ..tabellen import opmaak
from .gedeeld import _c

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
    vandaag_anker: str = "middle"


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
        vandaag_anker=_anker(xpos(tijdlijn.vandaag), breedte),
    )


def _anker(x: float, breedte: int, halve_tekst: float = 55) -> str:
    """Where a label of about ``2 * halve_tekst`` wide is anchored at ``x``: centred, or
    ending (starting) at ``x`` near the right (left) edge, so it is never cut off."""
    if x + halve_tekst > breedte:
        return "end"
    if x - halve_tekst < 0:
        return "start"
    return "middle"
