"""Fixtures for the regietafels tests: a cycle with a published raming over the real gemeenten."""

import datetime as dt

import pytest

from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from regietafels.models import Regietafel
from regietafels.services import verslag_aanmaken

VERSLAGTERMIJN = dt.date(2026, 11, 1)


def _maak_raming(jaar: int) -> Raming:
    cyclus, _ = Wetscyclus.objects.get_or_create(jaar=jaar)
    raming = Raming.objects.create(
        cyclus=cyclus,
        status=Raming.Status.GEPUBLICEERD,
        landelijk_aantal=0,
        amv_aantal=0,
        gepubliceerd_op=dt.date(jaar, 2, 26),
    )
    # from the CBS code, not the primary key: keys depend on which tests ran before in the same
    # database, and a test that reports realised places must not meet a different number
    verdelingen = [
        GemeenteVerdeling(raming=raming, gemeente=g, aantal=20 + (int(g.code[2:]) * 7) % 180)
        for g in Gemeente.objects.all()
    ]
    GemeenteVerdeling.objects.bulk_create(verdelingen)
    totaal = 0
    for provincie in Provincie.objects.all():
        opgave = sum(v.aantal for v in verdelingen if v.gemeente.provincie_id == provincie.pk)
        totaal += opgave
        ProvincieVerdeling.objects.create(raming=raming, provincie=provincie, opgave=opgave)
    raming.landelijk_aantal = totaal
    raming.save()
    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.VERSLAG,
        oorspronkelijke_datum=dt.date(jaar, 11, 1),
        datum=dt.date(jaar, 11, 1),
    )
    return raming


@pytest.fixture
def raming(gemeenten):
    return _maak_raming(2026)


@pytest.fixture
def cyclus(raming):
    return raming.cyclus


@pytest.fixture
def regietafel_gelderland(db):
    return Regietafel.objects.get(provincie__code="PV25")


@pytest.fixture
def regietafel_noord_brabant(db):
    return Regietafel.objects.get(provincie__code="PV30")


@pytest.fixture
def verslag_gelderland(cyclus, regietafel_gelderland, prt_gelderland):
    return verslag_aanmaken(regietafel=regietafel_gelderland, cyclus=cyclus, door=prt_gelderland)


def regels_invoer(verslag, **waarden):
    """gemeente id → RegelInvoer with the row's current values, overridden by ``waarden``
    (keyed by gemeente name → dict)."""
    from regietafels.services import REGEL_VELDEN, RegelInvoer

    uitkomst = {}
    for regel in verslag.regels.select_related("gemeente"):
        velden = {veld: getattr(regel, veld) for veld in REGEL_VELDEN}
        velden.update(waarden.get(regel.gemeente.naam, {}))
        uitkomst[regel.gemeente_id] = RegelInvoer(**velden)
    return uitkomst
