"""The realisation page's tables as texts (``regietafels/realisatie.html``): the overview's
numbers and dates written once in Python (``core.getallen``, as ``|getal``, ``|dmj`` and
``|date:"j F Y"`` write them), so the template only places ready texts in some 4,500 cells
instead of resolving a row's objects and running a filter per cell. The locations behind the
figures are one flat list in the order of the gemeenten."""

from __future__ import annotations

from core.getallen import datums_lang, dmj, getallen


def realisatie_tabellen(overzicht: dict) -> dict:
    """Rows of the tables per province, per gemeente and of the locations in gebruik, from
    ``selectors.realisatie_overzicht``."""
    getal = getallen()
    lang = datums_lang()
    provincies = [
        {
            "naam": p["provincie"],
            "aantal": getal(p["aantal"]),
            "gerealiseerd": getal(p["gerealiseerd"]),
            "uit_locaties": getal(p["uit_locaties"]),
            "zonder_locatie": getal(p["zonder_locatie"]),
            "rest": getal(p["rest"]),
            "boven": getal(p["boven"]) if p["boven"] else "",
        }
        for p in overzicht["provincies"]
    ]
    gemeenten = []
    locaties = []
    for g in overzicht["gemeenten"]:
        stand = g["stand"]
        gemeenten.append(
            {
                "naam": g["gemeente"],
                "aantal": getal(g["aantal"]),
                "gerealiseerd": getal(g["gerealiseerd"]),
                "uit_locaties": getal(g["uit_locaties"]),
                "zonder_locatie": getal(g["zonder_locatie"]),
                "controleren": stand.mogelijk_dubbel,
                "rest": getal(g["rest"]),
                "boven": getal(g["boven"]) if g["boven"] else "",
                "termijn": lang(g["realisatietermijn"]),
            }
        )
        for loc in g["locaties"]:
            locaties.append(
                {
                    "gemeente": g["gemeente"],
                    "naam": loc.naam,
                    "sinds": dmj(loc.in_gebruik_sinds),
                    "tot": dmj(loc.beschikbaar_tot),
                    "sluit": loc.sluit_voor_peildatum,
                    "plekken": getal(loc.plekken),
                    "gemeld": loc.locatie_id in stand.gemeld_bij_locatie,
                    "bevestigd": loc.bevestigd,
                }
            )
    return {"provincies": provincies, "gemeenten": gemeenten, "locaties": locaties}
