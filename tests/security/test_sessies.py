"""Sessions: 30 minutes idle, 10 hours absolute; cookie flags."""

import datetime as dt
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings

from core.audit.models import Beveiligingsgebeurtenis, Soort

from .conftest import wachtwoord_inloggen

pytestmark = pytest.mark.django_db

BEGIN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_na_30_minuten_niets_doen_uitgelogd(client, prt_gelderland):
    with time_machine.travel(BEGIN, tick=False) as reis:
        wachtwoord_inloggen(client, prt_gelderland)
        assert client.get("/").status_code == 200
        reis.shift(dt.timedelta(minutes=29))
        assert client.get("/").status_code == 200
        reis.shift(dt.timedelta(minutes=29))
        # active 29 minutes ago: still in
        assert client.get("/").status_code == 200
        reis.shift(dt.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302
        assert response.url.startswith("/account/inloggen/")
        login = client.get(response.url)
        assert "30 minuten niets heeft gedaan" in login.content.decode()
    assert Beveiligingsgebeurtenis.objects.filter(
        soort=Soort.SESSIE_VERLOPEN, gebruikersnaam=prt_gelderland.username
    ).exists()


def test_na_10_uur_uitgelogd_ook_als_actief(client, prt_gelderland):
    with time_machine.travel(BEGIN, tick=False) as reis:
        wachtwoord_inloggen(client, prt_gelderland)
        for _ in range(40):  # every 15 minutes a request: 10 hours of work
            reis.shift(dt.timedelta(minutes=15))
            assert client.get("/").status_code == 200
        reis.shift(dt.timedelta(minutes=15))
        response = client.get("/")
        assert response.status_code == 302
        assert "10 uur" in client.get(response.url).content.decode()


def test_api_met_verlopen_sessie_geweigerd(client, prt_gelderland):
    with time_machine.travel(BEGIN, tick=False) as reis:
        wachtwoord_inloggen(client, prt_gelderland)
        assert client.get("/api/v1/mij/").status_code == 200
        reis.shift(dt.timedelta(minutes=31))
        assert client.get("/api/v1/mij/").status_code in (401, 403)


def test_cookies_httponly_samesite(client, prt_gelderland):
    response = wachtwoord_inloggen(client, prt_gelderland)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE == 10 * 3600
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60


def test_productie_instellingen_host_cookies_en_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.SECURE_HSTS_SECONDS, s.DEMO_MODE)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "regietafel.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1/x"),
    }
    uit = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout.split()
    assert uit == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "Lax",
        "63072000",
        "False",
    ]
