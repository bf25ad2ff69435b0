"""Realisation from the register: which locations count as realised places on a date.

A location counts as realised from the day it reached *in gebruik* (its phase change; without
one, ``fase_sinds`` of a location that is in gebruik now) for as long as it is in gebruik and
available (``beschikbaar_vanaf <= datum <= beschikbaar_tot``, an open end counts). Places are
regular plus amv capacity. Realised places count only if they are available at least until the
next raming's reference date (DOMAIN.md, step 5); a location that closes earlier is flagged.

How this relates to the realisation reports (``regietafels.Realisatiemelding``) is in
docs/adr/0014-meerjarig-beschikbaar-from-the-register.md: realised places are these locations
plus the reports that name no location (``regietafels.realisatiestand``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .berekening import IN_GEBRUIK, fase_op
from .models import Fasewijziging, Opvanglocatie


@dataclass(frozen=True)
class InGebruik:
    locatie_id: int
    naam: str
    gemeente_id: int
    provincie_id: int
    plekken: int
    in_gebruik_sinds: dt.date
    beschikbaar_tot: dt.date | None
    sluit_voor_peildatum: bool  # closes before the next raming's reference date
    bevestigd: bool = False  # COA confirmed capacity and phase (it counts either way)


def in_gebruik_sinds(
    *, huidige_fase: str, fase_sinds: dt.date, wijzigingen: list[tuple[dt.date, str, str]]
) -> dt.date | None:
    """The day the location last reached *in gebruik* (None: never)."""
    naar = sorted((w for w in wijzigingen if w[2] == IN_GEBRUIK), key=lambda w: w[0])
    if naar:
        return naar[-1][0]
    return fase_sinds if huidige_fase == IN_GEBRUIK else None


def gerealiseerd_op(
    datum: dt.date,
    *,
    volgende_peildatum: dt.date,
    gemeente_ids: set[int] | None = None,
    provincie_id: int | None = None,
) -> list[InGebruik]:
    """The locations that count as realised on ``datum`` (2 queries)."""
    locaties = Opvanglocatie.objects.all()
    wijzigingen_qs = Fasewijziging.objects.all()
    if gemeente_ids is not None:
        locaties = locaties.filter(gemeente_id__in=gemeente_ids)
        wijzigingen_qs = wijzigingen_qs.filter(locatie__gemeente_id__in=gemeente_ids)
    if provincie_id is not None:
        locaties = locaties.filter(gemeente__provincie_id=provincie_id)
        wijzigingen_qs = wijzigingen_qs.filter(locatie__gemeente__provincie_id=provincie_id)
    wijzigingen: dict[int, list] = defaultdict(list)
    for locatie_id, d, van, naar in wijzigingen_qs.values_list(
        "locatie_id", "datum", "van_fase", "naar_fase"
    ):
        wijzigingen[locatie_id].append((d, van, naar))
    uit = []
    # plain values of the fields needed: no model instance per location (2,000 and more)
    for (
        pk,
        naam,
        gemeente_id,
        provincie_van_gemeente,
        fase,
        fase_sinds,
        regulier,
        amv,
        vanaf,
        tot,
        bevestigd_op,
    ) in locaties.order_by("gemeente__naam", "naam", "pk").values_list(
        "pk",
        "naam",
        "gemeente_id",
        "gemeente__provincie_id",
        "fase",
        "fase_sinds",
        "capaciteit_regulier",
        "capaciteit_amv",
        "beschikbaar_vanaf",
        "beschikbaar_tot",
        "coa_bevestigd_op",
    ):
        eigen = wijzigingen[pk]
        if fase_op(datum, huidige_fase=fase, wijzigingen=eigen) != IN_GEBRUIK:
            continue
        sinds = in_gebruik_sinds(huidige_fase=fase, fase_sinds=fase_sinds, wijzigingen=eigen)
        if sinds is None or sinds > datum:
            continue
        if vanaf and vanaf > datum:
            continue
        if tot and tot < datum:
            continue
        uit.append(
            InGebruik(
                locatie_id=pk,
                naam=naam,
                gemeente_id=gemeente_id,
                provincie_id=provincie_van_gemeente,
                plekken=regulier + amv,
                in_gebruik_sinds=sinds,
                beschikbaar_tot=tot,
                sluit_voor_peildatum=tot is not None and tot < volgende_peildatum,
                bevestigd=bevestigd_op is not None,
            )
        )
    return uit
