"""The terms of a bezwaar, derived from the law in one place (pure functions, no database).

Algemene wet bestuursrecht (Awb):

- art. 6:7: the bezwaartermijn is six weeks;
- art. 6:8 lid 1: it starts on the day after the day on which the besluit was made known
  (bekendgemaakt) in the prescribed way; six weeks from that day end on the day of the week of
  the bekendmaking, six weeks later (``bekendmaking + 42 days``);
- art. 6:9: a bezwaarschrift is in time when it is received before the term ends; one sent by
  post is in time when it was posted before the end and is received within a week after it;
- art. 6:11: a late bezwaarschrift is not declared niet-ontvankelijk for that reason when the
  indiener cannot reasonably be held to have been in default (verschoonbare termijnoverschrijding);
- art. 7:10 lid 1: the decision is taken within six weeks, or twelve when an advisory committee
  (art. 7:13) was set up, counted from the day after the bezwaartermijn ended; lid 3: the
  bestuursorgaan may postpone (verdagen) once, by at most six weeks; lid 4: further delay only
  with the indiener's consent (and no other belanghebbende harmed);
- art. 7:2 and 7:3: the indiener is heard before the decision, unless one of the grounds of
  7:3 applies (kennelijk niet-ontvankelijk, kennelijk ongegrond, the indiener waived it or did
  not say within the set time that it wishes to be heard, or the bezwaar is granted in full
  without harm to others).

For a bezwaarschrift received after the bezwaartermijn ended the decision term counts from the
day after its receipt (the term of 7:10 cannot have ended before there was anything to decide;
settled case law of the Afdeling bestuursrechtspraak).

Algemene termijnenwet (Atw), art. 1 lid 1: a term set in a law that ends on a Saturday, Sunday
or generally recognised holiday is extended to and including the next day that is none of
these. Art. 3 lid 1: the generally recognised holidays are Nieuwjaarsdag, the Christian second
Easter and Whit days (tweede Paasdag, tweede Pinksterdag), both Christmas days, Ascension Day
(Hemelvaartsdag), the day on which the King's birthday is celebrated (Koningsdag: 27 April, 26
April when the 27th is a Sunday; before 2014 Koninginnedag, 30 April, or 29 April when the 30th
is a Sunday) and 5 May. Art. 3 lid 2 equates Goede Vrijdag with them. Art. 3 lid 3: further days
can be equated by royal decree (published in the Staatscourant); those are data
(``GelijkgesteldeDag``), passed in as ``gelijkgesteld``. Art. 2 (a short term must contain two
working days) does not matter for terms of six weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from dateutil.easter import easter

BEZWAARTERMIJN_WEKEN = 6  # Awb 6:7
POSTTERMIJN_DAGEN = 7  # Awb 6:9 lid 2
BESLISTERMIJN_WEKEN = 6  # Awb 7:10 lid 1
BESLISTERMIJN_COMMISSIE_WEKEN = 12  # Awb 7:10 lid 1, with a committee of art. 7:13
VERDAGING_WEKEN = 6  # Awb 7:10 lid 3


def koningsdag(jaar: int) -> dt.date:
    """The day the King's (or Queen's) birthday is celebrated in ``jaar``."""
    if jaar >= 2014:
        dag = dt.date(jaar, 4, 27)
    else:
        dag = dt.date(jaar, 4, 30)
    if dag.weekday() == 6:  # a Sunday: the day before
        dag -= dt.timedelta(days=1)
    return dag


def feestdagen(jaar: int) -> dict[dt.date, str]:
    """The generally recognised holidays of Atw art. 3 lid 1 and Goede Vrijdag (lid 2)."""
    pasen = easter(jaar)
    return {
        dt.date(jaar, 1, 1): "Nieuwjaarsdag",
        pasen - dt.timedelta(days=2): "Goede Vrijdag",
        pasen + dt.timedelta(days=1): "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        dt.date(jaar, 5, 5): "Bevrijdingsdag",
        pasen + dt.timedelta(days=39): "Hemelvaartsdag",
        pasen + dt.timedelta(days=50): "Tweede Pinksterdag",
        dt.date(jaar, 12, 25): "Eerste Kerstdag",
        dt.date(jaar, 12, 26): "Tweede Kerstdag",
    }


def vrije_dag(dag: dt.date, gelijkgesteld: Collection[dt.date] = ()) -> str | None:
    """Why ``dag`` is no working day in the sense of the Atw (a Dutch word), or None."""
    if dag.weekday() == 5:
        return "zaterdag"
    if dag.weekday() == 6:
        return "zondag"
    naam = feestdagen(dag.year).get(dag)
    if naam:
        return naam
    if dag in gelijkgesteld:
        return "gelijkgestelde dag"
    return None


def atw_verlengen(einde: dt.date, gelijkgesteld: Collection[dt.date] = ()) -> dt.date:
    """Atw art. 1 lid 1: the end of a statutory term moved to the next working day."""
    while vrije_dag(einde, gelijkgesteld):
        einde += dt.timedelta(days=1)
    return einde


@dataclass(frozen=True)
class Bezwaartermijn:
    begin: dt.date  # the day after the bekendmaking (Awb 6:8)
    einde_berekend: dt.date  # six weeks later
    einde: dt.date  # after the Atw

    @property
    def verlengd(self) -> bool:
        return self.einde != self.einde_berekend


def bezwaartermijn(
    bekendgemaakt_op: dt.date, gelijkgesteld: Collection[dt.date] = ()
) -> Bezwaartermijn:
    begin = bekendgemaakt_op + dt.timedelta(days=1)
    berekend = bekendgemaakt_op + dt.timedelta(weeks=BEZWAARTERMIJN_WEKEN)
    return Bezwaartermijn(begin, berekend, atw_verlengen(berekend, gelijkgesteld))


def tijdig(
    *,
    bekendgemaakt_op: dt.date,
    ontvangen_op: dt.date,
    verzonden_op: dt.date | None = None,
    gelijkgesteld: Collection[dt.date] = (),
) -> bool:
    """Awb 6:9: received before the end of the term (on its last day counts), or posted before
    the end and received within a week after it."""
    einde = bezwaartermijn(bekendgemaakt_op, gelijkgesteld).einde
    if ontvangen_op <= einde:
        return True
    return (
        verzonden_op is not None
        and verzonden_op <= einde
        and ontvangen_op <= einde + dt.timedelta(days=POSTTERMIJN_DAGEN)
    )


@dataclass(frozen=True)
class Beslistermijn:
    begin: dt.date  # the first day of the term (Awb 7:10 lid 1)
    wettelijk: dt.date  # six or twelve weeks, after the Atw
    verdaagd: dt.date | None  # after the one postponement (7:10 lid 3), after the Atw
    uitgesteld: dt.date | None  # the further delay agreed with the indiener (7:10 lid 4)

    @property
    def einde(self) -> dt.date:
        return self.uitgesteld or self.verdaagd or self.wettelijk


def beslistermijn(
    *,
    bekendgemaakt_op: dt.date,
    ontvangen_op: dt.date,
    adviescommissie: bool = False,
    verdaagd: bool = False,
    uitgesteld_tot: dt.date | None = None,
    gelijkgesteld: Collection[dt.date] = (),
) -> Beslistermijn:
    """The decision term of Awb 7:10: from the day after the bezwaartermijn ended (or after the
    receipt of a late bezwaarschrift) six weeks, twelve with an advisory committee; ``verdaagd``
    adds the one postponement of six weeks; ``uitgesteld_tot`` is the date agreed with the
    indiener for any further delay (a date agreed, so the Atw does not move it)."""
    einde_bezwaar = bezwaartermijn(bekendgemaakt_op, gelijkgesteld).einde
    begin = max(einde_bezwaar, ontvangen_op) + dt.timedelta(days=1)
    weken = BESLISTERMIJN_COMMISSIE_WEKEN if adviescommissie else BESLISTERMIJN_WEKEN
    # weeks counted from ``begin``: the term ends on the weekday before begin's weekday
    berekend = begin - dt.timedelta(days=1) + dt.timedelta(weeks=weken)
    wettelijk = atw_verlengen(berekend, gelijkgesteld)
    verdaging = None
    if verdaagd:
        verdaging = atw_verlengen(berekend + dt.timedelta(weeks=VERDAGING_WEKEN), gelijkgesteld)
    return Beslistermijn(begin, wettelijk, verdaging, uitgesteld_tot)


def uiterste_verdaging(
    *,
    bekendgemaakt_op: dt.date,
    ontvangen_op: dt.date,
    adviescommissie: bool = False,
    gelijkgesteld: Collection[dt.date] = (),
) -> dt.date:
    """The latest end of the term after the one postponement (Awb 7:10 lid 3)."""
    return beslistermijn(
        bekendgemaakt_op=bekendgemaakt_op,
        ontvangen_op=ontvangen_op,
        adviescommissie=adviescommissie,
        verdaagd=True,
        gelijkgesteld=gelijkgesteld,
    ).verdaagd
