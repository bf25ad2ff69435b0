"""The raming's input forms refuse implausible numbers and dumps of text with a Dutch message,
and come back with what was typed; nothing is stored."""

import pytest
from django.urls import reverse

from raming.models import Invoerbesluit

pytestmark = pytest.mark.django_db


def _invoerbesluit(client, **velden):
    data = {
        "ib-soort": "mpp_capaciteitsbesluit",
        "ib-datum": "2025-09-26",
        "ib-landelijk_aantal": "88000",
        "ib-amv_aantal": "7480",
        **{f"ib-{k}": v for k, v in velden.items()},
    }
    return client.post(reverse("raming:invoerbesluit_toevoegen", kwargs={"jaar": 2026}), data)


def test_landelijk_aantal_boven_een_miljoen_geweigerd(client, ministerie, cyclus):
    client.force_login(ministerie)
    antwoord = _invoerbesluit(client, landelijk_aantal="2000000000", amv_aantal="-5")
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Vul een getal in van ten hoogste 1.000.000." in tekst
    assert "Vul een getal in van ten minste 0." in tekst
    assert 'value="2000000000"' in tekst and 'value="-5"' in tekst
    assert not Invoerbesluit.objects.filter(cyclus=cyclus).exists()


def test_toelichting_ten_hoogste_5000_tekens(client, ministerie, cyclus):
    client.force_login(ministerie)
    toelichting = "Aanname amv-aandeel 8,5 %. " + "x" * 5_000
    antwoord = _invoerbesluit(client, toelichting=toelichting)
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert f"Gebruik ten hoogste 5.000 tekens (nu {len(toelichting)})." in tekst
    assert toelichting in tekst
    assert not Invoerbesluit.objects.filter(cyclus=cyclus).exists()


def test_binnen_de_grenzen_vastgelegd(client, ministerie, cyclus):
    client.force_login(ministerie)
    antwoord = _invoerbesluit(client, landelijk_aantal="1000000", toelichting="x" * 5_000)
    assert antwoord.status_code == 302
    assert Invoerbesluit.objects.get(cyclus=cyclus).landelijk_aantal == 1_000_000
