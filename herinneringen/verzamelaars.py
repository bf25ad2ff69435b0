"""The collectors: the open terms of the apps below, read through their selectors
(``regietafels.openstaand``, ``uitruil.termijnen``, ``raming.termijnen``,
``bezwaar.selectors``), turned into
reminders with recipients, a reminder schedule, a link and a Dutch title. Nothing is derived
here: when a term opens, when it is due and when it closes is the owning app's rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from accounts.models import Gebruiker, Rol
from bezwaar.selectors import (
    bezwaartermijn_kan_lopen,
    open_beslistermijnen,
    open_bezwaartermijnen,
)
from raming.termijnen import ramingtermijn
from regietafels.models import Verslag
from regietafels.openstaand import (
    Cyclusstand,
    cyclusstanden,
    open_realisaties,
    open_verlengingsverzoeken,
    verslagstanden,
)
from uitruil.termijnen import open_uitruiltermijnen

from .termijn import AFTELLEN, ALLES, WEKELIJKS, Bereik, Soort, Termijn, pad

# Terms that ended longer ago than this are history of an earlier cycle, not a to-do.
HORIZON_DAGEN = 365


@dataclass
class Ontvangers:
    """Active users by what they are responsible for (one query), and what one collection
    reads once and shares between the collectors."""

    ministerie: list[int]
    per_provincie: dict[int, list[int]]
    per_gemeente: dict[int, list[int]]
    bereik: Bereik = ALLES
    cycli: list[Cyclusstand] | None = None
    # ``limiet``: of the exchange terms (never overdue) collect only the first ``limiet`` of
    # each kind in the order of ``sorteer``; ``weggelaten`` counts the ones left out. None:
    # collect every term (the sweep, the calendar feed).
    limiet: int | None = None
    weggelaten: int = 0

    @classmethod
    def laden(cls) -> Ontvangers:
        ministerie: list[int] = []
        per_provincie: dict[int, list[int]] = defaultdict(list)
        per_gemeente: dict[int, list[int]] = defaultdict(list)
        rijen = Gebruiker.objects.filter(is_active=True).values_list(
            "pk", "rol", "provincie_id", "gemeente_id"
        )
        for pk, rol, provincie_id, gemeente_id in rijen:
            if rol == Rol.MINISTERIE:
                ministerie.append(pk)
            elif rol == Rol.PRT_SECRETARIS and provincie_id:
                per_provincie[provincie_id].append(pk)
            elif rol == Rol.GEMEENTE and gemeente_id:
                per_gemeente[gemeente_id].append(pk)
        return cls(ministerie, dict(per_provincie), dict(per_gemeente))

    @classmethod
    def alleen(cls, user) -> Ontvangers:
        """Only ``user`` as a recipient (no query): enough to find the terms addressed to one
        user. Matches ``laden()`` for that user: an inactive user receives nothing."""
        if not user.is_active:
            return cls([], {}, {})
        per_provincie = {}
        per_gemeente = {}
        if user.is_prt and user.provincie_id:
            per_provincie[user.provincie_id] = [user.pk]
        elif user.is_gemeente and user.gemeente_id:
            per_gemeente[user.gemeente_id] = [user.pk]
        return cls([user.pk] if user.is_ministerie else [], per_provincie, per_gemeente)

    def prt(self, provincie_id: int) -> tuple[int, ...]:
        return tuple(self.per_provincie.get(provincie_id, ()))

    def gemeente(self, gemeente_id: int) -> tuple[int, ...]:
        return tuple(self.per_gemeente.get(gemeente_id, ()))

    def standen(self) -> list[Cyclusstand]:
        if self.cycli is None:
            self.cycli = cyclusstanden()
        return self.cycli


def verslagtermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    """A verslag not submitted (PRT; overdue also to the ministry), sent back (PRT), waiting
    for its assessment (ministry) and submitted after the verdeelbesluit (ministry)."""
    bereik = ontvangers.bereik
    if not bereik.wil(
        Soort.VERSLAG,
        Soort.VERSLAG_TE_LAAT,
        Soort.VERSLAG_TERUGGESTUURD,
        Soort.BEOORDELING,
        Soort.BESLUIT_HEROVERWEGEN,
    ):
        return []
    termijnen: list[Termijn] = []
    ministerie = tuple(ontvangers.ministerie)
    for stand in verslagstanden(ontvangers.standen(), provincie_id=bereik.provincie_id):
        naam = f"{stand.provincie} {stand.cyclus.jaar}"
        verslag_pad = pad("regietafels:verslag", stand.provincie_slug)
        sleutel = f"{stand.cyclus.pk}:{stand.regietafel_id}"
        algemeen = {"provincie_id": stand.provincie_id, "orde": (stand.regietafel_id,)}
        effectief = stand.termijn.effectief
        if stand.status == Verslag.Status.CONCEPT and effectief is not None:
            if (vandaag - effectief).days > HORIZON_DAGEN:
                continue
            termijnen.append(
                Termijn(
                    sleutel=f"verslag:{sleutel}",
                    soort=Soort.VERSLAG,
                    titel=f"Verslag regietafel {naam} indienen",
                    schema=AFTELLEN,
                    datum=effectief,
                    pad=verslag_pad,
                    ontvangers=ontvangers.prt(stand.provincie_id),
                    wettelijk=True,
                    extra={"oorspronkelijk": stand.termijn.oorspronkelijk},
                    **algemeen,
                )
            )
            if effectief < vandaag:
                termijnen.append(
                    Termijn(
                        sleutel=f"verslag-te-laat:{sleutel}",
                        soort=Soort.VERSLAG_TE_LAAT,
                        titel=f"Verslag regietafel {naam} is niet ingediend",
                        schema=WEKELIJKS,
                        datum=effectief,
                        sinds=effectief + dt.timedelta(days=1),
                        pad=verslag_pad,
                        ontvangers=ministerie,
                        **algemeen,
                    )
                )
        elif stand.status == Verslag.Status.TERUGGESTUURD:
            termijnen.append(
                Termijn(
                    sleutel=f"verslag-teruggestuurd:{stand.verslag_id}",
                    soort=Soort.VERSLAG_TERUGGESTUURD,
                    titel=f"Verslag regietafel {naam} is teruggestuurd: opnieuw indienen",
                    schema=WEKELIJKS,
                    sinds=stand.gewijzigd_op,
                    pad=verslag_pad,
                    ontvangers=ontvangers.prt(stand.provincie_id),
                    **algemeen,
                )
            )
        elif stand.status == Verslag.Status.INGEDIEND:
            termijnen.append(
                Termijn(
                    sleutel=f"beoordeling:{stand.verslag_id}",
                    soort=Soort.BEOORDELING,
                    titel=f"Ingediend verslag {naam} beoordelen",
                    schema=WEKELIJKS,
                    sinds=stand.ingediend_op or stand.gewijzigd_op,
                    pad=pad("regietafels:beoordelen", stand.provincie_slug),
                    ontvangers=ministerie,
                    **algemeen,
                )
            )
        if stand.na_het_besluit:
            termijnen.append(
                Termijn(
                    sleutel=f"verdeelbesluit-heroverwegen:{stand.verslag_id}",
                    soort=Soort.BESLUIT_HEROVERWEGEN,
                    titel=(
                        f"Verdeelbesluit {stand.cyclus.jaar} heroverwegen: verslag "
                        f"{stand.provincie} is na het besluit ingediend"
                    ),
                    schema=WEKELIJKS,
                    sinds=stand.ingediend_op,
                    pad=pad("regietafels:verdeelbesluiten"),
                    ontvangers=ministerie,
                    **algemeen,
                )
            )
    return termijnen


def verlengingsverzoeken(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    if not ontvangers.bereik.wil(Soort.VERLENGINGSVERZOEK):
        return []
    return [
        Termijn(
            sleutel=f"verlengingsverzoek:{v.pk}",
            soort=Soort.VERLENGINGSVERZOEK,
            titel=(
                f"Verlengingsverzoek {v.provincie} {v.jaar} "
                f"(tot {v.gevraagde_datum:%d-%m-%Y}) beslissen"
            ),
            schema=WEKELIJKS,
            sinds=v.ingediend_op,
            # the decision is a form on the extensions page (its own URL only takes POST)
            pad=f"{pad('regietafels:verlengingen')}#verzoek-{v.pk}",
            ontvangers=tuple(ontvangers.ministerie),
            provincie_id=v.provincie_id,
            orde=(v.pk,),
        )
        for v in open_verlengingsverzoeken()
    ]


def uitruiltermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    bereik = ontvangers.bereik
    antwoorden, bevestigingen = open_uitruiltermijnen(
        antwoorden=bereik.wil(Soort.UITRUIL_ANTWOORD),
        bevestigingen=bereik.wil(Soort.UITRUIL_BEVESTIGING),
        gemeente_id=bereik.gemeente_id,
        provincie_id=bereik.provincie_id,
        limiet=ontvangers.limiet,
    )
    ontvangers.weggelaten += antwoorden.aantal - len(antwoorden.rijen)
    ontvangers.weggelaten += bevestigingen.aantal - len(bevestigingen.rijen)
    termijnen = [
        Termijn(
            sleutel=f"uitruil-antwoord:{a.uitruil_id}:{a.gemeente_id}",
            soort=Soort.UITRUIL_ANTWOORD,
            titel=f"Uitruilvoorstel van {a.voorgesteld_door} beantwoorden ({a.gemeente})",
            schema=WEKELIJKS,
            sinds=a.sinds,
            pad=pad("uitruil:detail", a.uitruil_id),
            ontvangers=ontvangers.gemeente(a.gemeente_id),
            provincie_id=a.provincie_id,
            gemeente_id=a.gemeente_id,
            orde=(a.uitruil_id, a.gemeente_id),
        )
        for a in antwoorden.rijen
    ]
    termijnen += [
        Termijn(
            sleutel=f"uitruil-bevestiging:{b.uitruil_id}",
            soort=Soort.UITRUIL_BEVESTIGING,
            titel=f"Uitruil {b.uitruil_id} ({b.provincie}) wacht op bevestiging door de regietafel",
            schema=WEKELIJKS,
            sinds=b.sinds,
            pad=pad("uitruil:detail", b.uitruil_id),
            ontvangers=ontvangers.prt(b.provincie_id),
            provincie_id=b.provincie_id,
            orde=(b.uitruil_id, 0),
        )
        for b in bevestigingen.rijen
    ]
    return termijnen


def realisatietermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    if not ontvangers.bereik.wil(Soort.REALISATIE):
        return []
    rijen = open_realisaties(
        ontvangers.standen(),
        sinds=vandaag - dt.timedelta(days=HORIZON_DAGEN),
        gemeente_id=ontvangers.bereik.gemeente_id,
        vandaag=vandaag,
    )
    return [
        Termijn(
            sleutel=f"realisatie:{r.cyclus_id}:{r.gemeente_id}",
            soort=Soort.REALISATIE,
            titel=(
                f"{r.gemeente}: {r.aantal} plekken aanbieden aan het COA (cyclus {r.jaar})"
                if not r.gerealiseerd
                else f"{r.gemeente}: nog {r.rest} van de {r.aantal} plekken aanbieden aan het "
                f"COA (cyclus {r.jaar})"
            ),
            schema=AFTELLEN,
            datum=r.datum,
            pad=pad("regietafels:gemeente"),
            ontvangers=ontvangers.gemeente(r.gemeente_id),
            provincie_id=r.provincie_id,
            gemeente_id=r.gemeente_id,
            extra={"regel": r.regel_id},
            orde=(r.gemeente_id,),
        )
        for r in rijen
    ]


def ramingtermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    if not ontvangers.bereik.wil(Soort.RAMING):
        return []
    sinds = vandaag - dt.timedelta(days=HORIZON_DAGEN)
    open_ = (
        ramingtermijn(
            cyclus_id=c.pk,
            jaar=c.jaar,
            raming_datum=c.raming_datum,
            raming_gepubliceerd=c.raming_gepubliceerd,
            sinds=sinds,
        )
        for c in ontvangers.standen()
    )
    return [
        Termijn(
            sleutel=f"raming:{r.cyclus_id}",
            soort=Soort.RAMING,
            titel=f"Capaciteitsraming {r.jaar} vaststellen en publiceren",
            schema=AFTELLEN,
            datum=r.datum,
            pad=pad("raming:cyclus", r.jaar),
            ontvangers=tuple(ontvangers.ministerie),
            orde=(r.cyclus_id,),
        )
        for r in open_
        if r is not None
    ]


def bezwaartermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    """The decision term of each open bezwaar (Awb 7:10, derived in ``bezwaar``): the ministry
    has to decide; the gemeente and its PRT see by when the decision is due."""
    bereik = ontvangers.bereik
    if not bereik.wil(Soort.BEZWAAR_BESLISSEN, Soort.BEZWAAR_BESLISSING):
        return []
    if all(stand.geldende_versie is None for stand in ontvangers.standen()):
        return []  # no fixed verdeelbesluit, so no bezwaar against one (saves a query)
    termijnen: list[Termijn] = []
    for b in open_beslistermijnen(gemeente_id=bereik.gemeente_id, provincie_id=bereik.provincie_id):
        algemeen = {
            "datum": b.datum,
            "sinds": b.sinds,
            "schema": AFTELLEN,
            "pad": pad("bezwaar:detail", b.bezwaar_id),
            "provincie_id": b.provincie_id,
            "gemeente_id": b.gemeente_id,
            "orde": (b.bezwaar_id,),
        }
        if bereik.wil(Soort.BEZWAAR_BESLISSEN):
            termijnen.append(
                Termijn(
                    sleutel=f"bezwaar-beslissen:{b.bezwaar_id}",
                    soort=Soort.BEZWAAR_BESLISSEN,
                    titel=f"Beslissen op bezwaar {b.kenmerk} ({b.gemeente})",
                    ontvangers=tuple(ontvangers.ministerie),
                    wettelijk=True,
                    **algemeen,
                )
            )
        if bereik.wil(Soort.BEZWAAR_BESLISSING):
            termijnen.append(
                Termijn(
                    sleutel=f"bezwaar-beslissing:{b.bezwaar_id}",
                    soort=Soort.BEZWAAR_BESLISSING,
                    titel=f"Beslissing op bezwaar {b.kenmerk} ({b.gemeente}) uiterlijk verwacht",
                    ontvangers=(
                        *ontvangers.gemeente(b.gemeente_id),
                        *ontvangers.prt(b.provincie_id),
                    ),
                    **algemeen,
                )
            )
    return termijnen


def eigen_bezwaartermijnen(vandaag: dt.date, ontvangers: Ontvangers) -> list[Termijn]:
    """The gemeente's and the province's own bezwaartermijn against the beschikkingen in force
    (Awb 6:7, derived in ``bezwaar``), while it runs: the gemeente's users by beschikking (until
    the gemeente lodged bezwaar against it), the PRT secretaries once per province and day of
    bekendmaking (the province may object to the beschikking of each gemeente in it). After
    its end the term is gone: it is a right, not a duty, so it is never overdue."""
    bereik = ontvangers.bereik
    if not bereik.wil(Soort.BEZWAARTERMIJN):
        return []
    if not any(
        bezwaartermijn_kan_lopen(stand.besluitdatum, vandaag) for stand in ontvangers.standen()
    ):
        # no verdeelbesluit fixed recently enough for a term to run (saves a query)
        return []
    termijnen: list[Termijn] = []
    provincies: dict[tuple, list] = defaultdict(list)
    for b in open_bezwaartermijnen(
        vandaag, gemeente_id=bereik.gemeente_id, provincie_id=bereik.provincie_id
    ):
        provincies[(b.provincie_id, b.cyclus_id, b.bekendgemaakt_op)].append(b)
        if b.bezwaar_gemeente:
            continue
        termijnen.append(
            Termijn(
                sleutel=f"bezwaartermijn:{b.cyclus_id}:{b.gemeente_id}:{b.bekendgemaakt_op}",
                soort=Soort.BEZWAARTERMIJN,
                titel=f"Bezwaar maken tegen de beschikking verdeelbesluit {b.jaar} ({b.gemeente})",
                schema=AFTELLEN,
                datum=b.einde,
                sinds=b.begin,
                pad=pad("bezwaar:indienen"),
                ontvangers=ontvangers.gemeente(b.gemeente_id),
                provincie_id=b.provincie_id,
                gemeente_id=b.gemeente_id,
                orde=(b.cyclus_id, b.gemeente),
            )
        )
    if bereik.gemeente_id is None:
        for (provincie_id, cyclus_id, bekend), rijen in provincies.items():
            eerste = rijen[0]
            aantal = len(rijen)
            termijnen.append(
                Termijn(
                    sleutel=f"bezwaartermijn-provincie:{cyclus_id}:{provincie_id}:{bekend}",
                    soort=Soort.BEZWAARTERMIJN,
                    titel=(
                        f"Bezwaar maken namens de provincie {eerste.provincie} tegen "
                        f"{'de beschikking' if aantal == 1 else 'beschikkingen'} verdeelbesluit "
                        f"{eerste.jaar}"
                        + (f" ({eerste.gemeente})" if aantal == 1 else f" ({aantal} gemeenten)")
                    ),
                    schema=AFTELLEN,
                    datum=eerste.einde,
                    sinds=eerste.begin,
                    pad=pad("bezwaar:indienen"),
                    ontvangers=ontvangers.prt(provincie_id),
                    provincie_id=provincie_id,
                    orde=(cyclus_id, eerste.provincie),
                )
            )
    return termijnen


VERZAMELAARS = [
    verslagtermijnen,
    verlengingsverzoeken,
    uitruiltermijnen,
    realisatietermijnen,
    ramingtermijnen,
    bezwaartermijnen,
    eigen_bezwaartermijnen,
]
