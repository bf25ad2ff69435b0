"""Realised places per gemeente (ADR 0014): the places of its locations that count as realised
in the register, plus the reports that name no location. The one figure of "realised": the
realisation overview, the gemeente's page and home panel, the cycle's phase, the reminders of
open realisation (``openstaand.open_realisaties``) and the insight pages with their charts and
downloads all read it from here.

A location counts from the day it reached *in gebruik*, for as long as it is in gebruik and
available (``locaties.realisatie``). A report that names a location (``Realisatiemelding.
locatie``) does not add its number: the location counts instead, so the same places are never
counted twice. A report without a location adds its number. The overview shows the locations
behind every figure, warns where one closes before the next raming's reference date, and
signals a gemeente whose reports without a location may describe one of its locations in the
register (a report could then name it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from locaties import realisatie as locatie_realisatie

from ..models import Realisatiemelding, Verdeelbesluit, VerdeelbesluitRegel
from .verdeelbesluit import geldend_verdeelbesluit, geldend_verdeelbesluit_id

__all__ = [
    "Realisatiecijfer",
    "Stand",
    "Verloop",
    "cycli_met_besluit",
    "gerealiseerd",
    "gerealiseerd_per_gemeente",
    "gerealiseerd_verloop",
    "zonder_locatie_som",
    "realisatie_overzicht",
    "realisatie_stand",
    "standen",
    "volgende_ramingspeildatum",
]


def volgende_ramingspeildatum(cyclus) -> dt.date:
    """The reference date of the next raming: its meerjarig-beschikbaar peildatum, 1 February
    of the next cycle year (the 2026 raming used 1-2-2026)."""
    return dt.date(cyclus.jaar + 2, 2, 1)


#: Above this many gemeenten a query reads every gemeente's rows and the caller keeps those
#: asked for: a lookup of hundreds of ids costs Django more to build than the rows it saves.
VEEL_GEMEENTEN = 50


@dataclass
class Stand:
    """What a gemeente has realised on a date."""

    locaties: list = field(default_factory=list)  # locaties.realisatie.InGebruik, counted
    gemeld_bij_locatie: set[int] = field(default_factory=set)  # locations a report names
    zonder_locatie: int = 0  # reports in force that name no location
    # reports in force naming a location that does not count on the date: (name, number)
    locatie_telt_niet: list[tuple[str, int]] = field(default_factory=list)

    @property
    def uit_locaties(self) -> int:
        return sum(loc.plekken for loc in self.locaties)

    @property
    def totaal(self) -> int:
        return self.uit_locaties + self.zonder_locatie

    @property
    def locaties_zonder_melding(self) -> list:
        return [loc for loc in self.locaties if loc.locatie_id not in self.gemeld_bij_locatie]

    @property
    def mogelijk_dubbel(self) -> bool:
        """Reports without a location beside locations no report names: they may be the same
        places (counted twice until a report names its location)."""
        return self.zonder_locatie > 0 and bool(self.locaties_zonder_melding)


def standen(
    cyclus,
    *,
    gemeente_ids: set[int],
    datum: dt.date | None = None,
    user=None,
    zonder: int | None = None,
) -> dict[int, Stand]:
    """Realised places on ``datum`` (today) per gemeente of ``gemeente_ids``: its locations
    counting on that day and its reports in force dated on or before it (2 queries; with
    ``user`` only the reports that user may see; without report ``zonder``)."""
    datum = datum or timezone.localdate()
    uit: dict[int, Stand] = defaultdict(Stand)
    telt = {}
    # Many gemeenten (the ministry's overview): read all and keep those asked for, instead of
    # hundreds of ids in each query (as ``gerealiseerd``).
    in_sql = gemeente_ids if len(gemeente_ids) <= VEEL_GEMEENTEN else None
    for loc in locatie_realisatie.gerealiseerd_op(
        datum,
        volgende_peildatum=volgende_ramingspeildatum(cyclus),
        gemeente_ids=in_sql,
    ):
        if loc.gemeente_id in gemeente_ids:
            uit[loc.gemeente_id].locaties.append(loc)
            telt[loc.locatie_id] = loc
    meldingen = _meldingen(user).filter(cyclus=cyclus, datum__lte=datum)
    if in_sql is not None:
        meldingen = meldingen.filter(gemeente_id__in=in_sql)
    if zonder is not None:
        meldingen = meldingen.exclude(pk=zonder)
    for gemeente_id, locatie_id, naam, aantal in (
        meldingen.values("gemeente_id", "locatie_id", "locatie__naam")
        .annotate(aantal=Sum("aantal"))
        .values_list("gemeente_id", "locatie_id", "locatie__naam", "aantal")
        .order_by("gemeente_id", "locatie__naam")
    ):
        if gemeente_id not in gemeente_ids:
            continue
        stand = uit[gemeente_id]
        if locatie_id is None:
            stand.zonder_locatie += aantal
        else:
            stand.gemeld_bij_locatie.add(locatie_id)
            if locatie_id not in telt:
                stand.locatie_telt_niet.append((naam, aantal))
    return uit


def _meldingen(user):
    """The reports in force (with ``user``: those the user may see)."""
    if user is None:
        return Realisatiemelding.objects.all()
    return Realisatiemelding.objects.zichtbaar_voor(user)


def _zonder_locatie(meldingen, datum: dt.date):
    return meldingen.filter(datum__lte=datum, locatie__isnull=True)


def zonder_locatie_som(cyclus, gemeente, *, datum: dt.date | None = None):
    """The places of the reports without a location of one (cycle, gemeente) on ``datum``
    (today), as a column of another query: ``cyclus`` and ``gemeente`` are expressions of that
    query (``OuterRef("verdeelbesluit__cyclus_id")``, …). The same sum as ``gerealiseerd``'s
    second query, for a caller that reads the rows it needs it for anyway (one query less)."""
    som = (
        _zonder_locatie(Realisatiemelding.objects.all(), datum or timezone.localdate())
        .filter(cyclus_id=cyclus, gemeente_id=gemeente)
        .order_by()
        .values("gemeente_id")
        .annotate(som=Sum("aantal"))
        .values("som")
    )
    return Coalesce(Subquery(som, output_field=IntegerField()), 0)


def gerealiseerd(
    paren: dict[int, set[int]],
    *,
    datum: dt.date | None = None,
    user=None,
    zonder_locatie: dict[tuple[int, int], int] | None = None,
) -> dict[tuple[int, int], int]:
    """Realised places on ``datum`` (today) per (cycle id, gemeente id) of ``paren`` (cycle id
    → gemeente ids), whatever the number of cycles (2 queries): the same sum as
    ``Stand.totaal``, its locations plus its reports without a location. ``zonder_locatie``:
    those reports' places per (cycle id, gemeente id) when the caller read them
    (``zonder_locatie_som``; all reports, so only without ``user``): one query."""
    datum = datum or timezone.localdate()
    alle = set().union(*paren.values()) if paren else set()
    if not alle:
        return {}
    # Many gemeenten (the reminders of every gemeente): read all and keep those asked for,
    # instead of hundreds of ids in each query (building such a lookup costs more than the
    # rows it saves).
    in_sql = alle if len(alle) <= VEEL_GEMEENTEN else None
    uit_locaties: dict[int, int] = defaultdict(int)
    for loc in locatie_realisatie.gerealiseerd_op(datum, gemeente_ids=in_sql):
        uit_locaties[loc.gemeente_id] += loc.plekken
    if zonder_locatie is not None and user is None:
        zonder = defaultdict(int, zonder_locatie)
    else:
        zonder = defaultdict(int)
        meldingen = _zonder_locatie(_meldingen(user), datum).filter(cyclus_id__in=list(paren))
        if in_sql is not None:
            meldingen = meldingen.filter(gemeente_id__in=in_sql)
        for cyclus_id, gemeente_id, aantal in (
            meldingen.values("cyclus_id", "gemeente_id")
            .annotate(aantal=Sum("aantal"))
            .values_list("cyclus_id", "gemeente_id", "aantal")
        ):
            zonder[(cyclus_id, gemeente_id)] += aantal
    return {
        (cyclus_id, g): uit_locaties[g] + zonder[(cyclus_id, g)]
        for cyclus_id, gemeenten in paren.items()
        for g in gemeenten
    }


@dataclass(frozen=True)
class Realisatiecijfer:
    """A gemeente's number in the verdeelbesluit in force and its realised places."""

    gemeente_id: int
    provincie_id: int
    aantal: int
    gerealiseerd: int
    realisatietermijn: dt.date | None = None
    provincie_code: str = ""

    @property
    def rest(self) -> int:
        """Still to realise, never below 0 (``boven``: realised beyond the besluit)."""
        return max(0, self.aantal - self.gerealiseerd)

    @property
    def boven(self) -> int:
        return max(0, self.gerealiseerd - self.aantal)


