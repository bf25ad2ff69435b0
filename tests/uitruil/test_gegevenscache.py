"""The list page, the exports and the API keep their result in the data cache: a second request
reads no exchange table, a change to an exchange shows at once, and one user's kept page is
never shown to a user with another scope."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from uitruil import services

from .helpers import zaanstad_purmerend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _gegevenscache_aan(settings):
    settings.GEGEVENSCACHE = True


def _uitruil_queries(client, url, data=None):
    """The response, and the number of its queries that read exchange tables."""
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url, data or {})
    assert antwoord.status_code == 200
    return antwoord, sum("uitruil_uitruil" in q["sql"] for q in queries.captured_queries)


def _csv_statussen(client):
    tekst = client.get(reverse("uitruil:export_csv")).content.decode("utf-8-sig")
    return {(r["uitruil"], r["status"]) for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}


def test_lijst_en_exports_uit_de_cache_en_bij_een_wijziging_opnieuw(
    client, cyclus, zaanstad, purmerend, ministerie
):
    eerste = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    client.force_login(ministerie)
    url = reverse("uitruil:lijst")
    for pad in (url, reverse("uitruil:export_csv"), reverse("uitruil:export_xlsx")):
        _, gelezen = _uitruil_queries(client, pad, {"status": "voorgesteld"})
        assert gelezen > 0
        # (a table never written since the cache was emptied counts as written once)
        _uitruil_queries(client, pad, {"status": "voorgesteld"})
        _, gelezen = _uitruil_queries(client, pad, {"status": "voorgesteld"})
        assert gelezen == 0, pad  # kept

    # A new proposal shows on the next request.
    tweede = zaanstad_purmerend(cyclus, zaanstad, aantal=20)
    antwoord, gelezen = _uitruil_queries(client, url, {"status": "voorgesteld"})
    assert gelezen > 0
    assert {u.pk for u in antwoord.context["uitruilen"]} == {eerste.pk, tweede.pk}
    assert "2 uitruilafspraken</caption>" in antwoord.content.decode()

    # A step (Purmerend accepts) shows in the export and moves it out of the filtered list.
    assert _csv_statussen(client) == {
        (str(eerste.pk), "Voorgesteld"),
        (str(tweede.pk), "Voorgesteld"),
    }
    services.accepteren(uitruil=eerste, door=purmerend)
    assert (str(eerste.pk), "Door alle partijen geaccepteerd") in _csv_statussen(client)
    antwoord, _ = _uitruil_queries(client, url, {"status": "voorgesteld"})
    assert [u.pk for u in antwoord.context["uitruilen"]] == [tweede.pk]


def test_bewaarde_pagina_alleen_voor_dezelfde_scope(
    client, cyclus, zaanstad, arnhem, haarlem, ministerie
):
    noord_holland = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    url = reverse("uitruil:lijst")
    client.force_login(ministerie)
    assert [u.pk for u in client.get(url).context["uitruilen"]] == [noord_holland.pk]
    for gemeente_gebruiker in (zaanstad, haarlem, arnhem, zaanstad):
        client.force_login(gemeente_gebruiker)
        gezien = [u.pk for u in client.get(url).context["uitruilen"]]
        tekst = client.get(reverse("uitruil:export_csv")).content.decode("utf-8-sig")
        if gemeente_gebruiker is zaanstad:
            assert gezien == [noord_holland.pk] and "Zaanstad" in tekst
        else:  # not a party, and not confirmed: not visible
            assert gezien == [] and "Zaanstad" not in tekst


def test_api_lijst_uit_de_cache_en_bij_een_stap_opnieuw(
    cyclus, zaanstad, purmerend, coa, prt_noord_holland, prt_gelderland
):
    u = zaanstad_purmerend(cyclus, zaanstad, aantal=10)
    api = APIClient()
    api.force_authenticate(coa)
    assert api.get("/api/v1/uitruil/").json()["results"][0]["status"] == "voorgesteld"
    api.get("/api/v1/uitruil/")
    _, gelezen = _uitruil_queries(api, "/api/v1/uitruil/")
    assert gelezen == 0
    _, gelezen = _uitruil_queries(api, f"/api/v1/uitruil/{u.pk}/")
    assert gelezen > 0
    services.accepteren(uitruil=u, door=purmerend)
    assert api.get("/api/v1/uitruil/").json()["results"][0]["status"] == "geaccepteerd"
    detail = api.get(f"/api/v1/uitruil/{u.pk}/").json()
    assert detail["status"] == "geaccepteerd"
    assert [s["soort"] for s in detail["stappen"]] == ["voorgesteld", "geaccepteerd"]
    # Another scope gets its own list, never the kept one of another.
    api.force_authenticate(prt_gelderland)
    assert api.get("/api/v1/uitruil/").json()["results"] == []
    api.force_authenticate(prt_noord_holland)
    assert [r["id"] for r in api.get("/api/v1/uitruil/").json()["results"]] == [u.pk]
