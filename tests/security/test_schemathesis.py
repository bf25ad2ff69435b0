"""Schemathesis on every API endpoint, as ministry and as a PRT secretary: no 5xx, and every
response conforms to the OpenAPI schema (generated here from the code, as `make schema` does)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts import services

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "schemathesis.sh"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def schema(tmp_path):
    pad = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(pad), "--validate")
    return pad


@pytest.fixture
def wereld(gemeenten, prt_gelderland):
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming

    raming = _maak_raming(2026)
    regietafel = Regietafel.objects.get(provincie__code="PV25")
    verslag_aanmaken(regietafel=regietafel, cyclus=raming.cyclus, door=prt_gelderland)
    return raming


@pytest.mark.parametrize("rol", ["ministerie", "prt_gelderland"])
def test_schemathesis_geen_5xx_en_schema_conform(rol, request, schema, wereld, live_server):
    gebruiker = request.getfixturevalue(rol)
    token = services.token_aanmaken(gebruiker=gebruiker).key
    uitkomst = subprocess.run(
        ["bash", str(SCRIPT), str(schema), live_server.url, token],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=settings.BASE_DIR,
        env={**os.environ, "NO_COLOR": "1"},
    )
    uitvoer = uitkomst.stdout
    if "= FAILURES =" in uitvoer:
        # the failures themselves, without schemathesis' advice on missing test data
        uitvoer = uitvoer.split("= FAILURES =", 1)[1].split("= WARNINGS =", 1)[0]
    assert uitkomst.returncode == 0, uitvoer[-12000:] + uitkomst.stderr[-2000:]