def _besluitregels(cyclus, *, user, besluit=None, provincie_id=None, gemeente_id=None, datum=None):
    """(gemeente id, provincie id, aantal, realisatietermijn, provincie code) of the rows of
    the verdeelbesluit in force (``besluit`` when the caller has it) that ``user`` may see,
    in one query; empty without a besluit. With ``datum``: also the places of the reports
    without a location on that day (``zonder_locatie_som``)."""
    if cyclus is None:
        return []
    regels = (
        VerdeelbesluitRegel.objects
        if user is None
        else VerdeelbesluitRegel.objects.zichtbaar_voor(user)
    ).filter(verdeelbesluit=besluit or geldend_verdeelbesluit_id(cyclus))
    if provincie_id is not None:
        regels = regels.filter(gemeente__provincie_id=provincie_id)
    if gemeente_id is not None:
        regels = regels.filter(gemeente_id=gemeente_id)
    if datum is not None:
        # with the reports without a location (of every user: only without ``user``)
        regels = regels.annotate(
            zonder_locatie=zonder_locatie_som(cyclus.pk, OuterRef("gemeente_id"), datum=datum)
        )
    return list(
        regels.values_list(
            "gemeente_id",
            "gemeente__provincie_id",
            "aantal",
            "realisatietermijn",
            "gemeente__provincie__code",
            *(["zonder_locatie"] if datum is not None else []),
        )
    )


