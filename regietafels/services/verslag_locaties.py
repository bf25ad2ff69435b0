"""A verslag row built from the gemeente's locations in the register.

The mapping follows the verslag's columns: *in gebruik* → bestaande locaties; *realisatie* and
*besluitvorming* → vastgestelde plannen; *planvorming* → bestuurlijke voornemens; a closed
location is left out. Places are regular plus amv capacity; amv is shown separately as the row
does. The row's period is the span of its locations: the earliest "beschikbaar vanaf" and the
latest known "beschikbaar tot" (a location without an end is named in the preview).

Applying writes the numbers through :func:`verslag_opslaan` (same access rule, same optimistic
version) and records the locations behind each row (``VerslagRegelLocatie``); what the row holds
above them is "zonder locatie", and stays possible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.rechten import Handeling, vereist
from locaties.models import Fase, Opvanglocatie

from ..models import Verslag, VerslagRegel, VerslagRegelLocatie
from .verslag import RegelInvoer, ongewone_regels, verslag_opslaan

__all__ = [
    "LocatieOpbouw",
    "RegelOpbouw",
    "ongewone_uit_locaties",
    "regels_uit_locaties",
    "verslag_locatie_opbouw",
    "zonder_locatie",
]

SOORT_PER_FASE = {
    Fase.IN_GEBRUIK: VerslagRegelLocatie.Soort.BESTAAND,
    Fase.REALISATIE: VerslagRegelLocatie.Soort.VASTGESTELD,
    Fase.BESLUITVORMING: VerslagRegelLocatie.Soort.VASTGESTELD,
    Fase.PLANVORMING: VerslagRegelLocatie.Soort.VOORNEMEN,
}
KOLOMMEN = [s.value for s in VerslagRegelLocatie.Soort]


@dataclass
class LocatieOpbouw:
    locatie_id: int
    naam: str
    fase: str
    fase_label: str
    soort: str
    soort_label: str
    plekken: int
    amv: int
    beschikbaar_vanaf: dt.date | None
    beschikbaar_tot: dt.date | None


@dataclass
class RegelOpbouw:
    """What the register gives one gemeente's row, next to what the row holds now."""

    regel: VerslagRegel
    locaties: list[LocatieOpbouw] = field(default_factory=list)
    gesloten: list[str] = field(default_factory=list)  # names left out

    def _som(self, soort: str) -> int:
        return sum(loc.plekken for loc in self.locaties if loc.soort == soort)

    @property
    def bestaande_locaties(self) -> int:
        return self._som(VerslagRegelLocatie.Soort.BESTAAND)

    @property
    def vastgestelde_plannen(self) -> int:
        return self._som(VerslagRegelLocatie.Soort.VASTGESTELD)

    @property
    def bestuurlijke_voornemens(self) -> int:
        return self._som(VerslagRegelLocatie.Soort.VOORNEMEN)

    @property
    def amv(self) -> int:
        return sum(loc.amv for loc in self.locaties)

    @property
    def aangeboden(self) -> int:
        return sum(loc.plekken for loc in self.locaties)

    @property
    def beschikbaar_van(self) -> dt.date | None:
        datums = [loc.beschikbaar_vanaf for loc in self.locaties if loc.beschikbaar_vanaf]
        return min(datums) if datums else None

    @property
    def beschikbaar_tot(self) -> dt.date | None:
        datums = [loc.beschikbaar_tot for loc in self.locaties if loc.beschikbaar_tot]
        return max(datums) if datums else None

    @property
    def zonder_einde(self) -> list[str]:
        return [loc.naam for loc in self.locaties if loc.beschikbaar_tot is None]

    @property
    def wijzigingen(self) -> list[tuple[str, object, object]]:
        """(label, now, from the register) for every value that would change."""
        labels = {
            "bestaande_locaties": "bestaande locaties",
            "vastgestelde_plannen": "vastgestelde plannen",
            "bestuurlijke_voornemens": "bestuurlijke voornemens",
            "amv": "amv-plekken",
            "beschikbaar_van": "beschikbaar vanaf",
            "beschikbaar_tot": "beschikbaar tot",
        }
        uit = []
        for veld, label in labels.items():
            oud, nieuw = getattr(self.regel, veld), getattr(self, veld)
            if oud != nieuw:
                uit.append((label, oud, nieuw))
        return uit

    def invoer(self) -> RegelInvoer:
        return RegelInvoer(
            bestaande_locaties=self.bestaande_locaties,
            vastgestelde_plannen=self.vastgestelde_plannen,
            bestuurlijke_voornemens=self.bestuurlijke_voornemens,
            amv=self.amv,
            beschikbaar_van=self.beschikbaar_van,
            beschikbaar_tot=self.beschikbaar_tot,
            opmerking=self.regel.opmerking,
        )


