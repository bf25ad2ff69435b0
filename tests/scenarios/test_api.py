"""Scenario API: access rule, ministry writes, PRT reads the frozen shared figures, compare."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from raming.scenarios.models import GEEN_BESLUIT, Scenario
from raming.scenarios.services import Aanpassing, scenario_aanmaken, scenario_delen

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def twee(raming_2026, ministerie):
    return [
        scenario_aanmaken(basis=raming_2026, naam="Basis", beschrijving="x", auteur=ministerie),
        scenario_aanmaken(
            basis=raming_2026,
            naam="Uitstroom",
            beschrijving="extra uitstroom",
            auteur=ministerie,
            aanpassingen=[Aanpassing("extra uitstroom statushouders", -12000)],
        ),
    ]


def test_ministerie_maakt_en_wijzigt_via_de_api(api, ministerie, raming_2026):
    api.force_authenticate(ministerie)
    antwoord = api.post(
        "/api/v1/scenarios/",
        {
            "basis": raming_2026.pk,
            "naam": "API",
            "beschrijving": "Nareis strenger",
            "aanpassingen": [{"label": "nareisvoorwaarden", "delta": -3000}],
            "beschikbaar_wijzigingen": [{"provincie": "PV25", "delta": -500}],
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    assert data["resultaat_landelijk"] == 85000
    assert data["markering"] == GEEN_BESLUIT
    pk = data["id"]
    antwoord = api.patch(
        f"/api/v1/scenarios/{pk}/",
        {"aanpassingen": [{"label": "nareisvoorwaarden", "delta": -5000}]},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["resultaat_landelijk"] == 83000
    detail = api.get(f"/api/v1/scenarios/{pk}/").json()
    assert len(detail["gemeenten"]) == 342
    gld = next(p for p in detail["provincies"] if p["code"] == "PV25")
    assert gld["beschikbaar"] == 4900
    assert detail["beschikbaar_wijzigingen"][0]["delta"] == -500


def test_api_weigert_negatief_met_foutvorm(api, ministerie, raming_2026):
    api.force_authenticate(ministerie)
    antwoord = api.post(
        "/api/v1/scenarios/",
        {
            "basis": raming_2026.pk,
            "naam": "Te veel",
            "beschrijving": "x",
            "aanpassingen": [{"label": "uitstroom", "delta": -100000}],
        },
        format="json",
    )
    assert antwoord.status_code == 400
    body = antwoord.json()
    assert body["status"] == 400
    assert "negatief" in body["velden"]["aanpassingen"][0]
    antwoord = api.post(
        "/api/v1/scenarios/",
        {
            "basis": raming_2026.pk,
            "naam": "Dicht",
            "beschrijving": "x",
            "beschikbaar_wijzigingen": [{"provincie": "PV29", "delta": -99999}],
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert "Zeeland" in antwoord.json()["velden"]["beschikbaar"][0]
    assert not Scenario.objects.exists()


def test_prt_leest_alleen_gedeelde_en_bevroren(
    api, ministerie, twee, prt_gelderland, prt_noord_holland, gemeente_arnhem
):
    scenario_delen(scenario=twee[1], secretarissen=[prt_gelderland], door=ministerie)
    api.force_authenticate(ministerie)
    api.patch(
        f"/api/v1/scenarios/{twee[1].pk}/",
        {"aanpassingen": [{"label": "meer uitstroom", "delta": -20000}]},
        format="json",
    )
    api.force_authenticate(prt_gelderland)
    lijst = api.get("/api/v1/scenarios/").json()
    assert [s["id"] for s in lijst["results"]] == [twee[1].pk]
    detail = api.get(f"/api/v1/scenarios/{twee[1].pk}/").json()
    assert detail["resultaat_landelijk"] == 76000
    assert detail["aanpassingen"] == [{"label": "extra uitstroom statushouders", "delta": -12000}]
    assert detail["markering"] == GEEN_BESLUIT
    assert sum(g["aantal"] for g in detail["gemeenten"]) == sum(
        p["aantal"] for p in detail["provincies"]
    )
    assert api.get(f"/api/v1/scenarios/{twee[0].pk}/").status_code == 404
    assert api.post(f"/api/v1/scenarios/{twee[1].pk}/promoveren/").status_code == 403
    assert (
        api.patch(f"/api/v1/scenarios/{twee[1].pk}/", {"naam": "x"}, format="json").status_code
        == 403
    )
    vergelijk = api.get(f"/api/v1/scenarios/vergelijken/?s={twee[1].pk}")
    assert vergelijk.status_code == 200
    assert vergelijk.json()["scenarios"][0]["landelijk"]["verschil"] == -12000
    for ander in (prt_noord_holland, gemeente_arnhem):
        api.force_authenticate(ander)
        assert api.get("/api/v1/scenarios/").json()["results"] == []
        assert api.get(f"/api/v1/scenarios/{twee[1].pk}/").status_code == 404
        assert api.get(f"/api/v1/scenarios/vergelijken/?s={twee[1].pk}").status_code == 404


def test_vergelijken_en_promoveren_via_de_api(api, ministerie, twee, prt_gelderland):
    api.force_authenticate(ministerie)
    antwoord = api.get(f"/api/v1/scenarios/vergelijken/?s={twee[0].pk}&s={twee[1].pk}")
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert [k["landelijk"]["verschil"] for k in data["scenarios"]] == [0, -12000]
    assert len(data["gemeenten"]) == 342
    assert sum(1 for g in data["gemeenten"] if g["grote_verschuiving"]) == 10
    antwoord = api.post(
        f"/api/v1/scenarios/{twee[1].pk}/delen/",
        {"secretarissen": [prt_gelderland.pk]},
        format="json",
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["gedeeld"] is True
    antwoord = api.post(f"/api/v1/scenarios/{twee[1].pk}/promoveren/")
    assert antwoord.status_code == 201
    assert antwoord.json()["versie"] == 2
    assert "extra uitstroom" in antwoord.json()["wijzigingsreden"]


def test_anoniem_geen_toegang(api, twee):
    assert api.get("/api/v1/scenarios/").status_code == 401
