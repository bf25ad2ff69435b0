"""Realised places per gemeente (ADR 0014): the places of its locations that count as realised
in the register, plus the reports that name no location.

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

from django.db.models import Sum
from django.utils import timezone

from locaties import realisatie as locatie_realisatie

from .models import Realisatiemelding, VerdeelbesluitRegel
from .selectors import geldend_verdeelbesluit


def volgende_ramingspeildatum(cyclus) -> dt.date:
    """The reference date of the next raming: its meerjarig-beschikbaar peildatum, 1 February
    of the next cycle year (the 2026 raming used 1-2-2026)."""
    return dt.date(cyclus.jaar + 2, 2, 1)


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
    counting on that day and its reports in force dated on or before it (3 queries; with
    ``user`` only the reports that user may see; without report ``zonder``)."""
    datum = datum or timezone.localdate()
    uit: dict[int, Stand] = defaultdict(Stand)
    telt = {}
    for loc in locatie_realisatie.gerealiseerd_op(
        datum,
        volgende_peildatum=volgende_ramingspeildatum(cyclus),
        gemeente_ids=gemeente_ids,
    ):
        uit[loc.gemeente_id].locaties.append(loc)
        telt[loc.locatie_id] = loc
    meldingen = (
        Realisatiemelding.objects
        if user is None
        else Realisatiemelding.objects.zichtbaar_voor(user)
    ).filter(cyclus=cyclus, gemeente_id__in=gemeente_ids, datum__lte=datum)
    if zonder is not None:
        meldingen = meldingen.exclude(pk=zonder)
    for gemeente_id, locatie_id, naam, aantal in (
        meldingen.values("gemeente_id", "locatie_id", "locatie__naam")
        .annotate(aantal=Sum("aantal"))
        .values_list("gemeente_id", "locatie_id", "locatie__naam", "aantal")
        .order_by("gemeente_id", "locatie__naam")
    ):
        stand = uit[gemeente_id]
        if locatie_id is None:
            stand.zonder_locatie += aantal
        else:
            stand.gemeld_bij_locatie.add(locatie_id)
            if locatie_id not in telt:
                stand.locatie_telt_niet.append((naam, aantal))
    return uit


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


def realisatie_overzicht(cyclus, *, user, datum: dt.date | None = None) -> dict:
    """Realised places against the verdeelbesluit, per province and per gemeente, on ``datum``
    (today): the locations in gebruik plus the reports without a location, the locations
    behind every figure, and the warnings (a location closing before the next raming's
    reference date; reports that may describe a location; a report whose location no longer
    counts). A fixed number of queries."""
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return {"besluit": None, "provincies": [], "gemeenten": [], "waarschuwingen": []}
    datum = datum or timezone.localdate()
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )
    per_gemeente = standen(
        cyclus, gemeente_ids={r.gemeente_id for r in regels}, datum=datum, user=user
    )
    provincies: dict[int, dict] = {}
    gemeenten = []
    for regel in regels:
        stand = per_gemeente.get(regel.gemeente_id) or Stand()
        gemeenten.append(
            {
                "regel": regel,
                "stand": stand,
                "gerealiseerd": stand.totaal,
                "uit_locaties": stand.uit_locaties,
                "zonder_locatie": stand.zonder_locatie,
                "rest": regel.aantal - stand.totaal,
                "locaties": stand.locaties,
            }
        )
        p = provincies.setdefault(
            regel.gemeente.provincie_id,
            {
                "provincie": regel.gemeente.provincie,
                "aantal": 0,
                "gerealiseerd": 0,
                "uit_locaties": 0,
                "zonder_locatie": 0,
            },
        )
        p["aantal"] += regel.aantal
        p["gerealiseerd"] += stand.totaal
        p["uit_locaties"] += stand.uit_locaties
        p["zonder_locatie"] += stand.zonder_locatie
    for p in provincies.values():
        p["rest"] = p["aantal"] - p["gerealiseerd"]
    return {
        "besluit": besluit,
        "provincies": list(provincies.values()),
        "gemeenten": gemeenten,
        "datum": datum,
        "volgende_peildatum": volgende_ramingspeildatum(cyclus),
        "waarschuwingen": [
            {"gemeente": g["regel"].gemeente, "locatie": loc}
            for g in gemeenten
            for loc in g["locaties"]
            if loc.sluit_voor_peildatum
        ],
        "mogelijk_dubbel": [g for g in gemeenten if g["stand"].mogelijk_dubbel],
        "telt_niet": [
            {"gemeente": g["regel"].gemeente, "naam": naam, "aantal": aantal}
            for g in gemeenten
            for naam, aantal in g["stand"].locatie_telt_niet
        ],
    }
