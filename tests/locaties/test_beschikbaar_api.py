"""API: the dry run and the act, with the pages' access rule and the Dutch error shape."""

import pytest
from rest_framework.test import APIClient

from locaties.models import Beschikbaarheidsberekening, Opvanglocatie
from raming.models import Wetscyclus

from . import beschikbaar_register

pytestmark = pytest.mark.django_db
register = beschikbaar_register.register  # the fixture

INVOER = {
    "cyclus": 2026,
    "peildatum": "2026-02-01",
    "horizon": "2028-12-31",
    "marge": "20.00",
    "provincies": ["PV25", "PV27"],
}


@pytest.fixture
def api():
    return APIClient()


def test_proefberekening_en_vastleggen(api, register, ministerie):
    Wetscyclus.objects.create(jaar=2026)
    api.force_authenticate(ministerie)
    proef = api.post("/api/v1/meerjarig-beschikbaar/voorbeeld/", INVOER, format="json")
    assert proef.status_code == 200, proef.json()
    data = proef.json()
    assert data["totaal"] == 716 + 250
    assert {p["provincie"]: p["nieuw"] for p in data["provincies"]} == {"PV25": 716, "PV27": 250}
    assert not Beschikbaarheidsberekening.objects.exists()

    # the register changes after the dry run: recording with its fingerprint is refused
    Opvanglocatie.objects.filter(pk=register["zaanstad"].pk).update(capaciteit_regulier=300)
    geweigerd = api.post(
        "/api/v1/meerjarig-beschikbaar/",
        {**INVOER, "vingerafdruk": data["vingerafdruk"]},
        format="json",
    )
    assert geweigerd.status_code == 409
    assert geweigerd.json()["type"] == "conflict"
    assert not Beschikbaarheidsberekening.objects.exists()

    nieuw = api.post("/api/v1/meerjarig-beschikbaar/", INVOER, format="json")
    assert nieuw.status_code == 201, nieuw.json()
    assert nieuw.json()["totaal"] == 716 + 300
    pk = nieuw.json()["id"]
    regels = api.get(f"/api/v1/meerjarig-beschikbaar/{pk}/locaties/").json()
    assert regels["count"] == 6
    redenen = {r["naam"]: r["reden"] for r in regels["results"]}
    assert redenen["Noodopvang Arnhem"] == "eindigt_voor_horizon"


def test_ongeldige_invoer_in_de_foutvorm(api, ministerie, gemeenten):
    Wetscyclus.objects.create(jaar=2026)
    api.force_authenticate(ministerie)
    antwoord = api.post(
        "/api/v1/meerjarig-beschikbaar/voorbeeld/",
        {**INVOER, "marge": "150", "provincies": []},
        format="json",
    )
    assert antwoord.status_code == 400
    assert set(antwoord.json()["velden"]) >= {"marge", "provincies"}
    antwoord = api.post(
        "/api/v1/meerjarig-beschikbaar/voorbeeld/",
        {**INVOER, "horizon": "2025-12-31"},
        format="json",
    )
    assert antwoord.status_code == 400
    assert "horizon" in antwoord.json()["velden"]


def test_alleen_het_ministerie_berekent_en_prt_ziet_eigen_provincie(
    api, register, ministerie, coa, prt_gelderland
):
    Wetscyclus.objects.create(jaar=2026)
    api.force_authenticate(ministerie)
    pk = api.post("/api/v1/meerjarig-beschikbaar/", INVOER, format="json").json()["id"]
    for gebruiker in (coa, prt_gelderland):
        api.force_authenticate(gebruiker)
        assert api.post("/api/v1/meerjarig-beschikbaar/", INVOER, format="json").status_code == 403
        assert (
            api.post("/api/v1/meerjarig-beschikbaar/voorbeeld/", INVOER, format="json").status_code
            == 403
        )
    api.force_authenticate(prt_gelderland)
    detail = api.get(f"/api/v1/meerjarig-beschikbaar/{pk}/").json()
    assert [p["provincie"] for p in detail["per_provincie"]] == ["PV25"]
    regels = api.get(f"/api/v1/meerjarig-beschikbaar/{pk}/locaties/").json()
    assert "Azc Zaanstad" not in {r["naam"] for r in regels["results"]}
    assert regels["count"] == 5
