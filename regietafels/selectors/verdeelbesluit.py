"""The verdeelbesluit in force, realisation, open requests and what awaits assessment."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Q,
    Sum,
)
from django.utils import timezone

from locaties import realisatie as locatie_realisatie
from raming.selectors import geldende_raming, provinciale_opgaven

from ..models import (
    Realisatiemelding,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)


def geldend_verdeelbesluit(cyclus, *, user=None) -> Verdeelbesluit | None:
    """The verdeelbesluit in force for a cycle: its newest fixed version (with ``user``: only
    if that user may see it). The one definition; services, pages, panels and the insight
    pages use it."""
    if cyclus is None:
        return None
    besluiten = (
        Verdeelbesluit.objects if user is None else Verdeelbesluit.objects.zichtbaar_voor(user)
    )
    return (
        besluiten.filter(cyclus=cyclus, status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def realisatie_stand(*, gemeente, cyclus, zonder: int | None = None) -> tuple[int, int]:
    """(the gemeente's number in the verdeelbesluit in force, places reported so far in force,
    without report ``zonder``): what a new report is weighed against."""
    besluit = geldend_verdeelbesluit(cyclus)
    vastgesteld = (
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit, gemeente=gemeente)
        .values_list("aantal", flat=True)
        .first()
        if besluit is not None
        else None
    ) or 0
    eerder = (
        Realisatiemelding.objects.filter(gemeente=gemeente, cyclus=cyclus)
        .exclude(pk=zonder)
        .aggregate(s=Sum("aantal"))["s"]
        or 0
    )
    return vastgesteld, eerder


def verdeelbesluit_overzicht(besluit, *, user, provincie: str = "") -> dict:
    """The rows of ``besluit`` visible to ``user`` (optionally of one province, by slug), the
    totals per province against the opgave and every province of the besluit (for the
    filter). A few queries, whatever the number of rows."""
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )
    # every province of the besluit in the filter, also while one is chosen
    alle_provincies = sorted(
        {(r.gemeente.provincie.slug, r.gemeente.provincie.naam) for r in regels}
    )
    if provincie:
        regels = [r for r in regels if r.gemeente.provincie.slug == provincie]
    opgaven = provinciale_opgaven(geldende_raming(besluit.cyclus))
    per_provincie: dict[int, dict] = {}
    for regel in regels:
        p = per_provincie.setdefault(
            regel.gemeente.provincie_id,
            {
                "provincie": regel.gemeente.provincie,
                "opgave": getattr(opgaven.get(regel.gemeente.provincie_id), "opgave", 0),
                "aangeboden": 0,
                "restopgave": 0,
                "aantal": 0,
            },
        )
        p["aangeboden"] += regel.aangeboden
        p["restopgave"] += regel.restopgave
        p["aantal"] += regel.aantal
    return {
        "regels": regels,
        "provincies": list(per_provincie.values()),
        "alle_provincies": alle_provincies,
    }


def nieuwste_verdeelbesluit_pk(cyclus_id: int) -> int | None:
    """The pk of the newest version of the cycle's verdeelbesluit."""
    return (
        Verdeelbesluit.objects.filter(cyclus_id=cyclus_id)
        .order_by("-versie")
        .values_list("pk", flat=True)
        .first()
    )


def realisatie_overzicht(cyclus, *, user, datum: dt.date | None = None) -> dict:
    """Realised places against the verdeelbesluit, per province and per gemeente: the reports
    (the counted figure) and, beside them, the locations in gebruik in the register on
    ``datum`` (today), with a warning where one closes before the next raming's reference
    date. The two are never added up (ADR 0014)."""
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return {"besluit": None, "provincies": [], "gemeenten": [], "waarschuwingen": []}
    datum = datum or timezone.localdate()
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
    volgende_peildatum = volgende_ramingspeildatum(cyclus)
    in_gebruik: dict[int, list] = {}
    for loc in locatie_realisatie.gerealiseerd_op(
        datum,
        volgende_peildatum=volgende_peildatum,
        gemeente_ids={r.gemeente_id for r in regels},
    ):
        in_gebruik.setdefault(loc.gemeente_id, []).append(loc)
    provincies: dict[int, dict] = {}
    gemeenten = []
    for regel in regels:
        klaar = gerealiseerd.get(regel.gemeente_id, 0)
        locaties = in_gebruik.get(regel.gemeente_id, [])
        register = sum(loc.plekken for loc in locaties)
        gemeenten.append(
            {
                "regel": regel,
                "gerealiseerd": klaar,
                "rest": regel.aantal - klaar,
                "register": register,
                "locaties": locaties,
                "verschil_register": register - klaar,
            }
        )
        p = provincies.setdefault(
            regel.gemeente.provincie_id,
            {"provincie": regel.gemeente.provincie, "aantal": 0, "gerealiseerd": 0, "register": 0},
        )
        p["aantal"] += regel.aantal
        p["gerealiseerd"] += klaar
        p["register"] += register
    for p in provincies.values():
        p["rest"] = p["aantal"] - p["gerealiseerd"]
    return {
        "besluit": besluit,
        "provincies": list(provincies.values()),
        "gemeenten": gemeenten,
        "datum": datum,
        "volgende_peildatum": volgende_peildatum,
        "waarschuwingen": [
            {"gemeente": g["regel"].gemeente, "locatie": loc}
            for g in gemeenten
            for loc in g["locaties"]
            if loc.sluit_voor_peildatum
        ],
    }


def volgende_ramingspeildatum(cyclus) -> dt.date:
    """The reference date of the next raming: its meerjarig-beschikbaar peildatum, 1 February
    of the next cycle year (the 2026 raming used 1-2-2026)."""
    return dt.date(cyclus.jaar + 2, 2, 1)


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
