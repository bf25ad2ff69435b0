"""The open terms of the system: who has to do what, by when.

``open_termijnen(vandaag=…)`` collects every open term with its recipients in a fixed number of
queries (one or two per kind of term, never one per term) from the apps that own the terms
(``verzamelaars``). ``termijnen_voor(user, vandaag=…)`` is the same list as one user sees it;
ministry staff see every open term (their calendar feed and the API), on their pages split in
their own terms (``MINISTERIE_SOORTEN``: "Mijn termijnen", the home panel) and the terms of the
provinces and gemeenten they oversee (``TOEZICHT_SOORTEN``: "Termijnen van anderen").
``termijn`` holds the term itself, its reminder steps and the order of the lists.
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
    "MINISTERIE_SOORTEN",
    "TOEZICHT_SOORTEN",
    "VAN",
    "WEKELIJKS",
    "agenda_termijnen",
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
    "eigen_en_toezicht",
    "soorten_van",
    "termijnen_voor",
    "van_wie",
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


def termijnen_voor(
    user, *, vandaag: dt.date | None = None, van: str | None = None
) -> list[Termijn]:
    """ "Mijn termijnen": the terms addressed to ``user``; ministry staff see every open term,
    the overdue ones first. COA users have no terms of their own. ``van`` ("eigen" or
    "anderen", ``VAN``): only the user's own terms or only those of others (``van_wie``);
    then the recipients of the ministry's terms are not looked up."""
    vandaag = vandaag or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    if van is not None:
        soorten = soorten_van(user, van)
        if user.is_ministerie:
            return _lezen(vandaag, soorten, None)[0]
        return termijnen_voor(user, vandaag=vandaag) if soorten is None else []
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


# the bezwaar terms of the others are not shown to the ministry (``voor_ministerie``)
_NIET_VOOR_MINISTERIE = frozenset({Soort.BEZWAAR_BESLISSING, Soort.BEZWAARTERMIJN})


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
        and t.soort not in _NIET_VOOR_MINISTERIE
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
# The terms in which the ministry itself must act (it is their recipient) ...
MINISTERIE_SOORTEN = frozenset(
    {
        Soort.RAMING,
        Soort.VERSLAG_TE_LAAT,
        Soort.BEOORDELING,
        Soort.BESLUIT_HEROVERWEGEN,
        Soort.VERLENGINGSVERZOEK,
        Soort.BEZWAAR_BESLISSEN,
    }
)
# ... and those of a PRT or gemeente that the ministry sees for oversight only (the bezwaar
# terms of the others are not shown to it at all: ``voor_ministerie``).
TOEZICHT_SOORTEN = frozenset(
    {
        Soort.VERSLAG,
        Soort.VERSLAG_TERUGGESTUURD,
        Soort.UITRUIL_ANTWOORD,
        Soort.UITRUIL_BEVESTIGING,
        Soort.REALISATIE,
    }
)


#: whose term it is, as the pages split them: the user's own, or (for the ministry) those of
#: the PRTs and gemeenten it oversees
VAN = ("eigen", "anderen")


#: the kinds of term without a date (open since a day): never in a calendar
ZONDER_DATUM = frozenset(
    {
        Soort.UITRUIL_ANTWOORD,
        Soort.UITRUIL_BEVESTIGING,
        Soort.VERSLAG_TERUGGESTUURD,
        Soort.BEOORDELING,
        Soort.BESLUIT_HEROVERWEGEN,
        Soort.VERLENGINGSVERZOEK,
    }
)


def agenda_termijnen(user, *, vandaag: dt.date | None = None, van: str | None) -> list[Termijn]:
    """The terms with a date of the calendar feed: ``termijnen_voor(user, van=van)``; for the
    ministry the kinds without a date are not read at all (2,000 exchanges and more)."""
    vandaag = vandaag or timezone.localdate()
    if getattr(user, "is_authenticated", False) and user.is_ministerie:
        soorten = soorten_van(user, van) if van else frozenset(Soort.LABELS)
        return _lezen(vandaag, soorten - ZONDER_DATUM, None)[0]
    return [t for t in termijnen_voor(user, vandaag=vandaag, van=van) if t.datum is not None]


def van_wie(user, termijn: Termijn) -> str:
    """ "eigen" (the user has to act) or "anderen" (the ministry sees it for oversight: the
    page's "Termijnen van anderen")."""
    if getattr(user, "is_ministerie", False) and termijn.soort not in MINISTERIE_SOORTEN:
        return "anderen"
    return "eigen"


