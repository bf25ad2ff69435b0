"""The open terms of the exchanges, derived here once; ``herinneringen`` reads them through
these selectors and builds its reminders from them.

Both kinds have no deadline: a term opens when the exchange is proposed (a gemeente must
answer) or accepted by all parties (the PRT must confirm) and stays open until that happens.
Each selector returns the rows in the order the term lists show them (the local day the term
opened, then the exchange and the gemeente) and, with ``limiet``, only the first rows and the
number of all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, Count, F, IntegerField, Min, Value, Window
from django.db.models.functions import TruncDate

from .models import Uitruil, UitruilPartij

ANTWOORD = "antwoord"
BEVESTIGING = "bevestiging"


@dataclass(frozen=True)
class Antwoord:
    """A gemeente that still has to answer a proposed exchange."""

    uitruil_id: int
    gemeente_id: int
    gemeente: str
    provincie_id: int
    voorgesteld_door: str
    sinds: dt.date


@dataclass(frozen=True)
class Bevestiging:
    """An exchange accepted by all parties, waiting for the PRT's confirmation."""

    uitruil_id: int
    provincie_id: int
    provincie: str
    sinds: dt.date


@dataclass
class Openstaand:
    rijen: list
    aantal: int  # all rows, also those beyond ``limiet``


def _antwoorden(gemeente_id: int | None):
    """Answers still open in proposed exchanges: one row per exchange and gemeente (a gemeente
    with several rows in one exchange answers once)."""
    partijen = UitruilPartij.objects.filter(
        instemming=UitruilPartij.Instemming.OPEN, uitruil__status=Uitruil.Status.VOORGESTELD
    )
    if gemeente_id:
        partijen = partijen.filter(gemeente_id=gemeente_id)
    return (
        partijen.values("uitruil_id", "gemeente_id")
        .annotate(
            soort=Value(ANTWOORD),
            eerste=Min("pk"),
            naam=F("gemeente__naam"),
            provincie=F("gemeente__provincie_id"),
            door=F("uitruil__voorgesteld_door_gemeente__naam"),
            dag=TruncDate("uitruil__voorgesteld_op"),
            aantal=Window(Count("*")),  # all rows, counted before the limit
        )
        .order_by("dag", "uitruil_id", "gemeente_id")
        .values_list(
            "soort", "uitruil_id", "gemeente_id", "naam", "provincie", "door", "dag", "aantal"
        )
    )


def _bevestigingen(provincie_id: int | None):
    """Exchanges accepted by all parties, waiting for the PRT."""
    uitruilen = Uitruil.objects.filter(status=Uitruil.Status.GEACCEPTEERD)
    if provincie_id:
        uitruilen = uitruilen.filter(provincie_id=provincie_id)
    return (
        uitruilen.annotate(
            soort=Value(BEVESTIGING),
            geen=Value(None, output_field=IntegerField()),
            leeg=Value(None, output_field=CharField()),
            dag=TruncDate("gewijzigd_op"),
            aantal=Window(Count("*")),
        )
        .order_by("dag", "pk")
        .values_list(
            "soort", "pk", "geen", "provincie__naam", "provincie_id", "leeg", "dag", "aantal"
        )
    )


def open_uitruiltermijnen(
    *,
    antwoorden: bool = True,
    bevestigingen: bool = True,
    gemeente_id: int | None = None,
    provincie_id: int | None = None,
    limiet: int | None = None,
) -> tuple[Openstaand, Openstaand]:
    """The open answers (optionally of one gemeente) and confirmations (optionally of one
    province), each in its order and up to ``limiet``: one query (two where the database
    cannot limit the parts of a UNION)."""
    delen = []
    if antwoorden:
        delen.append(_antwoorden(gemeente_id))
    if bevestigingen:
        delen.append(_bevestigingen(provincie_id))
    if limiet is not None:
        delen = [deel[:limiet] for deel in delen]
    if len(delen) == 2 and connection.features.supports_slicing_ordering_in_compound:
        rijen = list(delen[0].union(delen[1], all=True))
    else:
        rijen = [rij for deel in delen for rij in deel]
    uit = {ANTWOORD: Openstaand([], 0), BEVESTIGING: Openstaand([], 0)}
    for soort, *waarden, aantal in rijen:
        if soort == ANTWOORD:
            uitruil_id, gemeente_id_, naam, provincie, door, dag = waarden
            uit[soort].rijen.append(Antwoord(uitruil_id, gemeente_id_, naam, provincie, door, dag))
        else:
            uitruil_id, _, naam, provincie, _, dag = waarden
            uit[soort].rijen.append(Bevestiging(uitruil_id, provincie, naam, dag))
        uit[soort] = Openstaand(uit[soort].rijen, aantal)
    return uit[ANTWOORD], uit[BEVESTIGING]
