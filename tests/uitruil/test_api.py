"""API: access rule, proposal, actions with allowed and refused transitions, ledger."""

import pytest
from rest_framework.test import APIClient

from uitruil.models import Uitruil

from .helpers import zaanstad_purmerend

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _als(api, user):
    api.force_authenticate(user)
    return api


def test_lijst_en_detail_volgen_toegangsregel(api, cyclus, zaanstad, haarlem, prt_gelderland, coa):
    u = zaanstad_purmerend(cyclus, zaanstad)
    data = _als(api, coa).get("/api/v1/uitruil/").json()
    assert [r["id"] for r in data["results"]] == [u.pk]
    assert data["results"][0]["provincie"] == "noord-holland"
    assert len(data["results"][0]["partijen"]) == 4
    detail = api.get(f"/api/v1/uitruil/{u.pk}/").json()
    assert [s["soort"] for s in detail["stappen"]] == ["voorgesteld"]
    for user in (haarlem, prt_gelderland):
        _als(api, user)
        assert api.get("/api/v1/uitruil/").json()["results"] == []
        antwoord = api.get(f"/api/v1/uitruil/{u.pk}/")
        assert antwoord.status_code == 404
        assert antwoord.json()["type"] == "niet-gevonden"
        assert api.post(f"/api/v1/uitruil/{u.pk}/accepteren/").status_code == 404


def test_lijst_filter_provincie(api, cyclus, zaanstad, coa):
    zaanstad_purmerend(cyclus, zaanstad)
    _als(api, coa)
    assert api.get("/api/v1/uitruil/?provincie=gelderland").json()["results"] == []
    assert len(api.get("/api/v1/uitruil/?taak=oekraine").json()["results"]) == 1


def test_voorstellen_via_api(api, cyclus, zaanstad, purmerend, prt_noord_holland):
    body = {
        "cyclus": 2026,
        "motivatie": "via de API",
        "partijen": [
            {"gemeente": "GM0479", "taak": "asielopvang", "richting": "neemt_op", "aantal": 50},
            {"gemeente": "GM0439", "taak": "asielopvang", "richting": "geeft_af", "aantal": 50},
        ],
    }
    antwoord = _als(api, zaanstad).post("/api/v1/uitruil/", body, format="json")
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["status"] == "voorgesteld"
    te_veel = {**body, "partijen": [{**p, "aantal": 5000} for p in body["partijen"]]}
    antwoord = api.post("/api/v1/uitruil/", te_veel, format="json")
    assert antwoord.status_code == 400
    assert "negatief aantal asielopvangplekken" in antwoord.json()["detail"]
    antwoord = _als(api, prt_noord_holland).post("/api/v1/uitruil/", body, format="json")
    assert antwoord.status_code == 403
    assert Uitruil.objects.count() == 1


def test_acties_via_api(api, cyclus, zaanstad, purmerend, prt_noord_holland, coa):
    u = zaanstad_purmerend(cyclus, zaanstad)
    url = f"/api/v1/uitruil/{u.pk}"
    _als(api, prt_noord_holland)
    antwoord = api.post(f"{url}/bevestigen/")
    assert antwoord.status_code == 400
    assert "alle partijen" in antwoord.json()["detail"]
    _als(api, zaanstad)
    assert api.post(f"{url}/accepteren/").status_code == 400  # own proposal
    _als(api, purmerend)
    assert api.post(f"{url}/afwijzen/", {}, format="json").status_code == 400  # no reason
    antwoord = api.post(f"{url}/accepteren/")
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "geaccepteerd"
    _als(api, coa)
    assert api.post(f"{url}/bevestigen/").status_code == 403
    _als(api, prt_noord_holland)
    antwoord = api.post(f"{url}/bevestigen/", {"reden": "akkoord"}, format="json")
    assert antwoord.json()["status"] == "bevestigd"
    assert antwoord.json()["stappen"][-1]["toelichting"] == "akkoord"
    _als(api, purmerend)
    assert api.post(f"{url}/intrekken/").status_code == 400
    _als(api, prt_noord_holland)
    assert api.post(f"{url}/annuleren/", {"reden": ""}, format="json").status_code == 400
    antwoord = api.post(f"{url}/annuleren/", {"reden": "vervalt"}, format="json")
    assert antwoord.json()["status"] == "geannuleerd"