def verslag_locatie_opbouw(
    verslag: Verslag,
    *,
    gemeente_ids: set[int] | None = None,
    alleen_met_locaties=True,
    regels: list[VerslagRegel] | None = None,
) -> list[RegelOpbouw]:
    """Per row of the verslag (or of these gemeenten): its numbers from the register. Two
    queries, whatever the number of rows and locations; one when the caller passes the rows it
    already read (with their gemeente)."""
    if regels is None:
        regels = verslag.regels.select_related("gemeente").order_by("gemeente__naam")
    if gemeente_ids is not None:
        regels = [r for r in regels if r.gemeente_id in gemeente_ids]
    opbouw = {r.gemeente_id: RegelOpbouw(regel=r) for r in regels}
    fasen = dict(Fase.choices)
    soorten = dict(VerslagRegelLocatie.Soort.choices)
    # only the columns used (a verslag page reads a few hundred locations)
    for pk, gemeente_id, naam, fase, regulier, amv, vanaf, tot in (
        Opvanglocatie.objects.filter(gemeente_id__in=opbouw)
        .order_by("naam", "pk")
        .values_list(
            "pk",
            "gemeente_id",
            "naam",
            "fase",
            "capaciteit_regulier",
            "capaciteit_amv",
            "beschikbaar_vanaf",
            "beschikbaar_tot",
        )
    ):
        rij = opbouw[gemeente_id]
        if fase == Fase.GESLOTEN:
            rij.gesloten.append(naam)
            continue
        soort = SOORT_PER_FASE[fase]
        rij.locaties.append(
            LocatieOpbouw(
                locatie_id=pk,
                naam=naam,
                fase=fase,
                fase_label=fasen[fase],
                soort=soort,
                soort_label=soorten[soort],
                plekken=regulier + amv,
                amv=amv,
                beschikbaar_vanaf=vanaf,
                beschikbaar_tot=tot,
            )
        )
    rijen = list(opbouw.values())
    if alleen_met_locaties:
        rijen = [r for r in rijen if r.locaties or r.gesloten]
    return rijen


def ongewone_uit_locaties(opbouw: list[RegelOpbouw]) -> list[dict]:
    """The rows that taking these over would set above three times their indicative number
    (and that differ from what is stored): the confirmation step of the preview."""
    return ongewone_regels(
        {r.regel.gemeente_id: r.regel for r in opbouw},
        {r.regel.gemeente_id: r.invoer() for r in opbouw},
    )


@transaction.atomic
def regels_uit_locaties(
    *,
    verslag: Verslag,
    gemeente_ids: set[int],
    versie: int,
    door,
    bevestigd: bool | dict[int, int] = False,
) -> list[RegelOpbouw]:
    """Build these gemeenten's rows from their locations (the PRT secretary; a gemeente user
    its own row), replacing the row's numbers and period and recording the locations behind
    them. The row's remark is kept. Refused like a save: a frozen verslag, a stale version, a
    row above three times its indicative number that is not confirmed (``bevestigd`` as for
    ``verslag_opslaan``; ``BevestigingNodig`` names the rows)."""
    provincie_id = verslag.regietafel.provincie_id
    vereist(door, Handeling.VERSLAG_REGEL_INVULLEN, provincie=provincie_id)
    if not gemeente_ids:
        raise ValidationError("Kies ten minste één gemeente.")
    opbouw = verslag_locatie_opbouw(verslag, gemeente_ids=gemeente_ids, alleen_met_locaties=False)
    if len(opbouw) != len(gemeente_ids):
        raise ValidationError("Een gemeente hoort niet bij dit verslag.")
    verslag_opslaan(
        verslag=verslag,
        versie=versie,
        regels={r.regel.gemeente_id: r.invoer() for r in opbouw},
        door=door,
        bevestigd=bevestigd,
    )
    for rij in opbouw:
        for oud in VerslagRegelLocatie.objects.filter(regel=rij.regel):
            oud._history_user = door
            oud.delete()
        for loc in rij.locaties:
            nieuw = VerslagRegelLocatie(
                regel=rij.regel,
                locatie_id=loc.locatie_id,
                naam=loc.naam,
                fase=loc.fase,
                soort=loc.soort,
                plekken=loc.plekken,
                amv=loc.amv,
                beschikbaar_vanaf=loc.beschikbaar_vanaf,
                beschikbaar_tot=loc.beschikbaar_tot,
            )
            nieuw._history_user = door
            nieuw.save()
    return opbouw


def zonder_locatie(regels: list[VerslagRegel]) -> dict[int, dict[str, int]]:
    """Per row id: per column the places the row holds beyond the locations recorded behind
    it (negative when the row was lowered below them). One query."""
    achter: dict[int, dict[str, int]] = {}
    for regel_id, soort, plekken in VerslagRegelLocatie.objects.filter(
        regel__in=[r.pk for r in regels]
    ).values_list("regel_id", "soort", "plekken"):
        kolommen = achter.setdefault(regel_id, dict.fromkeys(KOLOMMEN, 0))
        kolommen[soort] += plekken
    uit = {}
    for regel in regels:
        kolommen = achter.get(regel.pk, dict.fromkeys(KOLOMMEN, 0))
        uit[regel.pk] = {k: getattr(regel, k) - kolommen[k] for k in KOLOMMEN}
        uit[regel.pk]["met_locatie"] = sum(kolommen.values())
    return uit
