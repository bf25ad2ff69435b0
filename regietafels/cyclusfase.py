"""Where a cycle stands: its phase derived from its milestones, and what is still open.

raming → verslagen → beoordeling → verdeelbesluit → realisatie. The phase is the first step
whose milestone is not met; an item that stays open (a verslag never submitted, a realisation
not reached) is listed whatever the phase, so no term disappears from view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from raming.models import Raming, Wetscyclus

from .models import Regietafel, Verdeelbesluit, Verslag
from .selectors.realisatie import gerealiseerd_per_gemeente
from .termijnen import verslagtermijnen

FASEN = [
    ("raming", "Capaciteitsraming"),
    ("verslagen", "Verslagen van de regietafels"),
    ("beoordeling", "Beoordeling van de verslagen"),
    ("verdeelbesluit", "Verdeelbesluit"),
    ("realisatie", "Realisatie"),
]


@dataclass
class Cyclusfase:
    cyclus: Wetscyclus
    fase: str
    open: dict[str, list[str]] = field(default_factory=dict)

    @property
    def stappen(self) -> list[dict]:
        huidige = [code for code, _ in FASEN].index(self.fase)
        return [
            {
                "code": code,
                "naam": naam,
                "stand": "klaar" if i < huidige else ("nu" if i == huidige else "later"),
                "open": self.open.get(code, []),
            }
            for i, (code, naam) in enumerate(FASEN)
        ]


def cyclus_fase(cyclus: Wetscyclus, *, vandaag: dt.date | None = None) -> Cyclusfase:
    vandaag = vandaag or timezone.localdate()
    open_: dict[str, list[str]] = {code: [] for code, _ in FASEN}
    gepubliceerd = Raming.objects.filter(cyclus=cyclus, status=Raming.Status.GEPUBLICEERD).exists()
    if not gepubliceerd:
        open_["raming"].append("De capaciteitsraming is nog niet gepubliceerd.")
    tafels = list(Regietafel.objects.select_related("provincie").order_by("provincie__naam"))
    termijnen = verslagtermijnen(cyclus, regietafel_ids=[t.pk for t in tafels])
    statussen = dict(Verslag.objects.filter(cyclus=cyclus).values_list("regietafel_id", "status"))
    for tafel in tafels:
        status = statussen.get(tafel.pk)
        termijn = termijnen[tafel.pk].effectief
        naam = tafel.provincie.naam
        if status in (None, Verslag.Status.CONCEPT, Verslag.Status.TERUGGESTUURD):
            if termijn is None:
                open_["verslagen"].append(f"{naam}: verslag nog niet ingediend")
            elif termijn >= vandaag:
                open_["verslagen"].append(
                    f"{naam}: verslag nog niet ingediend, termijn {termijn:%d-%m-%Y} loopt"
                )
            else:
                open_["verslagen"].append(
                    f"{naam}: verslag te laat, termijn {termijn:%d-%m-%Y} verstreken"
                )
        elif status == Verslag.Status.INGEDIEND:
            open_["beoordeling"].append(f"{naam}: ingediend verslag nog niet beoordeeld")
    besluit = (
        Verdeelbesluit.objects.filter(cyclus=cyclus, status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )
    if besluit is None:
        open_["verdeelbesluit"].append("Het verdeelbesluit is nog niet vastgesteld.")
    else:
        # realised: locations in gebruik plus reports without a location (the one figure)
        achter = [
            r
            for r in gerealiseerd_per_gemeente(cyclus).values()
            if r.aantal > 0 and r.gerealiseerd < r.aantal
        ]
        if achter:
            verstreken = sum(
                1 for r in achter if r.realisatietermijn and r.realisatietermijn < vandaag
            )
            open_["realisatie"].append(
                f"{len(achter)} gemeenten hebben hun aantal nog niet gerealiseerd"
                + (f", van wie {verstreken} na hun realisatietermijn" if verstreken else "")
                + "."
            )
    lopend = any("loopt" in p for p in open_["verslagen"])
    if not gepubliceerd:
        fase = "raming"
    elif lopend:
        fase = "verslagen"
    elif open_["beoordeling"]:
        fase = "beoordeling"
    elif besluit is None:
        fase = "verdeelbesluit"
    else:
        fase = "realisatie"
    return Cyclusfase(cyclus=cyclus, fase=fase, open={k: v for k, v in open_.items() if v})
