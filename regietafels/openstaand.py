"""The open terms of the regietafels, derived here once: who has to do what for a verslag, an
extension request, a verdeelbesluit and the realisation. ``herinneringen`` reads them through
these selectors (and adds recipients, reminder steps and titles); the deadline itself is
``regietafels.termijnen.termijn``.

A term stays open until its milestone is met, whatever else happens: an unsubmitted verslag
stays due (and overdue) after a verdeelbesluit, a submitted one waits for its assessment, and
a verslag submitted after the verdeelbesluit was fixed gives the ministry a term to consider a
new version of the besluit, until a version is made after that submission."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, FilteredRelation, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from raming.models import Mijlpaal, Wetscyclus
from raming.termijnen import ramingtermijn_kolommen

from .models import (
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from .selectors.realisatie import gerealiseerd, zonder_locatie_som
from .termijnen import Verslagtermijn, termijn


@dataclass(frozen=True)
class Cyclusstand:
    """What the terms need of a cycle, read once (``cyclusstanden``)."""

    pk: int
    jaar: int
    verslag_datum: dt.date | None  # the verslag milestone
    algemeen_verlengd: dt.date | None  # the latest extension granted to all PRTs
    geldende_versie: int | None  # the newest fixed verdeelbesluit version
    vastgesteld_op: dt.datetime | None  # when that version was fixed
    laatste_versie_op: dt.datetime | None  # when the newest version (any status) was made
    # What raming's rule for its own term needs (``raming.termijnen.ramingtermijn``), read
    # in the same query.
    raming_datum: dt.date | None = None
    raming_gepubliceerd: bool = False
    besluitdatum: dt.date | None = None  # the date of the newest fixed verdeelbesluit version
    # The cycle's numbers on the home panel of the ministry and COA (who see every verslag),
    # read in the same query: regietafels, verslagen submitted (or assessed), submitted late,
    # waiting for their assessment, open extension requests.
    regietafels: int = 0
    ingediend: int = 0
    te_laat: int = 0
    te_beoordelen: int = 0
    open_verzoeken: int = 0


def _aantal(queryset):
    """The number of rows of ``queryset`` as a scalar subquery."""
    telling = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(telling, output_field=IntegerField())


def cyclusstanden() -> list[Cyclusstand]:
    """Every cycle with its verslag milestone and verdeelbesluit state (and what raming's term
    needs, and the numbers of its verslagen), in one query."""
    vast = Verdeelbesluit.objects.filter(
        cyclus=OuterRef("pk"), status=Verdeelbesluit.Status.VASTGESTELD
    ).order_by("-versie")
    laatste = Verdeelbesluit.objects.filter(cyclus=OuterRef("pk")).order_by("-aangemaakt_op")
    mijlpaal = Mijlpaal.objects.filter(cyclus=OuterRef("pk"), soort=Mijlpaal.Soort.VERSLAG)
    algemeen = Termijnverlenging.objects.filter(cyclus=OuterRef("pk"), regietafel__isnull=True)
    verslagen = Verslag.objects.filter(cyclus=OuterRef("pk"))
    S = Verslag.Status
    rijen = (
        Wetscyclus.objects.annotate(
            _verslag=Subquery(mijlpaal.order_by().values("datum")[:1]),
            _algemeen=Subquery(algemeen.order_by("-nieuwe_datum").values("nieuwe_datum")[:1]),
            _versie=Subquery(vast.values("versie")[:1]),
            _vastgesteld=Subquery(vast.values("vastgesteld_op")[:1]),
            _besluitdatum=Subquery(vast.values("besluitdatum")[:1]),
            _laatste=Subquery(laatste.values("aangemaakt_op")[:1]),
            _regietafels=_aantal(Regietafel.objects.all()),
            _ingediend=_aantal(verslagen.filter(status__in=(S.INGEDIEND, S.BEOORDEELD))),
            _te_laat=_aantal(verslagen.filter(te_laat=True)),
            _te_beoordelen=_aantal(verslagen.filter(status=S.INGEDIEND)),
            _open_verzoeken=_aantal(
                Verlengingsverzoek.objects.filter(
                    verslag__cyclus=OuterRef("pk"), status=Verlengingsverzoek.Status.OPEN
                )
            ),
            **ramingtermijn_kolommen(),
        )
        .order_by("jaar")
        .values_list(
            "pk",
            "jaar",
            "_verslag",
            "_algemeen",
            "_versie",
            "_vastgesteld",
            "_laatste",
            "raming_datum",
            "raming_gepubliceerd",
            "_besluitdatum",
            "_regietafels",
            "_ingediend",
            "_te_laat",
            "_te_beoordelen",
            "_open_verzoeken",
        )
    )
    return [Cyclusstand(*rij) for rij in rijen]


@dataclass(frozen=True)
class Verslagstand:
    """The verslag of one regietafel in one cycle whose milestone is not met yet (not
    assessed): ``status`` "concept" also when there is no verslag yet."""

    cyclus: Cyclusstand
    regietafel_id: int
    provincie_id: int
    provincie_slug: str
    provincie: str
    verslag_id: int | None
    status: str
    termijn: Verslagtermijn
    ingediend_op: dt.date | None  # the local day
    gewijzigd_op: dt.date | None
    ingediend_tijd: dt.datetime | None

    @property
    def na_het_besluit(self) -> bool:
        """Submitted after the verdeelbesluit in force was fixed, and no version of the
        besluit made since: the ministry has to consider a new version."""
        c = self.cyclus
        if self.ingediend_op is None or c.vastgesteld_op is None:
            return False
        return self.ingediend_tijd > c.vastgesteld_op and (
            c.laatste_versie_op is None or c.laatste_versie_op < self.ingediend_tijd
        )


def verslagstanden(
    cycli: list[Cyclusstand], *, provincie_id: int | None = None
) -> list[Verslagstand]:
    """Every (cycle, regietafel) whose verslag is not assessed yet (or was submitted after the
    verdeelbesluit), for the cycles with a verslag deadline; one query (the regietafels with
    their verslagen and their own extensions; those for all PRTs come with the cycle)."""
    met_termijn = [c for c in cycli if c.verslag_datum is not None]
    if not met_termijn:
        return []
    ids = [c.pk for c in met_termijn]
    tafels = Regietafel.objects.annotate(
        lopend=FilteredRelation("verslagen", condition=Q(verslagen__cyclus_id__in=ids)),
        verlengd=FilteredRelation(
            "termijnverlengingen",
            condition=Q(
                termijnverlengingen__cyclus_id__in=ids,
                termijnverlengingen__ingetrokken_op__isnull=True,  # withdrawn ones do not count
            ),
        ),
    )
    if provincie_id:
        tafels = tafels.filter(provincie_id=provincie_id)
    rijen = list(
        tafels.order_by("provincie__code", "pk").values_list(
            "pk",
            "provincie_id",
            "provincie__slug",
            "provincie__naam",
            "lopend__cyclus_id",
            "lopend__pk",
            "lopend__status",
            "lopend__ingediend_op",
            "lopend__gewijzigd_op",
            "verlengd__cyclus_id",
            "verlengd__nieuwe_datum",
        )
    )
    regietafels = {r[0]: r[1:4] for r in rijen}
    verslagen = {(r[4], r[0]): r[5:9] for r in rijen if r[4] is not None}
    eigen = defaultdict(set)
    for r in rijen:
        if r[9] is not None:
            eigen[(r[9], r[0])].add(r[10])
    tz = timezone.get_current_timezone()
    uit = []
    for cyclus in met_termijn:
        for regietafel_id, (provincie, slug, naam) in regietafels.items():
            verslag_id, status, ingediend, gewijzigd = verslagen.get(
                (cyclus.pk, regietafel_id), (None, Verslag.Status.CONCEPT, None, None)
            )
            stand = Verslagstand(
                cyclus=cyclus,
                regietafel_id=regietafel_id,
                provincie_id=provincie,
                provincie_slug=slug,
                provincie=naam,
                verslag_id=verslag_id,
                status=status,
                termijn=termijn(
                    cyclus.verslag_datum,
                    [cyclus.algemeen_verlengd, *eigen[(cyclus.pk, regietafel_id)]],
                ),
                ingediend_op=_dag(ingediend, tz),
                gewijzigd_op=_dag(gewijzigd, tz),
                ingediend_tijd=ingediend,
            )
            # Assessed, the verslag's milestone is met; only a besluit made before it was
            # submitted still asks for a new version.
            if status != Verslag.Status.BEOORDEELD or stand.na_het_besluit:
                uit.append(stand)
    return uit


def _dag(waarde, tz) -> dt.date | None:
    if waarde is None:
        return None
    if isinstance(waarde, dt.datetime) and timezone.is_aware(waarde):
        return waarde.astimezone(tz).date()
    return waarde.date() if isinstance(waarde, dt.datetime) else waarde


@dataclass(frozen=True)
class Verzoekstand:
    pk: int
    ingediend_op: dt.date
    gevraagde_datum: dt.date
    provincie_id: int
    provincie: str
    jaar: int


def open_verlengingsverzoeken() -> list[Verzoekstand]:
    """Extension requests the ministry has not decided yet; one query."""
    rijen = (
        Verlengingsverzoek.objects.filter(status=Verlengingsverzoek.Status.OPEN)
        .annotate(dag=TruncDate("ingediend_op"))
        .values_list(
            "pk",
            "dag",
            "gevraagde_datum",
            "verslag__regietafel__provincie_id",
            "verslag__regietafel__provincie__naam",
            "verslag__cyclus__jaar",
        )
    )
    return [Verzoekstand(*rij) for rij in rijen]


@dataclass(frozen=True)
class Realisatiestand:
    regel_id: int
    gemeente_id: int
    gemeente: str
    provincie_id: int
    aantal: int
    datum: dt.date
    cyclus_id: int
    jaar: int
    gerealiseerd: int = 0  # realised today (locations in gebruik plus reports without one)

    @property
    def rest(self) -> int:
        return self.aantal - self.gerealiseerd


def open_realisaties(
    cycli: list[Cyclusstand],
    *,
    sinds: dt.date,
    gemeente_id: int | None = None,
    vandaag: dt.date | None = None,
) -> list[Realisatiestand]:
    """The rows of the verdeelbesluit in force per cycle whose places are not all realised
    today (``selectors.gerealiseerd``: the gemeente's locations in gebruik plus its reports
    without a location, the figure of the realisation overview), with a realisation date
    from ``sinds`` on; three queries whatever the number of cycles (the reports without a
    location are summed in the rows' query)."""
    geldend = {c.pk: c.geldende_versie for c in cycli if c.geldende_versie is not None}
    if not geldend:
        return []
    regels = VerdeelbesluitRegel.objects.filter(
        verdeelbesluit__status=Verdeelbesluit.Status.VASTGESTELD,
        verdeelbesluit__cyclus_id__in=list(geldend),
        realisatietermijn__isnull=False,
        realisatietermijn__gte=sinds,
        aantal__gt=0,
    )
    if gemeente_id:
        regels = regels.filter(gemeente_id=gemeente_id)
    vandaag = vandaag or timezone.localdate()
    rijen = [
        r
        for r in regels.annotate(
            cyclus_id=F("verdeelbesluit__cyclus_id"),
            versie=F("verdeelbesluit__versie"),
            zonder_locatie=zonder_locatie_som(
                OuterRef("verdeelbesluit__cyclus_id"), OuterRef("gemeente_id"), datum=vandaag
            ),
        ).values_list(
            "pk",
            "gemeente_id",
            "gemeente__naam",
            "gemeente__provincie_id",
            "aantal",
            "realisatietermijn",
            "cyclus_id",
            "verdeelbesluit__cyclus__jaar",
            "versie",
            "zonder_locatie",
        )
        if geldend.get(r[6]) == r[8]  # the version in force
    ]
    paren: dict[int, set[int]] = defaultdict(set)
    for r in rijen:
        paren[r[6]].add(r[1])
    realisatie = gerealiseerd(
        paren, datum=vandaag, zonder_locatie={(r[6], r[1]): r[9] for r in rijen}
    )
    return [
        Realisatiestand(*r[:8], gerealiseerd=realisatie[(r[6], r[1])])
        for r in rijen
        if realisatie[(r[6], r[1])] < r[4]
    ]
