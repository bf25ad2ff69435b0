"""The benchmark's baseline view: the site's full middleware stack, no database access."""

import pytest
from django.urls import reverse


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
