"""Progress bars per province: the drawing data of the bar chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..selectors import Stand
from ..tabellen import VOORTGANG_STAPPEN, getal
from .gedeeld import _c
from .kaart import LegendaVak

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
