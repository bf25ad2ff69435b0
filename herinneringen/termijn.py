"""One open term (``Termijn``), its kinds, its reminder steps and the order of the lists.

Reminder steps (``stap_voor``):
- ``AFTELLEN``: 30, 14, 7, 3, 1 and 0 days before the deadline, then every 7 days overdue.
- ``WEKELIJKS``: on the day the term opened (``sinds``), then every 7 days while it is open.
A missed day is caught up: the step due is the latest step on or before today, so a sweep that
did not run on the T-7 day still sends T-7 the next day (each step at most once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

AFTELLEN = "aftellen"
WEKELIJKS = "wekelijks"
AFTELDAGEN = (30, 14, 7, 3, 1, 0)

# Terms that ended longer ago than this are history, not a to-do.
HORIZON_DAGEN = 365


class Soort:
    VERSLAG = "verslag"
    VERSLAG_TERUGGESTUURD = "verslag-teruggestuurd"
    UITRUIL_ANTWOORD = "uitruil-antwoord"
    UITRUIL_BEVESTIGING = "uitruil-bevestiging"
    REALISATIE = "realisatie"
    VERLENGINGSVERZOEK = "verlengingsverzoek"
    BEOORDELING = "beoordeling"
    RAMING = "raming"
    VERSLAG_TE_LAAT = "verslag-te-laat"
    BESLUIT_HEROVERWEGEN = "verdeelbesluit-heroverwegen"
    BEZWAAR_BESLISSEN = "bezwaar-beslissen"
    BEZWAAR_BESLISSING = "bezwaar-beslissing"
    BEZWAARTERMIJN = "bezwaartermijn"

    LABELS = {
        VERSLAG: "Verslag indienen",
        VERSLAG_TERUGGESTUURD: "Teruggestuurd verslag",
        UITRUIL_ANTWOORD: "Uitruilvoorstel beantwoorden",
        UITRUIL_BEVESTIGING: "Uitruil bevestigen",
        REALISATIE: "Realisatietermijn",
        VERLENGINGSVERZOEK: "Verlengingsverzoek beslissen",
        BEOORDELING: "Verslag beoordelen",
        RAMING: "Capaciteitsraming publiceren",
        VERSLAG_TE_LAAT: "Verslag te laat",
        BESLUIT_HEROVERWEGEN: "Verdeelbesluit heroverwegen",
        BEZWAAR_BESLISSEN: "Beslissen op bezwaar",
        BEZWAAR_BESLISSING: "Beslissing op bezwaar verwacht",
        BEZWAARTERMIJN: "Bezwaartermijn",
    }


@dataclass(frozen=True)
class Termijn:
    """One open term. ``datum`` is the deadline (None when the term has none); ``sinds`` the
    day it opened. ``ontvangers`` are user ids; ``wettelijk`` reminders cannot be switched off."""

    sleutel: str
    soort: str
    titel: str
    schema: str
    datum: dt.date | None = None
    sinds: dt.date | None = None
    pad: str = ""
    ontvangers: tuple[int, ...] = ()
    wettelijk: bool = False
    provincie_id: int | None = None
    gemeente_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # Breaks ties in the order of the lists (``sorteer``): the ids of what the term is about.
    orde: tuple = field(default=(), compare=False, hash=False)

    @property
    def soort_label(self) -> str:
        return Soort.LABELS.get(self.soort, self.soort)

    @property
    def peildatum(self) -> dt.date | None:
        return self.datum or self.sinds

    def dagen(self, vandaag: dt.date) -> int | None:
        """Days left until the deadline (negative: overdue); None without a deadline."""
        return None if self.datum is None else (self.datum - vandaag).days

    def te_laat(self, vandaag: dt.date) -> bool:
        return self.datum is not None and self.datum < vandaag

    def dagen_open(self, vandaag: dt.date) -> int | None:
        return None if self.sinds is None else (vandaag - self.sinds).days

    def stap(self, vandaag: dt.date) -> str | None:
        return stap_voor(self, vandaag)


def stap_voor(termijn: Termijn, vandaag: dt.date) -> str | None:
    """The reminder step due on ``vandaag`` (the latest one on or before it), or None."""
    if termijn.schema == AFTELLEN:
        if termijn.datum is None:
            return None
        verschil = (vandaag - termijn.datum).days  # negative: before the deadline
        if verschil < -AFTELDAGEN[0]:
            return None
        if verschil >= 7:
            return f"{termijn.datum.isoformat()}/T+{7 * (verschil // 7)}"
        voor = max(-d for d in AFTELDAGEN if -d <= verschil)
        return f"{termijn.datum.isoformat()}/T-{-voor}"
    anker = termijn.sinds
    if anker is None:
        return None
    verschil = (vandaag - anker).days
    if verschil < 0:
        return None
    return f"{anker.isoformat()}/W+{7 * (verschil // 7)}"


def tekst_dagen(termijn: Termijn, vandaag: dt.date) -> str:
    """Dutch text of the days left or overdue, e.g. "nog 7 dagen", "3 dagen te laat"."""
    dagen = termijn.dagen(vandaag)
    if dagen is None:
        open_ = termijn.dagen_open(vandaag) or 0
        return "vandaag open gekomen" if open_ == 0 else f"{open_} {_dag(open_)} open"
    if dagen == 0:
        return "vandaag"
    if dagen > 0:
        return f"nog {dagen} {_dag(dagen)}"
    return f"{-dagen} {_dag(-dagen)} te laat"


def _dag(n: int) -> str:
    return "dag" if n == 1 else "dagen"


def sorteer(termijnen: Iterable[Termijn], vandaag: dt.date, *, te_laat_eerst=False):
    """Soonest first (terms without a deadline by the day they opened), then by kind and by
    what the term is about (``orde``); optionally the overdue ones on top."""

    def sleutel(t: Termijn):
        peil = t.peildatum or vandaag
        return (0 if (te_laat_eerst and t.te_laat(vandaag)) else 1, peil, t.soort, t.orde)

    return sorted(termijnen, key=sleutel)


@dataclass(frozen=True)
class Bereik:
    """Which terms to collect: kinds (None: all) and an optional province or gemeente. Lets
    "Mijn termijnen" of one PRT or gemeente read only its own rows."""

    soorten: frozenset[str] | None = None
    provincie_id: int | None = None
    gemeente_id: int | None = None

    def wil(self, *soorten: str) -> bool:
        return self.soorten is None or any(s in self.soorten for s in soorten)


ALLES = Bereik()

_MERKTEKEN = "999999991"
_SJABLONEN: dict[str, str] = {}


def pad(naam: str, waarde=None) -> str:
    """``reverse(naam, args=[waarde])`` through a cached template: one reverse per URL name, not
    one per term (the sweep makes thousands of links)."""
    if naam not in _SJABLONEN:
        if waarde is None:
            _SJABLONEN[naam] = reverse(naam)
        else:
            voorbeeld = _MERKTEKEN if isinstance(waarde, int) else "merkteken-x"
            _SJABLONEN[naam] = reverse(naam, args=[voorbeeld])
    sjabloon = _SJABLONEN[naam]
    if waarde is None:
        return sjabloon
    merk = _MERKTEKEN if isinstance(waarde, int) else "merkteken-x"
    return sjabloon.replace(merk, str(waarde), 1)
