"""Reads of the bezwaar app: the terms of a case, the beschikkingen one may object to, and the
open decision terms for the reminders (``herinneringen`` reads them here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

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
