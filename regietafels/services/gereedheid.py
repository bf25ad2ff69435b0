"""Is the cycle ready for the verdeelbesluit, and what would fixing it do?

Reads only (no acting user): the guard in ``verdeelbesluit_vaststellen`` and the confirmation
page and API dry run use the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from raming.models import Wetscyclus
from raming.termijnen import realisatietermijn

from ..models import Regietafel, Verdeelbesluit, Verslag
from ..termijnen import verslagtermijnen

INGEDIEND = (Verslag.Status.INGEDIEND, Verslag.Status.BEOORDEELD)


@dataclass
class Gereedheid:
    """What still stands open before a verdeelbesluit may be fixed without an override."""

    lopende_termijnen: list[dict] = field(default_factory=list)
    onbeoordeeld: list[dict] = field(default_factory=list)

    @property
    def gereed(self) -> bool:
        return not self.lopende_termijnen and not self.onbeoordeeld

    def punten(self) -> list[str]:
        """Each open point as a Dutch sentence (recorded with an override)."""
        return [
            f"{t['provincie']}: verslagtermijn loopt tot {t['termijn']:%d-%m-%Y}"
            for t in self.lopende_termijnen
        ] + [f"{o['provincie']}: ingediend verslag nog niet beoordeeld" for o in self.onbeoordeeld]


def verdeelbesluit_gereedheid(cyclus: Wetscyclus, *, vandaag: dt.date | None = None) -> Gereedheid:
    """Ready when no verslag term still runs (a PRT that has not submitted while its term,
    extensions included, has not passed) and every submitted verslag has been assessed."""
    vandaag = vandaag or timezone.localdate()
    tafels = list(Regietafel.objects.select_related("provincie").order_by("provincie__naam"))
    termijnen = verslagtermijnen(cyclus, regietafel_ids=[t.pk for t in tafels])
    statussen = dict(Verslag.objects.filter(cyclus=cyclus).values_list("regietafel_id", "status"))
    uitkomst = Gereedheid()
    for tafel in tafels:
        status = statussen.get(tafel.pk)
        termijn = termijnen[tafel.pk].effectief
        if status not in INGEDIEND and termijn is not None and termijn >= vandaag:
            uitkomst.lopende_termijnen.append(
                {"provincie": tafel.provincie.naam, "termijn": termijn}
            )
        elif status == Verslag.Status.INGEDIEND:
            uitkomst.onbeoordeeld.append({"provincie": tafel.provincie.naam})
    return uitkomst


def vaststellen_voorbeeld(
    verdeelbesluit: Verdeelbesluit, *, besluitdatum: dt.date | None, vandaag: dt.date | None = None
) -> dict:
    """What fixing ``verdeelbesluit`` on ``besluitdatum`` will do: who is told, which terms
    start, what becomes public, and what still stands open (an override needs a reason)."""
    regels = verdeelbesluit.regels.select_related("gemeente__provincie")
    gereedheid = verdeelbesluit_gereedheid(verdeelbesluit.cyclus, vandaag=vandaag)
    gemeenten = [r for r in regels if r.aantal > 0]
    termijn = realisatietermijn(verdeelbesluit.cyclus, besluitdatum) if besluitdatum else None
    return {
        "verdeelbesluit": verdeelbesluit.pk,
        "cyclus": verdeelbesluit.cyclus.jaar,
        "versie": verdeelbesluit.versie,
        "besluitdatum": besluitdatum,
        "gereed": gereedheid.gereed,
        "open": gereedheid.punten(),
        "afwijkingsreden_nodig": not gereedheid.gereed,
        "totaal": sum(r.aantal for r in regels),
        "aantal_gemeenten": len(regels),
        "gemeenten_met_opgave": len(gemeenten),
        "realisatietermijn": termijn,
        "wie_wordt_geinformeerd": [
            "de secretarissen van de twaalf provinciale regietafels (hun provincie)",
            f"de {len(gemeenten)} gemeenten met een vastgesteld aantal (hun aantal en "
            "realisatietermijn)",
        ],
        "termijnen": [
            f"realisatietermijn van elke gemeente: {termijn:%d-%m-%Y}"
            if termijn
            else "realisatietermijn: de realisatiemijlpaal, en ten minste zes maanden na het "
            "besluit"
        ],
        "wordt_zichtbaar": [
            "elke gemeente ziet haar vastgestelde aantal; elke regietafel die van haar provincie",
            "het besluit is daarna alleen nog te vervangen door een nieuwe versie met een reden",
        ],
    }
