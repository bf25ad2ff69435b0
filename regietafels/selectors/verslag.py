"""Reads for the verslag page: the verslag with its parts, its rows, exchanges and versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from raming.models import Mijlpaal
from uitruil.models import Richting, Taak, Uitruil, UitruilPartij

from ..models import (
    Beoordeling,
    Bijlage,
    Regietafel,
    Termijnverlenging,
    Verslag,
    VerslagVersie,
)
from .overzicht import cyclus_id_expressie, provinciale_opgave


def _verslagpagina_kop(slug: str, jaar: int | None) -> dict | None:
    """What the verslag page of regietafel ``slug`` in cycle ``cyclus_of_huidige(jaar)`` shows
    besides the verslag itself: the ids of regietafel, province and cycle, the cycle's verslag
    milestone, the latest extension that applies, the provincial opgave in the raming in force
    (one query) and the confirmed exchanges (one more). None when regietafel or cycle does not
    exist."""

    kop = (
        Regietafel.objects.filter(provincie__slug=slug)
        .annotate(_cyclus=cyclus_id_expressie(jaar))
        .annotate(
            # one verslag milestone per cycle
            _mijlpaal=Subquery(
                Mijlpaal.objects.filter(cyclus_id=OuterRef("_cyclus"), soort=Mijlpaal.Soort.VERSLAG)
                .order_by()
                .values("datum")[:1]
            ),
            # its own extensions and the cycle-wide ones
            _verlenging=Subquery(
                Termijnverlenging.objects.filter(cyclus_id=OuterRef("_cyclus"))
                .filter(Q(regietafel=OuterRef("pk")) | Q(regietafel__isnull=True))
                .order_by("-nieuwe_datum")
                .values("nieuwe_datum")[:1]
            ),
            _opgave=provinciale_opgave(
                cyclus=OuterRef(OuterRef("_cyclus")), provincie=OuterRef("provincie_id")
            ),
        )
        .order_by()
        .values("pk", "provincie_id", "_cyclus", "_mijlpaal", "_verlenging", "_opgave")[:1]
    )
    kop = next(iter(kop), None)
    if kop is None or kop["_cyclus"] is None:
        return None

    return {
        "regietafel_id": kop["pk"],
        "cyclus_id": kop["_cyclus"],
        "mijlpaal_datum": kop["_mijlpaal"],
        "laatste_verlenging": kop["_verlenging"],
        "opgave_aantal": kop["_opgave"],
        "uitruil": bevestigde_uitruilen(cyclus_id=kop["_cyclus"], provincie_id=kop["provincie_id"]),
    }


def verslag_voor_pagina(user, *, slug: str, jaar: int | None) -> Verslag | None:
    """The verslag of the regietafel ``slug`` in the cycle ``cyclus_of_huidige(jaar)`` as far
    as ``user`` may see it (None otherwise), with regietafel, province, cycle and submitter,
    and as attributes

    - ``mijlpaal_datum``: the cycle's verslag milestone,
    - ``laatste_verlenging``: the latest date of the extensions that apply to it,
    - ``opgave_aantal``: the provincial opgave (None: use the sum of the rows),
    - ``aantal_versies``: the number of submitted versions,
    - ``heeft_bijlagen``, ``heeft_beoordelingen``: whether it has any (to skip reading none),
    - ``uitruil``: ``bevestigde_uitruilen`` of its province and cycle.

    """

    kop = _verslagpagina_kop(slug, jaar)
    if kop is None:
        return None
    # Verslag.zichtbaar_voor is the regietafel's province rule as well (RegietafelQuerySet):
    # no separate regietafel filter needed. One verslag per regietafel and cycle. Whether it
    # has versions, attachments and assessments: the page reads them only when it has any.
    # Versions, attachments and assessments follow the access rule of their verslag
    # (VerslagOnderdeelQuerySet: the same province rule), so all of this verslag's count.
    versies = (
        VerslagVersie.objects.filter(verslag=OuterRef("pk"))
        .order_by()
        .values("verslag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    gevonden = list(
        Verslag.objects.zichtbaar_voor(user)
        .select_related("regietafel__provincie", "cyclus", "ingediend_door")
        .filter(regietafel_id=kop["regietafel_id"], cyclus_id=kop["cyclus_id"])
        .annotate(
            aantal_versies=Coalesce(Subquery(versies), Value(0)),
            heeft_bijlagen=Exists(Bijlage.objects.filter(verslag=OuterRef("pk"))),
            heeft_beoordelingen=Exists(Beoordeling.objects.filter(verslag=OuterRef("pk"))),
        )
        .order_by()[:1]
    )
    if not gevonden:
        return None
    verslag = gevonden[0]
    verslag.mijlpaal_datum = kop["mijlpaal_datum"]
    verslag.laatste_verlenging = kop["laatste_verlenging"]
    verslag.opgave_aantal = kop["opgave_aantal"]
    verslag.uitruil = kop["uitruil"]
    return verslag


def verslag_regels(verslag: Verslag):
    """The rows of a verslag with their gemeente, in one query."""
    return list(verslag.regels.select_related("gemeente").order_by("gemeente__naam"))


@dataclass
class UitruilPartijTekst:
    """One party of a confirmed exchange as the verslag lists it."""

    gemeente: str
    richting: str
    aantal: int
    taak: str


@dataclass
class BevestigdeUitruil:
    id: int
    bevestigd_op: dt.datetime | None
    partijen: list[UitruilPartijTekst]


def bevestigde_uitruilen(
    *, cyclus_id: int, provincie_id: int
) -> tuple[list[BevestigdeUitruil], dict[int, int], bool]:
    """The confirmed exchanges of a province in a cycle (in order of confirmation, each with
    its parties) and gemeente id → net asielopvang change (+ takes on, − gives up; gemeenten
    without a change left out). The third value says whether the uitruil part is available at
    all (always, since uitruil is an app below this one). One query: the party rows with their
    exchange and gemeente."""
    richtingen = {waarde: str(label) for waarde, label in Richting.choices}
    taken = {waarde: str(label) for waarde, label in Taak.choices}
    rijen = (
        UitruilPartij.objects.filter(
            uitruil__cyclus_id=cyclus_id,
            uitruil__provincie_id=provincie_id,
            uitruil__status=Uitruil.Status.BEVESTIGD,
        )
        .order_by("uitruil__bevestigd_op", "uitruil_id", "pk")
        .values_list(
            "uitruil_id",
            "uitruil__bevestigd_op",
            "gemeente_id",
            "gemeente__naam",
            "taak",
            "richting",
            "aantal",
        )
    )
    uitruilen: dict[int, BevestigdeUitruil] = {}
    netto: dict[int, int] = {}
    for uitruil_id, bevestigd_op, gemeente_id, naam, taak, richting, aantal in rijen:
        uitruil = uitruilen.get(uitruil_id)
        if uitruil is None:
            uitruil = uitruilen[uitruil_id] = BevestigdeUitruil(uitruil_id, bevestigd_op, [])
        uitruil.partijen.append(
            UitruilPartijTekst(
                gemeente=naam,
                richting=richtingen.get(richting, richting),
                aantal=aantal,
                taak=taken.get(taak, taak),
            )
        )
        if taak == Taak.ASIELOPVANG:
            mutatie = aantal if richting == Richting.NEEMT_OP else -aantal
            netto[gemeente_id] = netto.get(gemeente_id, 0) + mutatie
    return list(uitruilen.values()), {g: n for g, n in netto.items() if n != 0}, True


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
