"""The verdeelbesluit in force, realisation, open requests and what awaits assessment."""

from __future__ import annotations

from django.db.models import (
    Q,
    Subquery,
)

from raming.selectors import geldende_raming, provinciale_opgaven

from ..models import (
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
    return _geldend(besluiten, cyclus).first()


def _geldend(besluiten, cyclus):
    return besluiten.filter(cyclus=cyclus, status=Verdeelbesluit.Status.VASTGESTELD).order_by(
        "-versie"
    )


def geldend_verdeelbesluit_id(cyclus) -> Subquery:
    """The id of ``geldend_verdeelbesluit(cyclus)`` as a subquery (to filter in one query)."""
    return Subquery(_geldend(Verdeelbesluit.objects, cyclus).values("pk")[:1])


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
