"""The benchmark's baseline view: the site's full middleware stack, no database access."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from bench.load import cache_legen
from bench.meting import Endpoint
from bench.rapport import koud
from core.fragmenten import invalidaties, tabellen_van


@pytest.mark.urls("bench.baseline_urls")
@pytest.mark.django_db
def test_baseline_zonder_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/__bench/baseline/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    # the same middleware as every page: security headers are there
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


@pytest.mark.urls("bench.baseline_urls")
@pytest.mark.django_db
def test_baseline_urls_bevatten_de_site(client):
    assert reverse("login") == "/account/inloggen/"
    assert client.get("/account/inloggen/").status_code == 200


@pytest.mark.django_db
def test_cache_legen_zoals_een_schrijfactie():
    """The bench empties the cache before each empty-cache sample as a write does: the cached
    values are gone and every table has a new stamp, so no fragment key of before matches
    (also inside a transaction, where cachalot keeps a layer of its own)."""
    tabellen = tabellen_van(["locaties", "raming"])
    cache.set("bench-test", 1)
    voor = invalidaties(tabellen)
    cache_legen()
    assert cache.get("bench-test") is None
    assert invalidaties(tabellen) != voor


def test_lege_cache_cel_toont_mediaan_en_spreiding():
    ep = Endpoint("start", "ministerie", "/", koud_ms=55.4, koud_min_ms=48.2, koud_max_ms=238.0)
    assert koud(ep) == "55 (48–238)"
