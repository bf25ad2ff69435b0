"""API responses from the data cache (core/api/cache.py), token authentication through it
(core/api/authentication.py) and the per-window throttle (core/api/throttling.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.services import token_aanmaken, token_intrekken
from raming.models import Gemeente

pytestmark = pytest.mark.django_db


def _client(gebruiker) -> APIClient:
    client = APIClient()
    token = token_aanmaken(gebruiker=gebruiker)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _warm(client, url, keer=3):
    for _ in range(keer):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, antwoord.content
    return antwoord


def _namen(data):
    return {r["naam"] for r in data["results"]}


def test_lijst_uit_de_cache_zonder_queries_en_na_schrijven_actueel(gemeenten, ministerie):
    client = _client(ministerie)
    url = "/api/v1/gemeenten/?provincie=PV27&page_size=500"
    eerst = _warm(client, url).json()
    with CaptureQueriesContext(connection) as queries:
        opnieuw = client.get(url)
    assert opnieuw.json() == eerst
    assert opnieuw["Content-Type"] == "application/json"
    assert [q["sql"] for q in queries] == [], "token en lijst komen uit de cache"
    assert "Zaanstad" in _namen(eerst)

    Gemeente.objects.filter(naam="Zaanstad").update(naam="Zaanstad (nieuw)")
    namen = _namen(client.get(url).json())
    assert "Zaanstad (nieuw)" in namen and "Zaanstad" not in namen


def test_antwoord_hangt_af_van_de_gebruiker(prt_gelderland, prt_noord_holland, ministerie):
    url = "/api/v1/regietafels/"
    gelderland = _warm(_client(prt_gelderland), url).json()
    noord_holland = _warm(_client(prt_noord_holland), url).json()
    alle = _warm(_client(ministerie), url).json()

    def provincies(data):
        rijen = data["results"] if isinstance(data, dict) else data
        return {r["provincie"] if "provincie" in r else r["naam"] for r in rijen}

    assert len(provincies(alle)) == 12
    assert provincies(gelderland) != provincies(noord_holland)
    assert len(provincies(gelderland)) == 1


def test_fout_wordt_niet_bewaard(ministerie, gemeenten):
    client = _client(ministerie)
    _warm(client, "/api/v1/provincies/")
    url = f"/api/v1/gemeenten/{Gemeente.objects.order_by('-pk').first().pk + 1000}/"
    assert client.get(url).status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 404
    assert any("raming_gemeente" in q["sql"] for q in queries), "een 404 wordt opnieuw bepaald"


def test_ingetrokken_token_werkt_direct_niet_meer(ministerie):
    client = _client(ministerie)
    _warm(client, "/api/v1/provincies/")
    token_intrekken(gebruiker=ministerie)
    antwoord = client.get("/api/v1/provincies/")
    assert antwoord.status_code == 401
    assert antwoord.json()["status"] == 401


def test_gedeactiveerde_gebruiker_direct_geweigerd(ministerie):
    client = _client(ministerie)
    _warm(client, "/api/v1/provincies/")
    ministerie.is_active = False
    ministerie.save(update_fields=["is_active"])
    assert client.get("/api/v1/provincies/").status_code == 401


def test_onbekend_token_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    for _ in range(2):
        assert client.get("/api/v1/provincies/").status_code == 401


def test_browsable_api_niet_uit_de_cache(ministerie):
    client = _client(ministerie)
    _warm(client, "/api/v1/provincies/")
    html = client.get("/api/v1/provincies/", HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    assert html["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "cache_url", ["locmemcache://throttle", "redis://127.0.0.1:6379/12"], ids=["locmem", "redis"]
)
def test_throttle_per_venster(settings, monkeypatch, ministerie, cache_url):
    """One counter per minute window, on local memory and on Redis (one round trip)."""
    import environ
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    config = environ.Env.cache_url_config(cache_url)
    if config["BACKEND"].endswith("redis.RedisCache"):
        config["BACKEND"] = "core.redis_cache.RedisCache"
    settings.CACHES = {"default": config}
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"}
    )
    cache.clear()
    try:
        client = _client(ministerie)
        statussen = [client.get("/api/v1/provincies/").status_code for _ in range(4)]
        assert statussen == [200, 200, 200, 429]
        antwoord = client.get("/api/v1/provincies/")
        assert antwoord.status_code == 429
        assert antwoord.json()["detail"].startswith("Te veel verzoeken")
        assert 0 < int(antwoord["Retry-After"]) <= 60
    finally:
        cache.clear()
