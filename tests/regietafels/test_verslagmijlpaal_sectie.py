"""The verslag milestone on the ministry's home card: the date in force after a cycle-wide
extension, with the original date (one query reads both)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from regietafels.models import Regietafel, Termijnverlenging

NU = dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)
TEKST = "(verlengd voor alle regietafels; oorspronkelijk 1 november 2026)"

pytestmark = pytest.mark.django_db


def _verlenging(cyclus, ministerie, datum, **velden):
    return Termijnverlenging.objects.create(
        cyclus=cyclus, nieuwe_datum=datum, reden="test", besloten_door=ministerie, **velden
    )


@time_machine.travel(NU)
def test_zonder_verlenging_voor_allen_alleen_de_mijlpaal(client, cyclus, ministerie):
    utrecht = Regietafel.objects.get(provincie__code="PV26")
    _verlenging(cyclus, ministerie, dt.date(2026, 12, 1), regietafel=utrecht)
    client.force_login(ministerie)
    assert TEKST not in client.get("/").content.decode()


@time_machine.travel(NU)
def test_geldende_verlenging_voor_allen_met_de_oorspronkelijke_datum(client, cyclus, ministerie):
    _verlenging(cyclus, ministerie, dt.date(2026, 11, 15))
    _verlenging(
        cyclus,
        ministerie,
        dt.date(2026, 11, 30),
        ingetrokken_op=timezone.now(),
        intrekkingsreden="vergissing",
    )
    client.force_login(ministerie)
    html = client.get("/").content.decode()
    assert "15 november 2026 " + TEKST in html
    assert "30 november 2026" not in html