def gerealiseerd_per_gemeente(
    cyclus,
    *,
    user=None,
    datum: dt.date | None = None,
    besluit=None,
    provincie_id: int | None = None,
    gemeente_id: int | None = None,
) -> dict[int, Realisatiecijfer]:
    """Per gemeente of the verdeelbesluit in force (that ``user`` may see; of one province or
    gemeente): its number and its places realised on ``datum`` (today). Empty without a
    besluit. 3 queries (``besluit``: the besluit in force, when the caller has it)."""
    datum = datum or timezone.localdate()
    regels = _besluitregels(
        cyclus,
        user=user,
        besluit=besluit,
        provincie_id=provincie_id,
        gemeente_id=gemeente_id,
        # the reports without a location in the same query (without a user: all of them)
        datum=datum if user is None else None,
    )
    if not regels:
        return {}
    totalen = gerealiseerd(
        {cyclus.pk: {r[0] for r in regels}},
        datum=datum,
        user=user,
        zonder_locatie={(cyclus.pk, r[0]): r[5] for r in regels} if user is None else None,
    )
    return {
        g: Realisatiecijfer(
            gemeente_id=g,
            provincie_id=p,
            aantal=aantal,
            gerealiseerd=totalen[(cyclus.pk, g)],
            realisatietermijn=termijn,
            provincie_code=code,
        )
        for g, p, aantal, termijn, code, *_ in regels
    }


@dataclass(frozen=True)
class Verloop:
    """Realised places per province over time: on each of ``datums`` the figure of that day."""

    datums: list[dt.date]
    per_provincie: dict[str, list[int]]  # provincie code → realised places on each date


def gerealiseerd_verloop(cyclus, *, user=None, tot: dt.date | None = None, besluit=None) -> Verloop:
    """Realised places per province (of the gemeenten of the verdeelbesluit in force that
    ``user`` may see) on every date the figure changed, up to ``tot`` (today): a location
    starting or stopping to count, a report without a location. What counted before the
    cycle's first day is shown on that day. The value on a date is the figure
    ``gerealiseerd`` gives for it. 3 queries (``besluit``: as ``gerealiseerd_per_gemeente``)."""
    tot = tot or timezone.localdate()
    regels = _besluitregels(cyclus, user=user, besluit=besluit)
    if not regels:
        return Verloop(datums=[], per_provincie={})
    provincie_van = {r[0]: r[4] for r in regels}
    begin = dt.date(cyclus.jaar, 1, 1)
    wijzigingen: dict[tuple[dt.date, str], int] = defaultdict(int)
    for w in locatie_realisatie.gerealiseerd_verloop(gemeente_ids=set(provincie_van)):
        if w.datum <= tot:
            wijzigingen[(max(w.datum, begin), provincie_van[w.gemeente_id])] += w.plekken
    for gemeente_id, datum, aantal in (
        _meldingen(user)
        .filter(
            cyclus=cyclus,
            gemeente_id__in=set(provincie_van),
            datum__lte=tot,
            locatie__isnull=True,
        )
        .values("gemeente_id", "datum")
        .annotate(aantal=Sum("aantal"))
        .values_list("gemeente_id", "datum", "aantal")
    ):
        wijzigingen[(max(datum, begin), provincie_van[gemeente_id])] += aantal
    datums = sorted({d for d, _p in wijzigingen})
    per_provincie = {}
    for p in sorted(set(provincie_van.values())):
        stand = 0
        reeks = []
        for d in datums:
            stand += wijzigingen.get((d, p), 0)
            reeks.append(stand)
        per_provincie[p] = reeks
    return Verloop(datums=datums, per_provincie=per_provincie)


