"""Brute-force protection: 5 failures lock username+IP for 15 minutes."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt

from core.audit.models import Beveiligingsgebeurtenis, Soort

from .conftest import wachtwoord_inloggen

pytestmark = pytest.mark.django_db

BEGIN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_vijf_fouten_blokkeren_vijftien_minuten(client, prt_gelderland):
    with time_machine.travel(BEGIN, tick=False) as reis:
        for _ in range(4):
            response = wachtwoord_inloggen(client, prt_gelderland, "fout-wachtwoord")
            assert response.status_code == 200
        response = wachtwoord_inloggen(client, prt_gelderland, "fout-wachtwoord")
        assert response.status_code == 429
        # even the right password is refused now, with the Dutch page
        response = wachtwoord_inloggen(client, prt_gelderland)
        assert response.status_code == 429
        html = response.content.decode()
        assert "Inloggen tijdelijk geblokkeerd" in html
        assert "15 minuten" in html
        assert "Traceback" not in html

        reis.shift(dt.timedelta(minutes=14))
        assert wachtwoord_inloggen(client, prt_gelderland).status_code == 429
        reis.shift(dt.timedelta(minutes=2))
        response = wachtwoord_inloggen(client, prt_gelderland)
        assert response.status_code == 302
    soorten = set(
        Beveiligingsgebeurtenis.objects.filter(gebruikersnaam=prt_gelderland.username).values_list(
            "soort", flat=True
        )
    )
    assert {Soort.INLOG_MISLUKT, Soort.GEBLOKKEERD, Soort.INLOG} <= soorten


def test_blokkade_per_gebruiker_en_ip(client, prt_gelderland, prt_noord_holland):
    for _ in range(5):
        wachtwoord_inloggen(client, prt_gelderland, "fout-wachtwoord")
    # another user from the same address can still log in
    assert wachtwoord_inloggen(client, prt_noord_holland).status_code == 302
    client.logout()
    # the same user from another address as well
    response = client.post(
        "/account/inloggen/",
        {"username": prt_gelderland.username, "password": "geheim-wachtwoord-123"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302


def test_ministerie_ziet_blokkades_in_beheer(client, ministerie, prt_gelderland, coa):
    for _ in range(5):
        wachtwoord_inloggen(client, prt_gelderland, "fout-wachtwoord")
    assert AccessAttempt.objects.filter(username=prt_gelderland.username).exists()
    client.force_login(ministerie)
    response = client.get("/beheer/axes/accessattempt/")
    assert response.status_code == 200
    assert prt_gelderland.username in response.content.decode()
    response = client.get("/beheer/audit/beveiligingsgebeurtenis/")
    assert response.status_code == 200
    assert "geblokkeerd na te veel pogingen" in response.content.decode()
