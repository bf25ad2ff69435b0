"""Reads of the bezwaar app: the terms of a case, the beschikkingen one may object to, and the
open decision terms and running bezwaartermijnen for the reminders (``herinneringen`` reads
them here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone

from raming.models import Gemeente
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel

from . import termijnen
from .models import Bezwaar, GelijkgesteldeDag, Uitstel


def gelijkgestelde_dagen() -> frozenset[dt.date]:
    """The days equated with holidays by royal decree (Atw art. 3 lid 3)."""
    return frozenset(GelijkgesteldeDag.objects.values_list("datum", flat=True))


def bekendmaking(regel: VerdeelbesluitRegel) -> dt.date | None:
    """The day the gemeente's beschikking was made known: the besluitdatum of the version in
    which its row got its present number and realisation term (a version that changed only
    another gemeente, after a bezwaar, does not make it known again)."""
    besluit = regel.verdeelbesluit
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        return None
    datum = besluit.besluitdatum
    huidige = regel
    vorige = besluit.vorige_versie
    while vorige is not None and vorige.status == Verdeelbesluit.Status.VASTGESTELD:
        eerder = VerdeelbesluitRegel.objects.filter(
            verdeelbesluit=vorige, gemeente_id=regel.gemeente_id
        ).first()
        if eerder is None or (eerder.aantal, eerder.realisatietermijn) != (
            huidige.aantal,
            huidige.realisatietermijn,
        ):
            break
        datum, huidige, vorige = vorige.besluitdatum, eerder, vorige.vorige_versie
    return datum


@dataclass(frozen=True)
class Termijnen:
    """The terms of one bezwaar, as the law derives them from its facts."""

    bezwaartermijn: termijnen.Bezwaartermijn
    beslistermijn: termijnen.Beslistermijn
    verdaagd: bool
    uitstel: list[Uitstel]

    @property
    def einde(self) -> dt.date:
        return self.beslistermijn.einde

    def verstreken(self, vandaag: dt.date | None = None) -> bool:
        return (vandaag or timezone.localdate()) > self.einde


def termijnen_van(bezwaar: Bezwaar, *, gelijkgesteld=None, uitstel=None) -> Termijnen:
    gelijkgesteld = gelijkgestelde_dagen() if gelijkgesteld is None else gelijkgesteld
    uitstel = list(bezwaar.uitstellen.all()) if uitstel is None else uitstel
    verdaagd = any(u.soort == Uitstel.Soort.VERDAGING for u in uitstel)
    instemmingen = [u.nieuwe_datum for u in uitstel if u.soort == Uitstel.Soort.INSTEMMING]
    return Termijnen(
        bezwaartermijn=termijnen.bezwaartermijn(bezwaar.bekendgemaakt_op, gelijkgesteld),
        beslistermijn=termijnen.beslistermijn(
            bekendgemaakt_op=bezwaar.bekendgemaakt_op,
            ontvangen_op=bezwaar.ontvangen_op,
            adviescommissie=bezwaar.adviescommissie,
            verdaagd=verdaagd,
            uitgesteld_tot=max(instemmingen) if instemmingen else None,
            gelijkgesteld=gelijkgesteld,
        ),
        verdaagd=verdaagd,
        uitstel=uitstel,
    )


def bezwaarbare_regels(user):
    """The beschikkingen ``user`` may see and that are in force: each gemeente's row in the
    newest fixed version of each cycle's verdeelbesluit."""
    geldend = []
    gezien = set()
    for besluit in (
        Verdeelbesluit.objects.filter(status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("cyclus_id", "-versie")
        .only("pk", "cyclus_id")
    ):
        if besluit.cyclus_id not in gezien:
            gezien.add(besluit.cyclus_id)
            geldend.append(besluit.pk)
    return (
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit_id__in=geldend)
        .select_related("gemeente", "verdeelbesluit__cyclus")
        .order_by("-verdeelbesluit__cyclus__jaar", "gemeente__naam")
    )


@dataclass(frozen=True)
class OpenBeslistermijn:
    bezwaar_id: int
    kenmerk: str
    gemeente_id: int
    gemeente: str
    provincie_id: int
    indiener_provincie_id: int | None
    datum: dt.date
    sinds: dt.date


def open_beslistermijnen(*, gemeente_id=None, provincie_id=None) -> list[OpenBeslistermijn]:
    """The bezwaren still to be decided, each with the end of its decision term (two queries,
    whatever the number of bezwaren)."""
    qs = Bezwaar.objects.open().select_related("gemeente").prefetch_related("uitstellen")
    if gemeente_id is not None:
        qs = qs.filter(gemeente_id=gemeente_id)
    if provincie_id is not None:
        qs = qs.filter(gemeente__provincie_id=provincie_id)
    gelijkgesteld = None
    rijen = []
    for b in qs.order_by("pk"):
        if gelijkgesteld is None:
            gelijkgesteld = gelijkgestelde_dagen()
        t = termijnen_van(b, gelijkgesteld=gelijkgesteld, uitstel=list(b.uitstellen.all()))
        rijen.append(
            OpenBeslistermijn(
                bezwaar_id=b.pk,
                kenmerk=b.kenmerk,
                gemeente_id=b.gemeente_id,
                gemeente=b.gemeente.naam,
                provincie_id=b.gemeente.provincie_id,
                indiener_provincie_id=b.indiener_provincie_id,
                datum=t.einde,
                sinds=b.ontvangen_op,
            )
        )
    return rijen


