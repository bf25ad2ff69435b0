"""Security headers on a page, an API response and an error page; API throttling."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


def _controleer_headers(response, *, hsts=True):
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    if hsts:
        assert response["Strict-Transport-Security"].startswith("max-age=63072000")


@pytest.fixture
def hsts():
    with override_settings(
        SECURE_HSTS_SECONDS=63072000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
    ):
        yield


def test_headers_op_pagina(client, prt_gelderland, hsts):
    client.force_login(prt_gelderland)
    response = client.get("/", secure=True)
    assert response.status_code == 200
    _controleer_headers(response)


def test_csp_heeft_nonce_per_verzoek(client, prt_gelderland):
    client.force_login(prt_gelderland)
    eerste = client.get("/account/profiel/")
    tweede = client.get("/account/profiel/")
    # a nonce is sent when a template uses request.csp_nonce; the policy never allows inline
    for response in (eerste, tweede):
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "<script>" not in response.content.decode()


def test_headers_op_api(client, prt_gelderland, hsts):
    client.force_login(prt_gelderland)
    response = client.get("/api/v1/mij/", secure=True)
    assert response.status_code == 200
    _controleer_headers(response)


def test_headers_op_foutpagina(client, prt_gelderland, hsts):
    client.force_login(prt_gelderland)
    response = client.get("/bestaat-niet/", secure=True)
    assert response.status_code == 404
    _controleer_headers(response)
    assert "Traceback" not in response.content.decode()
    client.logout()
    anoniem = client.get("/api/v1/mij/", secure=True)
    assert anoniem.status_code in (401, 403)


@pytest.fixture
def lage_limiet(monkeypatch):
    # DRF reads the rates into the class at import time, so override_settings alone is not enough
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    cache.clear()
    yield
    cache.clear()


def test_api_throttling_gebruiker_429_in_het_nederlands(client, prt_gelderland, lage_limiet):
    client.force_login(prt_gelderland)
    for _ in range(3):
        assert client.get("/api/v1/mij/").status_code == 200
    response = client.get("/api/v1/mij/")
    assert response.status_code == 429
    body = response.json()
    assert body["type"] == "te-veel-verzoeken"
    assert body["titel"] == "Te veel verzoeken"
    assert body["detail"].startswith("Te veel verzoeken. Probeer het over ")
    assert int(response["Retry-After"]) > 0


def test_api_throttling_anoniem_per_ip(client, lage_limiet):
    # DRF checks permissions before throttles, so the public API documentation is used here
    for _ in range(2):
        assert client.get("/api/v1/docs/").status_code == 200
    response = client.get("/api/v1/docs/")
    assert response.status_code == 429
    # another address has its own budget
    assert client.get("/api/v1/docs/", REMOTE_ADDR="10.1.2.3").status_code == 200
