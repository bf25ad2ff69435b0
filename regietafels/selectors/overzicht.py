"""The overview of the provinces in a cycle, and the cycle, raming and opgave pages start from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from raming.models import Mijlpaal, ProvincieVerdeling, Raming, Wetscyclus
from raming.selectors import huidige_cyclus

from ..models import (
    Regietafel,
    Verlengingsverzoek,
    Verslag,
)
from ..termijnen import verslagtermijn_datums

SORTEERVELDEN = {
    "provincie": lambda r: r.regietafel.provincie.naam,
    "opgave": lambda r: r.opgave,
    "aangeboden": lambda r: r.aangeboden,
    "verschil": lambda r: r.verschil,
    "status": lambda r: r.status_label,
    "termijn": lambda r: r.termijn or dt.date.max,
    "dagen": lambda r: r.dagen if r.dagen is not None else 10**6,
}


@dataclass
class OverzichtRegel:
    regietafel: Regietafel
    verslag: Verslag | None
    opgave: int
    aangeboden: int
    termijn: dt.date | None
    oorspronkelijke_termijn: dt.date | None
    dagen: int | None
    open_verzoeken: int

    @property
    def verschil(self) -> int:
        return self.aangeboden - self.opgave

    @property
    def status(self) -> str:
        if self.verslag is None:
            return "geen"
        return self.verslag.status

    @property
    def status_label(self) -> str:
        if self.verslag is None:
            return "Nog niet aangemaakt"
        label = self.verslag.get_status_display()
        if self.verslag.te_laat:
            label += " (te laat)"
        return label

    @property
    def te_laat(self) -> bool:
        if self.verslag is not None and self.verslag.te_laat:
            return True
        nog_open = self.verslag is None or self.verslag.status in (
            Verslag.Status.CONCEPT,
            Verslag.Status.TERUGGESTUURD,
        )
        return nog_open and self.dagen is not None and self.dagen < 0


def provincie_overzicht(cyclus, *, user, sorteer: str = "provincie") -> list[OverzichtRegel]:
    """One row per visible regietafel for ``cyclus``: opgave, offered (draft or submitted),
    difference, status, effective deadline and days left. Three queries: the regietafels with
    their opgave, open extension requests and the verslag milestone; the verslagen with their
    totals; the extensions."""
    regels = _provincie_overzicht(cyclus, user, timezone.localdate())
    veld = sorteer.lstrip("-")
    if veld in SORTEERVELDEN:
        regels.sort(key=SORTEERVELDEN[veld], reverse=sorteer.startswith("-"))
    return regels


def _provincie_overzicht(cyclus, user, vandaag) -> list[OverzichtRegel]:

    regietafels = Regietafel.objects.zichtbaar_voor(user).select_related("provincie")
    if cyclus is not None:
        open_verzoeken = (
            Verlengingsverzoek.objects.filter(
                verslag__cyclus=cyclus,
                verslag__regietafel=OuterRef("pk"),
                status=Verlengingsverzoek.Status.OPEN,
            )
            .order_by()
            .values("verslag__regietafel")
            .annotate(n=Count("pk"))
            .values("n")
        )
        regietafels = regietafels.annotate(
            _opgave=provinciale_opgave(cyclus=cyclus.pk, provincie=OuterRef("provincie_id")),
            _open_verzoeken=Subquery(open_verzoeken),
            # the cycle's verslag milestone (one per cycle), the base of every deadline
            _mijlpaal=Subquery(
                Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG)
                .order_by()
                .values("datum")[:1]
            ),
        )
    regietafels = list(regietafels)
    verslagen = {
        v.regietafel_id: v
        for v in Verslag.objects.filter(cyclus=cyclus).annotate(
            totaal_aangeboden=Sum(
                F("regels__bestaande_locaties")
                + F("regels__vastgestelde_plannen")
                + F("regels__bestuurlijke_voornemens")
            )
        )
    }
    termijnen = (
        verslagtermijn_datums(
            cyclus,
            [r.pk for r in regietafels],
            basis=regietafels[0]._mijlpaal if regietafels else None,
        )
        if cyclus
        else {}
    )
    regels = []
    for regietafel in regietafels:
        verslag = verslagen.get(regietafel.pk)
        opgave = getattr(regietafel, "_opgave", None)
        termijn = termijnen.get(regietafel.pk)
        regels.append(
            OverzichtRegel(
                regietafel=regietafel,
                verslag=verslag,
                opgave=opgave or 0,
                aangeboden=(verslag.totaal_aangeboden or 0) if verslag else 0,
                termijn=termijn.effectief if termijn else None,
                oorspronkelijke_termijn=termijn.oorspronkelijk if termijn else None,
                dagen=termijn.dagen_resterend(vandaag) if termijn else None,
                open_verzoeken=getattr(regietafel, "_open_verzoeken", None) or 0,
            )
        )
    return regels


def cyclus_of_huidige(jaar: int | None = None):

    if jaar:
        return Wetscyclus.objects.filter(jaar=jaar).first()
    return huidige_cyclus()


def cyclus_id_expressie(jaar: int | None):
    """An expression for the id of the cycle ``cyclus_of_huidige(jaar)`` returns, to use
    inside a query instead of reading the cycle first."""

    if jaar:
        return Subquery(Wetscyclus.objects.filter(jaar=jaar).order_by().values("pk")[:1])
    huidig = (
        Wetscyclus.objects.filter(jaar__lte=timezone.localdate().year)
        .order_by("-jaar")
        .values("pk")[:1]
    )
    eerste = Wetscyclus.objects.order_by("jaar").values("pk")[:1]
    return Coalesce(Subquery(huidig), Subquery(eerste))


def geldende_raming_id(cyclus):
    """Subquery: the id of ``geldende_raming`` of ``cyclus`` (an id or an OuterRef): its newest
    published version, else its newest adopted one."""

    return Subquery(
        Raming.objects.filter(
            cyclus=cyclus,
            status__in=[Raming.Status.GEPUBLICEERD, Raming.Status.VASTGESTELD],
        )
        .order_by(
            Case(
                When(status=Raming.Status.GEPUBLICEERD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-versie",
        )
        .values("pk")[:1]
    )


def provinciale_opgave(*, cyclus, provincie):
    """Subquery: the provincial opgave in the raming in force for a cycle (None without a
    raming or without a row for the province), like ``provinciale_opgaven(geldende_raming())``.
    ``cyclus``: the cycle's id or an expression for it inside the raming subquery (an
    ``OuterRef(OuterRef(...))``); ``provincie``: an OuterRef to the province id."""

    return Subquery(
        ProvincieVerdeling.objects.filter(
            raming_id=geldende_raming_id(cyclus),
            provincie_id=provincie,
        )
        .order_by()  # one row per raming and province
        .values("opgave")[:1]
    )
