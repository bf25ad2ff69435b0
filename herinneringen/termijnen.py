"""The open terms of the system: who has to do what, by when.

``open_termijnen(vandaag=…)`` collects every open term with its recipients in a fixed number of
queries (one or two per kind of term, never one per term) from the apps that own the terms
(``verzamelaars``). ``termijnen_voor(user, vandaag=…)`` is the same list as one user sees it
("Mijn termijnen"); ministry staff see every open term. ``termijn`` holds the term itself, its
reminder steps and the order of the lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .termijn import (
    AFTELDAGEN,
    AFTELLEN,
    ALLES,
    WEKELIJKS,
    Bereik,
    Soort,
    Termijn,
    sorteer,
    stap_voor,
    tekst_dagen,
)
from .verzamelaars import HORIZON_DAGEN, VERZAMELAARS, Ontvangers

__all__ = [
    "AFTELDAGEN",
    "AFTELLEN",
    "ALLES",
    "HORIZON_DAGEN",
    "WEKELIJKS",
    "Bereik",
    "Overzicht",
    "Soort",
    "Termijn",
    "eerste_termijnen",
    "open_termijnen",
    "overzicht_voor",
    "sorteer",
    "stap_voor",
    "tekst_dagen",
    "termijnen_voor",
    "voor_ministerie",
]


def open_termijnen(
    *, vandaag: dt.date | None = None, bereik: Bereik = ALLES, ontvangers: Ontvangers | None = None
) -> list[Termijn]:
    """Every open term in the system (or in ``bereik``) with its recipients; a constant number
    of queries. ``ontvangers``: the recipients to fill in (default: every active user)."""
    vandaag = vandaag or timezone.localdate()
    ontvangers = ontvangers or Ontvangers.laden()
    ontvangers.bereik = bereik
    ontvangers.cycli = None
    ontvangers.weggelaten = 0
    termijnen: list[Termijn] = []
    for verzamelaar in VERZAMELAARS:
        termijnen.extend(verzamelaar(vandaag, ontvangers))
    return sorteer(termijnen, vandaag)


def termijnen_voor(user, *, vandaag: dt.date | None = None) -> list[Termijn]:
    """ "Mijn termijnen": the terms addressed to ``user``; ministry staff see every open term,
    the overdue ones first. COA users have no terms of their own."""
    vandaag = vandaag or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_ministerie:
        # Every open term with its recipients (the calendar feed of ministry staff).
        return sorteer(
            voor_ministerie(open_termijnen(vandaag=vandaag)), vandaag, te_laat_eerst=True
        )
    if user.is_prt:
        bereik = Bereik(soorten=PRT_SOORTEN, provincie_id=user.provincie_id)
    elif user.is_gemeente:
        bereik = Bereik(soorten=GEMEENTE_SOORTEN, gemeente_id=user.gemeente_id)
    else:
        return []

    def bereken() -> list[Termijn]:
        # Only the user's own province or gemeente is read, and only the user is looked up as
        # a recipient (not every user of the system): the same terms, each with this user as
        # its only listed recipient.
        ontvangers = Ontvangers.alleen(user)
        eigen = open_termijnen(vandaag=vandaag, bereik=bereik, ontvangers=ontvangers)
        return sorteer([t for t in eigen if user.pk in t.ontvangers], vandaag)

    return bereken()


def voor_ministerie(termijnen: list[Termijn]) -> list[Termijn]:
    """Every open term as the ministry sees it: an overdue verslag once, as "not submitted"
    (its own notice), not also as the PRT's term to submit it; a bezwaar once, as the term to
    decide on it."""
    te_laat = {
        t.sleutel.removeprefix("verslag-te-laat:")
        for t in termijnen
        if t.soort == Soort.VERSLAG_TE_LAAT
    }
    return [
        t
        for t in termijnen
        if not (t.soort == Soort.VERSLAG and t.sleutel.removeprefix("verslag:") in te_laat)
        # a bezwaar's decision term once, as the ministry's own term to decide; the
        # gemeenten's and provinces' own bezwaartermijn is theirs, not the ministry's to-do
        and t.soort not in (Soort.BEZWAAR_BESLISSING, Soort.BEZWAARTERMIJN)
    ]


PRT_SOORTEN = frozenset(
    {
        Soort.VERSLAG,
        Soort.VERSLAG_TERUGGESTUURD,
        Soort.UITRUIL_BEVESTIGING,
        Soort.BEZWAAR_BESLISSING,
        Soort.BEZWAARTERMIJN,
    }
)
GEMEENTE_SOORTEN = frozenset(
    {Soort.UITRUIL_ANTWOORD, Soort.REALISATIE, Soort.BEZWAAR_BESLISSING, Soort.BEZWAARTERMIJN}
)


@dataclass(frozen=True)
class Overzicht:
    """The start of "Mijn termijnen" for the home panel: the first ``eerste`` terms in the
    same order, with the number of terms and of overdue terms in the whole list."""

    eerste: list[Termijn]
    aantal: int
    aantal_te_laat: int


def eerste_termijnen(
    *, tot: int, vandaag: dt.date | None = None, soorten: frozenset[str] | None = None
) -> Overzicht:
    """The first ``tot`` terms of every open term (of ``soorten``; None: all) as the ministry
    sees them (overdue first), with the number of terms and of overdue terms in the whole
    list: the same as cutting ``sorteer(open_termijnen(…), te_laat_eerst=True)``, but only the
    first ``tot`` exchange terms of each kind are read (``Ontvangers.limiet``) and the
    recipients are not looked up."""
    vandaag = vandaag or timezone.localdate()

    def bereken() -> Overzicht:
        ontvangers = Ontvangers([], {}, {}, limiet=max(tot, 1))
        gelezen = open_termijnen(
            vandaag=vandaag, bereik=Bereik(soorten=soorten), ontvangers=ontvangers
        )
        if soorten is not None:
            # A collector reads several kinds at once; keep only the kinds asked for.
            gelezen = [t for t in gelezen if t.soort in soorten]
        termijnen = sorteer(voor_ministerie(gelezen), vandaag, te_laat_eerst=True)
        # The exchange terms left out are never overdue.
        return Overzicht(
            eerste=termijnen[:tot],
            aantal=len(termijnen) + ontvangers.weggelaten,
            aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
        )

    return bereken()


def overzicht_voor(user, *, vandaag: dt.date | None = None, limiet: int = 5) -> Overzicht:
    """``termijnen_voor(user)`` cut to its first ``limiet`` terms, with the counts. Ministry
    staff see every open term (``eerste_termijnen``); the recipients of the terms are not
    shown here, so they are not looked up (saves reading every user of the system)."""
    vandaag = vandaag or timezone.localdate()
    if getattr(user, "is_authenticated", False) and user.is_ministerie:
        return eerste_termijnen(tot=limiet, vandaag=vandaag)
    termijnen = termijnen_voor(user, vandaag=vandaag)
    return Overzicht(
        eerste=termijnen[:limiet],
        aantal=len(termijnen),
        aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
    )
