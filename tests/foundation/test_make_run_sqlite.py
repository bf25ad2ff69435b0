"""`make run` works on its embedded SQLite database: migrate, import the gemeenten, load the
demo, send today's reminders, and every main page and API read answers without a server error
for each kind of demo user. The rest of the suite runs on PostgreSQL, so this is the guard
against SQL that only PostgreSQL understands."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import GEMEENTEN_CSV, SHARED_DATA

pytestmark = pytest.mark.slow

PAGINAS = [
    "/",
    "/termijnen/",
    "/termijnen/alle/",
    "/regietafels/",
    "/regietafels/noord-holland/",
    "/regietafels/noord-holland/verslag/",
    "/regietafels/verdeelbesluit/",
    "/regietafels/realisatie/",
    "/regietafels/gemeente/",
    "/uitruil/",
    "/uitruil/export.csv",
    "/uitruil/export.xlsx",
    "/inzicht/",
    "/scenarios/",
    "/raming/openbaar/",
    "/api/v1/termijnen/",
    "/api/v1/verslagtermijnen/",
    "/api/v1/uitruil/",
    "/api/v1/verslagen/",
    "/api/v1/ramingen/",
]

CONTROLE = """
import django, sys
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from accounts.models import Gebruiker
setup_test_environment()
for naam in ("ministerie", "coa", "prt-noord-holland", "gemeente-zaanstad"):
    client = Client(raise_request_exception=False)
    client.force_login(Gebruiker.objects.get(username=naam))
    for pad in sys.argv[1:]:
        print(naam, pad, client.get(pad).status_code)
"""


def _manage(omgeving, *args, code=None, timeout=300):
    opdracht = [sys.executable, "-c", code, *args] if code else [sys.executable, "manage.py", *args]
    resultaat = subprocess.run(
        opdracht,
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert resultaat.returncode == 0, resultaat.stdout[-3000:] + resultaat.stderr[-3000:]
    return resultaat.stdout


def test_demo_op_sqlite(tmp_path):
    omgeving = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "REFERENCE_DATA_DIR": str(SHARED_DATA),
        "PROVINCE_MAP_FILE": str(SHARED_DATA / "cbs_provincies_2025_wgs84.topojson"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),
    }
    # what `make run` runs before it serves, in one process
    # (the four steps that each had 300 s, in one process)
    eerste = _manage(omgeving, "demo_starten", "--gemeenten", str(GEMEENTEN_CSV), timeout=1200)
    assert "342 gemeenten gelezen: 342 nieuw" in eerste
    verstuurd = eerste.split("Herinneringen van vandaag")[1]
    assert verstuurd.strip()
    # the second start reads the gemeenten file no more and the demo adds nothing
    tweede = _manage(omgeving, "demo_starten", "--gemeenten", str(GEMEENTEN_CSV))
    assert "niets opnieuw ingelezen" in tweede
    assert "Klaar om te serveren" in tweede

    uitkomst = _manage(omgeving, *PAGINAS, code=CONTROLE).split("\n")
    regels = [r.split() for r in uitkomst if r.count(" ") == 2]
    assert len(regels) == 4 * len(PAGINAS)
    fouten = [r for r in regels if int(r[2]) >= 500]
    assert fouten == [], f"serverfouten onder SQLite: {fouten}"
    assert all(r[2] == "200" for r in regels if r[1] == "/"), regels
    # every page answers 200 for ministry staff
    assert [r for r in regels if r[0] == "ministerie" and r[2] != "200"] == [
        ["ministerie", "/regietafels/gemeente/", "403"]
    ]
