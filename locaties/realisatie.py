"""Realisation from the register: which locations count as realised places on a date.

A location counts as realised from the day it reached *in gebruik* (its phase change; without
one, ``fase_sinds`` of a location that is in gebruik now) for as long as it is in gebruik and
available (``beschikbaar_vanaf <= datum <= beschikbaar_tot``, an open end counts). Places are
regular plus amv capacity. Realised places count only if they are available at least until the
next raming's reference date (DOMAIN.md, step 5); a location that closes earlier is flagged.

How this relates to the realisation reports (``regietafels.Realisatiemelding``) is in
docs/adr/0014-meerjarig-beschikbaar-from-the-register.md: realised places are these locations
plus the reports that name no location (``regietafels.selectors.realisatie``, the one figure
every page, export and reminder reads).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

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


def _kan_tellen_op(datum: dt.date) -> Q:
    """What a location that counts on ``datum`` (``_telt``) has in any case, as a filter: it
    is available on that day, and it is in gebruik now or a phase change once brought it
    there (otherwise it never reached in gebruik: ``in_gebruik_sinds`` is None). Only these
    rows are read and judged by the rule; the rule itself stays in Python."""
    return (
        (Q(beschikbaar_vanaf__isnull=True) | Q(beschikbaar_vanaf__lte=datum))
        & (Q(beschikbaar_tot__isnull=True) | Q(beschikbaar_tot__gte=datum))
        & (
            Q(fase=IN_GEBRUIK)
            | Exists(Fasewijziging.objects.filter(locatie=OuterRef("pk"), naar_fase=IN_GEBRUIK))
        )
    )


def _locaties(*, gemeente_ids, provincie_id, kan_tellen_op: dt.date | None = None):
    """(location rows, phase changes per location) of the gemeenten, in one query: each
    location joined with its phase changes (a row per change, one without). With
    ``kan_tellen_op`` only the locations that may count as realised on that day."""
    locaties = Opvanglocatie.objects.all()
    if kan_tellen_op is not None:
        locaties = locaties.filter(_kan_tellen_op(kan_tellen_op))
    if gemeente_ids is not None:
        locaties = locaties.filter(gemeente_id__in=gemeente_ids)
    if provincie_id is not None:
        locaties = locaties.filter(gemeente__provincie_id=provincie_id)
    rijen: dict[int, tuple] = {}
    wijzigingen: dict[int, list] = defaultdict(list)
    # plain values of the fields needed: no model instance per location (2,000 and more)
    for *rij, d, van, naar in locaties.order_by(
        "gemeente__naam", "naam", "pk", "fasewijzigingen__datum", "fasewijzigingen__pk"
    ).values_list(
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
        "fasewijzigingen__datum",
        "fasewijzigingen__van_fase",
        "fasewijzigingen__naar_fase",
    ):
        rijen.setdefault(rij[0], tuple(rij))
        if d is not None:
            wijzigingen[rij[0]].append((d, van, naar))
    return list(rijen.values()), wijzigingen


def _telt(datum: dt.date, *, fase, eigen, sinds, vanaf, tot) -> bool:
    """Whether a location counts as realised on ``datum`` (the rule of this module)."""
    if fase_op(datum, huidige_fase=fase, wijzigingen=eigen) != IN_GEBRUIK:
        return False
    if sinds is None or sinds > datum:
        return False
    if vanaf and vanaf > datum:
        return False
    return not (tot and tot < datum)


def gerealiseerd_op(
    datum: dt.date,
    *,
    volgende_peildatum: dt.date | None = None,
    gemeente_ids: set[int] | None = None,
    provincie_id: int | None = None,
) -> list[InGebruik]:
    """The locations that count as realised on ``datum`` (1 query). ``volgende_peildatum``
    (the next raming's reference date) flags the ones closing before it."""
    rijen, wijzigingen = _locaties(
        gemeente_ids=gemeente_ids, provincie_id=provincie_id, kan_tellen_op=datum
    )
    uit = []
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
    ) in rijen:
        eigen = wijzigingen[pk]
        sinds = in_gebruik_sinds(huidige_fase=fase, fase_sinds=fase_sinds, wijzigingen=eigen)
        if not _telt(datum, fase=fase, eigen=eigen, sinds=sinds, vanaf=vanaf, tot=tot):
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
                sluit_voor_peildatum=(
                    volgende_peildatum is not None and tot is not None and tot < volgende_peildatum
                ),
                bevestigd=bevestigd_op is not None,
            )
        )
    return uit


@dataclass(frozen=True)
class Wijziging:
    """From ``datum`` on, a location adds ``plekken`` (negative: stops counting)."""

    datum: dt.date
    gemeente_id: int
    plekken: int


def gerealiseerd_verloop(*, gemeente_ids: set[int] | None = None) -> list[Wijziging]:
    """When each location starts and stops counting as realised, by date (1 query): the
    sum of the changes up to a date is the places ``gerealiseerd_op`` counts on it. Whether a
    location counts changes only on its own dates (its phase changes, the day it went into
    use, the start of its availability and the day after its end), so the rule is asked on
    those dates."""
    rijen, wijzigingen = _locaties(gemeente_ids=gemeente_ids, provincie_id=None)
    uit = []
    for pk, _naam, gemeente_id, _p, fase, fase_sinds, regulier, amv, vanaf, tot, _b in rijen:
        eigen = wijzigingen[pk]
        sinds = in_gebruik_sinds(huidige_fase=fase, fase_sinds=fase_sinds, wijzigingen=eigen)
        if sinds is None:
            continue
        momenten = {w[0] for w in eigen} | {sinds}
        if vanaf:
            momenten.add(vanaf)
        if tot:
            momenten.add(tot + dt.timedelta(days=1))
        momenten = sorted(momenten)
        plekken = regulier + amv
        # before the day it went into use (one of its dates) it does not count
        telde = False
        for moment in momenten:
            telt = _telt(moment, fase=fase, eigen=eigen, sinds=sinds, vanaf=vanaf, tot=tot)
            if telt != telde:
                uit.append(
                    Wijziging(
                        datum=moment, gemeente_id=gemeente_id, plekken=plekken if telt else -plekken
                    )
                )
                telde = telt
    return sorted(uit, key=lambda w: (w.datum, w.gemeente_id))