def test_terugsturen_en_afwijzen_via_api(api, cyclus, zaanstad, purmerend, prt_noord_holland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    _als(api, purmerend).post(f"/api/v1/uitruil/{u.pk}/accepteren/")
    antwoord = _als(api, prt_noord_holland).post(
        f"/api/v1/uitruil/{u.pk}/terugsturen/", {"reden": "periode ontbreekt"}, format="json"
    )
    assert antwoord.json()["status"] == "teruggestuurd"
    u2 = zaanstad_purmerend(cyclus, zaanstad)
    antwoord = _als(api, purmerend).post(
        f"/api/v1/uitruil/{u2.pk}/afwijzen/", {"reden": "geen ruimte"}, format="json"
    )
    assert antwoord.json()["status"] == "afgewezen"


def test_grootboek_api(api, cyclus, zaanstad, purmerend, prt_noord_holland, prt_gelderland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    _als(api, purmerend).post(f"/api/v1/uitruil/{u.pk}/accepteren/")
    _als(api, prt_noord_holland).post(f"/api/v1/uitruil/{u.pk}/bevestigen/")
    data = api.get("/api/v1/uitruil-grootboek/provincies/noord-holland/?cyclus=2026").json()
    assert data["opgave_gehaald"] is True and data["tekort"] == 0
    assert data["bevestigde_uitruil"] == [u.pk]
    zaan = next(g for g in data["gemeenten"] if g["gemeente_naam"] == "Zaanstad")
    asiel = next(t for t in zaan["taken"] if t["taak"] == "asielopvang")
    assert (asiel["start"], asiel["mutatie"], asiel["resultaat"]) == (1000, 300, 1300)
    data = _als(api, zaanstad).get("/api/v1/uitruil-grootboek/gemeenten/GM0479/").json()
    assert next(t for t in data["taken"] if t["taak"] == "oekraine")["resultaat"] == -300
    assert api.get("/api/v1/uitruil-grootboek/gemeenten/GM0439/").status_code == 404
    _als(api, prt_gelderland)
    assert api.get("/api/v1/uitruil-grootboek/provincies/noord-holland/").status_code == 404


def test_api_lijst_query_budget_constant(api, cyclus, zaanstad, coa, django_assert_max_num_queries):
    zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    _als(api, coa)
    with django_assert_max_num_queries(10) as weinig:
        api.get("/api/v1/uitruil/")
    for _ in range(10):
        zaanstad_purmerend(cyclus, zaanstad, aantal=1)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert len(api.get("/api/v1/uitruil/").json()["results"]) == 11


def test_snelle_weergave_gelijk_aan_velden(cyclus, zaanstad, purmerend, prt_noord_holland):
    """The hand-written to_representation gives what DRF's declared fields give."""
    from rest_framework import serializers as drf

    from uitruil import services
    from uitruil.api.serializers import (
        PartijSerializer,
        UitruilDetailSerializer,
        UitruilSerializer,
    )

    open_ = zaanstad_purmerend(cyclus, zaanstad, aantal=3)
    bevestigd = zaanstad_purmerend(cyclus, zaanstad, aantal=7)
    services.accepteren(uitruil=bevestigd, door=purmerend)
    services.bevestigen(uitruil=bevestigd, door=prt_noord_holland)
    for uitruil in Uitruil.objects.filter(pk__in=[open_.pk, bevestigd.pk]):
        for klasse in (UitruilSerializer, UitruilDetailSerializer):
            snel = klasse(uitruil).data
            generiek = drf.ModelSerializer.to_representation(klasse(uitruil), uitruil)
            generiek["partijen"] = [
                drf.ModelSerializer.to_representation(PartijSerializer(p), p)
                for p in uitruil.partijen.all()
            ]
            assert snel == generiek
            assert list(snel) == list(klasse.Meta.fields)
    data = UitruilSerializer(Uitruil.objects.get(pk=bevestigd.pk)).data
    assert data["bevestigd_op"] and any(p["op"] for p in data["partijen"])
