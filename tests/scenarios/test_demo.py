"""The demo loader: three scenarios on the published 2026 raming, idempotent, guarded."""

import io

import pytest

from accounts.models import Rol
from raming.scenarios import demo
from raming.scenarios.models import Scenario
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def test_demo_zonder_gepubliceerde_raming_slaat_over(db):
    uit = io.StringIO()
    demo.laad(stdout=uit)
    assert "overgeslagen" in uit.getvalue()
    assert not Scenario.objects.exists()


def test_demo_maakt_drie_scenarios_en_is_idempotent(raming_2026, provincie_gelderland):
    GebruikerFactory(username="ministerie", rol=Rol.MINISTERIE)
    prt = GebruikerFactory(
        username="prt-gelderland", rol=Rol.PRT_SECRETARIS, provincie=provincie_gelderland
    )
    demo.laad(stdout=io.StringIO())
    namen = dict(Scenario.objects.values_list("naam", "resultaat_landelijk"))
    assert namen == {
        "Basis MPP (88.000)": 88000,
        "Extra uitstroom (−12.000)": 76000,
        "Uitstroom + nareis (−15.000)": 73000,
    }
    assert list(Scenario.objects.zichtbaar_voor(prt).values_list("naam", flat=True)) == [
        "Extra uitstroom (−12.000)"
    ]
    voor = list(Scenario.objects.values_list("pk", "berekend_op", "gedeeld_op").order_by("pk"))
    demo.laad(stdout=io.StringIO())
    assert (
        list(Scenario.objects.values_list("pk", "berekend_op", "gedeeld_op").order_by("pk")) == voor
    )