def soorten_van(user, van: str) -> frozenset[str] | None:
    """The kinds of term that are ``van`` ("eigen" or "anderen") for ``user`` (None: every
    kind the user sees; an empty set: none)."""
    if van not in VAN:
        raise ValueError(f"van: {van!r}")
    if getattr(user, "is_ministerie", False):
        return MINISTERIE_SOORTEN if van == "eigen" else TOEZICHT_SOORTEN
    return None if van == "eigen" else frozenset()


@dataclass(frozen=True)
class Overzicht:
    """The start of "Mijn termijnen" for the home panel: the first ``eerste`` terms in the
    same order, with the number of terms and of overdue terms in the whole list."""

    eerste: list[Termijn]
    aantal: int
    aantal_te_laat: int


def _lezen(
    vandaag: dt.date, soorten: frozenset[str] | None, tot: int | None
) -> tuple[list[Termijn], int]:
    """Every open term (of ``soorten``) as the ministry sees it, sorted, overdue first, without
    recipients; only the first ``tot`` exchange terms of each kind are read (None: all). With
    the number left out."""
    # the kinds ``voor_ministerie`` leaves out are not read at all
    lezen = (soorten or frozenset(Soort.LABELS)) - _NIET_VOOR_MINISTERIE
    if Soort.VERSLAG in lezen:
        # an overdue verslag is shown once, as the ministry's "niet ingediend"
        lezen = lezen | {Soort.VERSLAG_TE_LAAT}
    ontvangers = Ontvangers([], {}, {}, limiet=None if tot is None else max(tot, 1))
    gelezen = voor_ministerie(
        open_termijnen(vandaag=vandaag, bereik=Bereik(soorten=lezen), ontvangers=ontvangers)
    )
    if soorten is not None:
        # A collector reads several kinds at once; keep only the kinds asked for.
        gelezen = [t for t in gelezen if t.soort in soorten]
    return sorteer(gelezen, vandaag, te_laat_eerst=True), ontvangers.weggelaten


def _gesneden(termijnen: list[Termijn], tot: int, weggelaten: int, vandaag) -> Overzicht:
    # The exchange terms left out are never overdue.
    return Overzicht(
        eerste=termijnen[:tot],
        aantal=len(termijnen) + weggelaten,
        aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
    )


def eerste_termijnen(
    *, tot: int, vandaag: dt.date | None = None, soorten: frozenset[str] | None = None
) -> Overzicht:
    """The first ``tot`` terms of every open term (of ``soorten``; None: all) as the ministry
    sees them (overdue first), with the number of terms and of overdue terms in the whole
    list: the same as cutting ``sorteer(open_termijnen(…), te_laat_eerst=True)``, but only the
    first ``tot`` exchange terms of each kind are read (``Ontvangers.limiet``) and the
    recipients are not looked up."""
    vandaag = vandaag or timezone.localdate()
    termijnen, weggelaten = _lezen(vandaag, soorten, tot)
    return _gesneden(termijnen, tot, weggelaten, vandaag)


def eigen_en_toezicht(
    *, vandaag: dt.date | None = None, eigen: int, anderen: int
) -> tuple[Overzicht, Overzicht]:
    """The ministry's own terms (the first ``eigen``) and those of the PRTs and gemeenten it
    oversees (the first ``anderen``), each with its counts, from one read of every open term:
    ``eerste_termijnen`` of ``MINISTERIE_SOORTEN`` and of ``TOEZICHT_SOORTEN`` at once."""
    vandaag = vandaag or timezone.localdate()
    termijnen, weggelaten = _lezen(vandaag, None, max(eigen, anderen))
    return (
        _gesneden([t for t in termijnen if t.soort in MINISTERIE_SOORTEN], eigen, 0, vandaag),
        # every exchange term left out is one of the others'
        _gesneden(
            [t for t in termijnen if t.soort in TOEZICHT_SOORTEN], anderen, weggelaten, vandaag
        ),
    )


def overzicht_voor(user, *, vandaag: dt.date | None = None, limiet: int = 5) -> Overzicht:
    """``termijnen_voor(user)`` cut to its first ``limiet`` terms, with the counts. Ministry
    staff: their own terms (``MINISTERIE_SOORTEN``; the others' are in ``eigen_en_toezicht``);
    the recipients of the terms are not shown here, so they are not looked up (saves reading
    every user of the system)."""
    vandaag = vandaag or timezone.localdate()
    if getattr(user, "is_authenticated", False) and user.is_ministerie:
        return eerste_termijnen(tot=limiet, vandaag=vandaag, soorten=MINISTERIE_SOORTEN)
    termijnen = termijnen_voor(user, vandaag=vandaag)
    return Overzicht(
        eerste=termijnen[:limiet],
        aantal=len(termijnen),
        aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
    )
