"""Schemathesis over every operation of the committed schema (docs/openapi.yaml), in-process
against the WSGI app: as the ministry (ST_VOORBEELDEN examples per operation) and as a PRT
secretary, a gemeente and COA (a quarter of that each, at least 1). Checks: no server error,
every response conforms to the schema, no status code the schema does not document.

Inside `make test` it runs 10 examples per operation (2 took 22 minutes on a loaded 2-core
machine: creating a scenario computes a whole raming); the full round of 100 per operation as
the ministry and 25 per other role:
ST_VOORBEELDEN=100 pytest tests/robuustheid/test_schemathesis_wsgi.py"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hsettings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from accounts import services as account_services
from config.wsgi import application

VOORBEELDEN = int(os.environ.get("ST_VOORBEELDEN", "10"))
SCHEMA = schemathesis.openapi.from_path(Path(settings.BASE_DIR) / "docs" / "openapi.yaml")
SCHEMA.app = application
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def wereld(gemeenten, prt_gelderland):
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming

    raming = _maak_raming(2026)
    regietafel = Regietafel.objects.get(provincie__code="PV25")
    verslag_aanmaken(regietafel=regietafel, cyclus=raming.cyclus, door=prt_gelderland)
    return raming


def _token(gebruiker) -> dict:
    return {"Authorization": f"Token {account_services.token_aanmaken(gebruiker=gebruiker).key}"}


def _draai(case, kop):
    antwoord = case.call(headers=kop)
    case.validate_response(antwoord, checks=CHECKS, headers=kop)


def _instellingen(n):
    return hsettings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@SCHEMA.parametrize()
@_instellingen(VOORBEELDEN)
def test_als_ministerie(case, wereld, ministerie, _throttle_ruim):
    _draai(case, _token(ministerie))


@SCHEMA.parametrize()
@_instellingen(max(1, VOORBEELDEN // 4))
def test_als_prt_gemeente_en_coa(
    case, wereld, prt_gelderland, gemeente_arnhem, coa, _throttle_ruim
):
    for gebruiker in (prt_gelderland, gemeente_arnhem, coa):
        _draai(case, _token(gebruiker))


@pytest.fixture(autouse=True)
def _verbinding_open():
    """As Django's test client does: the request's end must not close the test's database
    connection (it holds the test transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def _throttle_ruim(monkeypatch):
    """The per-user rate (1,200 a minute) is not what this test is about: 429 is documented,
    but a run of thousands of requests would otherwise see little else."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)
