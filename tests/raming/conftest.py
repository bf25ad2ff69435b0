import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from raming import services
from raming.models import Invoerbesluit, SesWoaScore
from tests.factories import ministerie_actor

PEILDATUM = dt.date(2023, 1, 1)


def ses_voor_alle(gemeenten, jaar=2022):
    """A deterministic SES-WOA score per gemeente (−0.300 … +0.300) for the tests, from its CBS
    code (its key depends on the tests that ran before in the same database)."""
    SesWoaScore.objects.bulk_create(
        SesWoaScore(gemeente=g, jaar=jaar, score=Decimal((int(g.code[2:]) * 37) % 601 - 300) / 1000)
        for g in gemeenten
    )


@pytest.fixture
def cyclus(db):
    return services.cyclus_aanmaken(jaar=2026, door=ministerie_actor())


@pytest.fixture
def invoerbesluit(cyclus):
    return services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
        datum=dt.date(2025, 9, 26),
        referentie="MPP 2025-II",
        landelijk_aantal=88_000,
        amv_aantal=7_480,
        door=ministerie_actor(),
    )


@pytest.fixture
def met_ses(gemeenten):
    ses_voor_alle(gemeenten)
    return gemeenten


@pytest.fixture
def concept(cyclus, invoerbesluit, met_ses):
    raming = services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=invoerbesluit,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=2022,
        door=ministerie_actor(),
    )
    return services.raming_berekenen(raming=raming, door=ministerie_actor())


@pytest.fixture
def vastgesteld(concept, ministerie):
    # adopted before the publication date the ``gepubliceerd`` fixture uses (30 January 2026)
    with time_machine.travel(dt.datetime(2026, 1, 29, 10, tzinfo=dt.UTC), tick=False):
        return services.raming_vaststellen(raming=concept, door=ministerie)


@pytest.fixture
def gepubliceerd(vastgesteld):
    return services.raming_publiceren(
        raming=vastgesteld,
        staatscourant_referentie="Stcrt. 2026, 1234",
        gepubliceerd_op=dt.date(2026, 1, 30),
        door=ministerie_actor(),
    )
