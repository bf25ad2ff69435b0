"""Reads for the regietafel pages, API and exports (constant numbers of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, Sum
from django.utils import timezone

from raming.selectors import geldende_raming, huidige_cyclus, provinciale_opgaven

from .models import (
    Realisatiemelding,
    Regietafel,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from .termijnen import verslagtermijnen

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
    difference, status, effective deadline and days left. Constant number of queries."""
    vandaag = timezone.localdate()
    regietafels = list(Regietafel.objects.zichtbaar_voor(user).select_related("provincie"))
    opgaven = provinciale_opgaven(geldende_raming(cyclus))
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
    termijnen = verslagtermijnen(cyclus) if cyclus else {}
    open_verzoeken: dict[int, int] = {}
    for regietafel_id in Verlengingsverzoek.objects.filter(
        verslag__cyclus=cyclus, status=Verlengingsverzoek.Status.OPEN
    ).values_list("verslag__regietafel_id", flat=True):
        open_verzoeken[regietafel_id] = open_verzoeken.get(regietafel_id, 0) + 1
    regels = []
    for regietafel in regietafels:
        verslag = verslagen.get(regietafel.pk)
        opgave = opgaven.get(regietafel.provincie_id)
        termijn = termijnen.get(regietafel.pk)
        regels.append(
            OverzichtRegel(
                regietafel=regietafel,
                verslag=verslag,
                opgave=opgave.opgave if opgave else 0,
                aangeboden=(verslag.totaal_aangeboden or 0) if verslag else 0,
                termijn=termijn.effectief if termijn else None,
                oorspronkelijke_termijn=termijn.oorspronkelijk if termijn else None,
                dagen=termijn.dagen_resterend(vandaag) if termijn else None,
                open_verzoeken=open_verzoeken.get(regietafel.pk, 0),
            )
        )
    veld = sorteer.lstrip("-")
    if veld in SORTEERVELDEN:
        regels.sort(key=SORTEERVELDEN[veld], reverse=sorteer.startswith("-"))
    return regels


def cyclus_of_huidige(jaar: int | None = None):
    from raming.models import Wetscyclus

    if jaar:
        return Wetscyclus.objects.filter(jaar=jaar).first()
    return huidige_cyclus()


def verslag_regels(verslag: Verslag):
    """The rows of a verslag with their gemeente, in one query."""
    return list(verslag.regels.select_related("gemeente").order_by("gemeente__naam"))


def uitruil_voor(verslag: Verslag) -> tuple[list, dict[int, int], bool]:
    """Confirmed exchanges of the verslag's province and gemeente id → net asielopvang change.
    The third value says whether the uitruil part is available at all."""
    try:
        from regietafels.uitruil.selectors import bevestigde_uitruil_voor_provincie
    except ImportError:
        return [], {}, False
    uitruilen, netto = bevestigde_uitruil_voor_provincie(
        cyclus=verslag.cyclus, provincie=verslag.regietafel.provincie
    )
    return uitruilen, netto, True


def versie_verschillen(oud: dict | None, nieuw: dict) -> list[dict]:
    """Per row of ``nieuw`` the fields that differ from ``oud`` (two snapshots)."""
    velden = (
        "bestaande_locaties",
        "vastgestelde_plannen",
        "bestuurlijke_voornemens",
        "amv",
        "aangeboden",
        "beschikbaar_van",
        "beschikbaar_tot",
        "opmerking",
    )
    vorige = {r["gemeente_id"]: r for r in (oud or {}).get("regels", [])}
    uitkomst = []
    for regel in nieuw.get("regels", []):
        eerder = vorige.get(regel["gemeente_id"])
        wijzigingen = []
        for veld in velden:
            a = eerder.get(veld) if eerder else None
            b = regel.get(veld)
            if eerder is not None and a != b:
                wijzigingen.append({"veld": veld.replace("_", " "), "oud": a, "nieuw": b})
        uitkomst.append({"regel": regel, "wijzigingen": wijzigingen})
    return uitkomst


def geldend_verdeelbesluit(cyclus) -> Verdeelbesluit | None:
    if cyclus is None:
        return None
    return (
        Verdeelbesluit.objects.filter(cyclus=cyclus, status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def realisatie_overzicht(cyclus, *, user) -> dict:
    """Realised places against the verdeelbesluit, per province and per gemeente."""
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return {"besluit": None, "provincies": [], "gemeenten": []}
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )
    gerealiseerd = dict(
        Realisatiemelding.objects.zichtbaar_voor(user)
        .filter(cyclus=cyclus)
        .values("gemeente_id")
        .annotate(totaal=Sum("aantal"))
        .values_list("gemeente_id", "totaal")
    )
    provincies: dict[int, dict] = {}
    gemeenten = []
    for regel in regels:
        klaar = gerealiseerd.get(regel.gemeente_id, 0)
        gemeenten.append({"regel": regel, "gerealiseerd": klaar, "rest": regel.aantal - klaar})
        p = provincies.setdefault(
            regel.gemeente.provincie_id,
            {"provincie": regel.gemeente.provincie, "aantal": 0, "gerealiseerd": 0},
        )
        p["aantal"] += regel.aantal
        p["gerealiseerd"] += klaar
    for p in provincies.values():
        p["rest"] = p["aantal"] - p["gerealiseerd"]
    return {"besluit": besluit, "provincies": list(provincies.values()), "gemeenten": gemeenten}


def open_verzoeken(user):
    return (
        Verlengingsverzoek.objects.zichtbaar_voor(user)
        .filter(status=Verlengingsverzoek.Status.OPEN)
        .select_related("verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door")
    )


def te_beoordelen(user, cyclus):
    return (
        Verslag.objects.zichtbaar_voor(user)
        .filter(cyclus=cyclus, status=Verslag.Status.INGEDIEND)
        .select_related("regietafel__provincie")
    )


def filter_zoek(qs, zoek: str | None):
    if not zoek:
        return qs
    return qs.filter(Q(gemeente__naam__icontains=zoek))