@dataclass(frozen=True)
class OpenBezwaartermijn:
    """The bezwaartermijn of one gemeente's beschikking that is still running: the gemeente
    (and, for the province, its PRT) can still lodge bezwaar until ``einde``."""

    cyclus_id: int
    jaar: int
    gemeente_id: int
    gemeente: str
    provincie_id: int
    provincie: str
    bekendgemaakt_op: dt.date
    begin: dt.date
    einde: dt.date
    bezwaar_gemeente: bool  # the gemeente has lodged bezwaar against it already


#: a bezwaartermijn (six weeks, Awb 6:7) with the Atw's extension never runs past this
_LANGSTE_TERMIJN = dt.timedelta(weeks=termijnen.BEZWAARTERMIJN_WEKEN, days=10)


def bezwaartermijn_kan_lopen(besluitdatum: dt.date | None, vandaag: dt.date) -> bool:
    """Whether a bezwaartermijn of a besluit of ``besluitdatum`` (the newest fixed version of a
    cycle's verdeelbesluit) can still run on ``vandaag``: what ``open_bezwaartermijnen`` checks
    first, for a caller that knows the date already (so it need not ask)."""
    return besluitdatum is not None and besluitdatum >= vandaag - _LANGSTE_TERMIJN


def open_bezwaartermijnen(
    vandaag: dt.date, *, gemeente_id=None, provincie_id=None
) -> list[OpenBezwaartermijn]:
    """The running bezwaartermijnen of the beschikkingen in force (each gemeente's row in the
    newest fixed version of its cycle's verdeelbesluit), on ``vandaag``: from the day after
    the bekendmaking to its end (Awb 6:7, 6:8, Atw). A constant number of queries: the recent
    fixed versions, their rows, and the bezwaren lodged against them; none when no version
    was fixed in the last weeks."""
    besluiten = list(
        Verdeelbesluit.objects.filter(status=Verdeelbesluit.Status.VASTGESTELD)
        .select_related("cyclus")
        .order_by("cyclus_id", "versie")
    )
    per_cyclus: dict[int, list[Verdeelbesluit]] = {}
    for besluit in besluiten:
        per_cyclus.setdefault(besluit.cyclus_id, []).append(besluit)
    # only cycles whose newest fixed version is recent can have a running term
    recent = {
        c: versies
        for c, versies in per_cyclus.items()
        if bezwaartermijn_kan_lopen(versies[-1].besluitdatum, vandaag)
    }
    if not recent:
        return []
    regels = VerdeelbesluitRegel.objects.filter(
        verdeelbesluit_id__in=[b.pk for versies in recent.values() for b in versies]
    ).values_list("verdeelbesluit_id", "gemeente_id", "aantal", "realisatietermijn")
    if gemeente_id is not None:
        regels = regels.filter(gemeente_id=gemeente_id)
    if provincie_id is not None:
        regels = regels.filter(gemeente__provincie_id=provincie_id)
    stand: dict[tuple[int, int], tuple] = {}
    for besluit_id, g_id, aantal, realisatie in regels:
        stand[(besluit_id, g_id)] = (aantal, realisatie)
    gemeenten = {
        g.pk: g
        for g in Gemeente.objects.filter(pk__in={g for _, g in stand}).select_related("provincie")
    }
    gelijkgesteld = gelijkgestelde_dagen()
    rijen = []
    for cyclus_id, versies in recent.items():
        geldend = versies[-1]
        for g_id in sorted({g for b, g in stand if b == geldend.pk}):
            # as ``bekendmaking``: back through the versions while the row stayed the same
            datum, huidige = geldend.besluitdatum, stand[(geldend.pk, g_id)]
            if datum is None:
                continue
            for vorige in reversed(versies[:-1]):
                if stand.get((vorige.pk, g_id)) != huidige:
                    break
                datum = vorige.besluitdatum
            termijn = termijnen.bezwaartermijn(datum, gelijkgesteld)
            if not (termijn.begin <= vandaag <= termijn.einde):
                continue
            gemeente = gemeenten[g_id]
            rijen.append(
                OpenBezwaartermijn(
                    cyclus_id=cyclus_id,
                    jaar=geldend.cyclus.jaar,
                    gemeente_id=g_id,
                    gemeente=gemeente.naam,
                    provincie_id=gemeente.provincie_id,
                    provincie=gemeente.provincie.naam,
                    bekendgemaakt_op=datum,
                    begin=termijn.begin,
                    einde=termijn.einde,
                    bezwaar_gemeente=False,
                )
            )
    if rijen:
        gemeld = set(
            Bezwaar.objects.filter(
                indiener=Bezwaar.Indiener.GEMEENTE,
                regel__verdeelbesluit__cyclus_id__in=list(recent),
                gemeente_id__in=[r.gemeente_id for r in rijen],
            ).values_list("regel__verdeelbesluit__cyclus_id", "gemeente_id", "bekendgemaakt_op")
        )
        rijen = [
            replace(r, bezwaar_gemeente=True)
            if (r.cyclus_id, r.gemeente_id, r.bekendgemaakt_op) in gemeld
            else r
            for r in rijen
        ]
    return rijen