def realisatie_stand(*, gemeente, cyclus, zonder: int | None = None) -> tuple[int, int]:
    """(the gemeente's number in the verdeelbesluit in force, places realised today without
    report ``zonder``): what a new report is weighed against."""
    besluit = geldend_verdeelbesluit(cyclus)
    vastgesteld = (
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit, gemeente=gemeente)
        .values_list("aantal", flat=True)
        .first()
        if besluit is not None
        else None
    ) or 0
    stand = standen(cyclus, gemeente_ids={gemeente.pk}, zonder=zonder).get(gemeente.pk, Stand())
    return vastgesteld, stand.totaal


def realisatie_overzicht(cyclus, *, user, datum: dt.date | None = None, besluit=None) -> dict:
    """Realised places against the verdeelbesluit, per province and per gemeente, on ``datum``
    (today): the locations in gebruik plus the reports without a location, the locations
    behind every figure, and the warnings (a location closing before the next raming's
    reference date; reports that may describe a location; a report whose location no longer
    counts). A fixed number of queries (``besluit``: the besluit in force, when the caller
    has it). Rows are plain values (names, ids, numbers), not model instances: a row per
    gemeente of the besluit that ``user`` may see, in the order of province code and name."""
    if besluit is None:
        besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return {"besluit": None, "provincies": [], "gemeenten": [], "waarschuwingen": []}
    datum = datum or timezone.localdate()
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .order_by("gemeente__provincie__code", "gemeente__naam")
        .values_list(
            "gemeente_id",
            "gemeente__naam",
            "gemeente__provincie_id",
            "gemeente__provincie__naam",
            "aantal",
            "realisatietermijn",
        )
    )
    per_gemeente = standen(cyclus, gemeente_ids={r[0] for r in regels}, datum=datum, user=user)
    provincies: dict[int, dict] = {}
    gemeenten = []
    leeg = Stand()
    for gemeente_id, naam, provincie_id, provincienaam, aantal, termijn in regels:
        stand = per_gemeente.get(gemeente_id) or leeg
        uit_locaties = stand.uit_locaties
        totaal = uit_locaties + stand.zonder_locatie
        # still to realise, never below 0; what is realised beyond the besluit
        rest, boven = max(0, aantal - totaal), max(0, totaal - aantal)
        gemeenten.append(
            {
                "gemeente_id": gemeente_id,
                "gemeente": naam,
                "provincie_id": provincie_id,
                "aantal": aantal,
                "realisatietermijn": termijn,
                "stand": stand,
                "gerealiseerd": totaal,
                "uit_locaties": uit_locaties,
                "zonder_locatie": stand.zonder_locatie,
                "rest": rest,
                "boven": boven,
                "locaties": stand.locaties,
            }
        )
        p = provincies.get(provincie_id)
        if p is None:
            p = provincies[provincie_id] = {
                "provincie_id": provincie_id,
                "provincie": provincienaam,
                "aantal": 0,
                "gerealiseerd": 0,
                "uit_locaties": 0,
                "zonder_locatie": 0,
                "rest": 0,
                "boven": 0,
            }
        p["aantal"] += aantal
        p["gerealiseerd"] += totaal
        p["uit_locaties"] += uit_locaties
        p["zonder_locatie"] += stand.zonder_locatie
        # each gemeente has its own task: one above its number does not make up for another
        p["rest"] += rest
        p["boven"] += boven
    return {
        "besluit": besluit,
        "provincies": list(provincies.values()),
        "gemeenten": gemeenten,
        "datum": datum,
        "volgende_peildatum": volgende_ramingspeildatum(cyclus),
        "waarschuwingen": [
            {"gemeente": g["gemeente"], "locatie": loc}
            for g in gemeenten
            for loc in g["locaties"]
            if loc.sluit_voor_peildatum
        ],
        "mogelijk_dubbel": [g for g in gemeenten if g["stand"].mogelijk_dubbel],
        "telt_niet": [
            {"gemeente": g["gemeente"], "naam": naam, "aantal": aantal}
            for g in gemeenten
            for naam, aantal in g["stand"].locatie_telt_niet
        ],
    }


def cycli_met_besluit() -> list[int]:
    """The years of the cycles with a verdeelbesluit in force (newest first): the cycles
    whose realisation there is to see. One query."""
    return list(
        Verdeelbesluit.objects.filter(status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("-cyclus__jaar")
        .values_list("cyclus__jaar", flat=True)
        .distinct()
    )
