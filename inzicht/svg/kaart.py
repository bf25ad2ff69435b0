"""The province map: classes, colours and legend, and the drawing data of the map."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..geometrie import AFKORTINGEN, kaartvormen
from ..selectors import MAAT_VERSLAG, VERSLAG_STATUSSEN, Stand
from ..tabellen import GETAL, PROCENT, getal, kaart_waarde, opmaak
from .gedeeld import (
    BLAUWEN,
    DONKERE_KLASSEN,
    ONBEKEND_VULLING,
    PROCENT_GRENZEN,
    STATUS_KLEUREN,
    STATUS_KORT,
    _n,
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
