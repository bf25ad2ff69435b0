"""Every API error in one Dutch shape: unknown URLs, malformed path parameters, wrong methods
and media types, bodies over the limit, malformed or too deeply nested JSON."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(ministerie):
    client = APIClient()
    client.force_authenticate(ministerie)
    return client


def _vorm(antwoord, status):
    assert antwoord.status_code == status, antwoord.content[:300]
    assert antwoord["Content-Type"].startswith("application/json"), antwoord["Content-Type"]
    body = antwoord.json()
    assert body["status"] == status
    assert set(body) >= {"type", "titel", "status", "detail"}
    for woord in ("not found", "JSON parse error", "No data provided", "Method ", "Unsupported"):
        assert woord not in body["detail"], body
    return body


@pytest.mark.parametrize(
    "actie", ["accepteren", "afwijzen", "annuleren", "bevestigen", "intrekken", "terugsturen"]
)
@pytest.mark.parametrize("sleutel", ["abc", "99999999999999999999", "-1", "1.5"])
def test_uitruilactie_met_onzin_id(api, actie, sleutel):
    _vorm(api.post(f"/api/v1/uitruil/{sleutel}/{actie}/"), 404)


@pytest.mark.parametrize(
    "pad",
    ["/api/v1/bestaat-niet/", "/api/v1/scenarios/abc/", "/api/v1/ramingen/9999999999999/", "/api/"],
)
def test_onbekend_adres(api, pad):
    _vorm(api.get(pad), 404)


def test_onbekend_adres_zonder_login():
    antwoord = APIClient().get("/api/v1/bestaat-niet/")
    assert antwoord["Content-Type"].startswith("application/json")
    assert antwoord.status_code in (401, 404)


def test_methode_niet_toegestaan(api):
    _vorm(api.delete("/api/v1/provincies/"), 405)


def test_mediatype(api):
    _vorm(api.generic("POST", "/api/v1/scenarios/", b"<x/>", content_type="application/xml"), 415)


def test_ongeldige_json(api):
    _vorm(api.generic("POST", "/api/v1/scenarios/", b"{", content_type="application/json"), 400)


def test_diep_genest(api):
    body = "[" * 50_000 + "]" * 50_000
    _vorm(api.generic("POST", "/api/v1/uitruil/", body, content_type="application/json"), 400)


def test_te_groot(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"motivatie": "' + "x" * 5000 + '"}'
    _vorm(api.generic("POST", "/api/v1/uitruil/", body, content_type="application/json"), 413)


def test_nul_in_een_sleutel_die_als_tekst_wordt_opgezocht(api):
    """A gemeente given by its code is looked up by that text: a NUL in it is refused with a
    message (PostgreSQL answers a query with NUL with an error, once a 500)."""
    antwoord = api.post(
        "/api/v1/opvanglocaties/",
        {"gemeente": "GM\x000202", "naam": "x", "soort": "doorstroom", "fase_sinds": "2025-01-01"},
        format="json",
    )
    body = _vorm(antwoord, 400)
    assert "besturingstekens" in " ".join(body["velden"]["gemeente"])
