"""Fixtures for the scenario tests: a computed raming on the real 342 gemeenten."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from raming.berekening import invoer_uit_database, provincie_uitkomsten
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from raming.verdeelsleutel import bereken_verdeling

PEILDATUM = dt.date(2023, 1, 1)

# meerjarig beschikbaar per province in the test raming (sums to 50,000, as in 2026)
BESCHIKBAAR = {
    "PV20": 3500,
    "PV21": 2500,
    "PV22": 2300,
    "PV23": 3400,
    "PV24": 2600,
    "PV25": 5400,
    "PV26": 3300,
    "PV27": 7300,
    "PV28": 8500,
    "PV29": 1400,
    "PV30": 6200,
    "PV31": 3600,
}


def maak_raming(
    *,
    cyclus: Wetscyclus,
    versie: int = 1,
    status: str = Raming.Status.GEPUBLICEERD,
    landelijk_aantal: int = 88000,
    amv_aantal: int = 7480,
    methode: str = Raming.Afronding.PER_GEMEENTE,
    beschikbaar: dict[str, int] | None = None,
) -> Raming:
    """A raming computed by the engine and stored the way the raming app stores one."""
    beschikbaar = BESCHIKBAAR if beschikbaar is None else beschikbaar
    invoer = invoer_uit_database(peildatum=PEILDATUM, ses_jaar=None)
    verdeling = bereken_verdeling(
        invoer.gemeenten, landelijk_aantal=landelijk_aantal, amv_totaal=amv_aantal, methode=methode
    )
    raming = Raming.objects.create(
        cyclus=cyclus,
        versie=versie,
        status=status,
        landelijk_aantal=landelijk_aantal,
        amv_aantal=amv_aantal,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=None,
        zonder_ses=True,
        afrondingsmethode=methode,
        berekend_op=timezone.now(),
    )
    gemeenten = dict(Gemeente.objects.values_list("code", "pk"))
    GemeenteVerdeling.objects.bulk_create(
        GemeenteVerdeling(
            raming=raming,
            gemeente_id=gemeenten[g.code],
            inwoners=g.inwoners,
            gewicht=Decimal(g.gewicht.numerator) / Decimal(g.gewicht.denominator),
            exact=g.exact_decimal.quantize(Decimal("0.000001")),
            aantal=g.aantal,
            amv=g.amv,
        )
        for g in verdeling.gemeenten
    )
    provincies = dict(Provincie.objects.values_list("code", "pk"))
    ProvincieVerdeling.objects.bulk_create(
        ProvincieVerdeling(
            raming=raming,
            provincie_id=provincies[p.code],
            opgave=p.opgave,
            amv=p.amv,
            meerjarig_beschikbaar=p.beschikbaar,
            nog_te_realiseren=p.nog_te_realiseren,
        )
        for p in provincie_uitkomsten(verdeling, beschikbaar).values()
    )
    return raming


@pytest.fixture
def cyclus_2026(db):
    return Wetscyclus.objects.get_or_create(jaar=2026)[0]


@pytest.fixture
def raming_2026(gemeenten, cyclus_2026):
    """The published 2026 raming: 88,000 places, computed without SES-WOA."""
    return maak_raming(cyclus=cyclus_2026)


@pytest.fixture
def concept_raming(gemeenten, cyclus_2026):
    versie = Raming.objects.filter(cyclus=cyclus_2026).count() + 1
    return maak_raming(cyclus=cyclus_2026, versie=versie, status=Raming.Status.CONCEPT)
