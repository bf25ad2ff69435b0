import datetime as dt

import pytest
import time_machine

from raming.models import Raming, Wetscyclus

S = Raming.Status


@pytest.fixture
def api(client):
    return client


class TestLezen:
    def test_niet_ingelogd(self, api, db):
        assert api.get("/api/v1/ramingen/").status_code in (401, 403)

    def test_prt_ziet_alleen_gepubliceerd(self, api, prt_gelderland, gepubliceerd):
        nieuw_concept = Raming.objects.create(cyclus=gepubliceerd.cyclus, versie=2)
        api.force_login(prt_gelderland)
        r = api.get("/api/v1/ramingen/")
        assert r.status_code == 200
        assert [x["id"] for x in r.json()["results"]] == [gepubliceerd.pk]
        assert api.get(f"/api/v1/ramingen/{nieuw_concept.pk}/").status_code == 404
        r = api.get(f"/api/v1/ramingen/{gepubliceerd.pk}/")
        assert len(r.json()["provincies"]) == 12
        r = api.get(f"/api/v1/ramingen/{gepubliceerd.pk}/verdeling/", {"page_size": 500})
        data = r.json()
        assert data["count"] == 342
        assert sum(g["aantal"] for g in data["results"]) == sum(
            p["opgave"]
            for p in api.get(f"/api/v1/ramingen/{gepubliceerd.pk}/").json()["provincies"]
        )

    def test_referentiegegevens(self, api, gemeente_zaanstad):
        api.force_login(gemeente_zaanstad)
        assert len(api.get("/api/v1/provincies/").json()) == 12
        r = api.get("/api/v1/gemeenten/", {"provincie": "PV27"})
        assert "Zaanstad" in [g["naam"] for g in r.json()["results"]]

    def test_cycli_lezen(self, api, coa, cyclus):
        api.force_login(coa)
        r = api.get("/api/v1/cycli/2026/")
        assert r.status_code == 200
        assert {m["soort"] for m in r.json()["mijlpalen"]} == {
            "raming",
            "verslag",
            "verdeelbesluit",
            "realisatie",
        }


class TestSchrijven:
    def test_alleen_ministerie(self, api, coa, db):
        api.force_login(coa)
        r = api.post("/api/v1/cycli/", {"jaar": 2030}, content_type="application/json")
        assert r.status_code == 403
        assert not Wetscyclus.objects.filter(jaar=2030).exists()

    # the publication date the flow enters (26-2-2026) is today, after the adoption
    @time_machine.travel(dt.datetime(2026, 2, 26, 9, tzinfo=dt.UTC))
    def test_flow(self, api, ministerie, cyclus, invoerbesluit, met_ses):
        api.force_login(ministerie)
        r = api.post("/api/v1/cycli/", {"jaar": 2026}, content_type="application/json")
        assert r.status_code == 400
        assert "bestaat al" in r.json()["detail"]
        r = api.post(
            "/api/v1/ramingen/",
            {
                "cyclus": 2026,
                "invoerbesluit": invoerbesluit.pk,
                "peildatum_inwoners": "2023-01-01",
                "ses_jaar": 2022,
            },
            content_type="application/json",
        )
        assert r.status_code == 201, r.json()
        pk = r.json()["id"]
        r = api.post(f"/api/v1/ramingen/{pk}/vaststellen/")
        assert r.status_code == 400
        assert "nog niet (opnieuw) berekend" in r.json()["detail"]
        assert api.post(f"/api/v1/ramingen/{pk}/berekenen/").status_code == 200
        r = api.post(f"/api/v1/ramingen/{pk}/vaststellen/")
        assert r.json()["status"] == S.VASTGESTELD
        r = api.post(
            f"/api/v1/ramingen/{pk}/publiceren/",
            {"staatscourant_referentie": "Stcrt. 2026, 1", "gepubliceerd_op": "2026-02-26"},
            content_type="application/json",
        )
        assert r.json()["status"] == S.GEPUBLICEERD
        r = api.post(
            "/api/v1/cycli/2026/verslagtermijn-verlengen/", {}, content_type="application/json"
        )
        assert r.status_code == 201
        assert r.json()["nieuwe_datum"] == "2026-12-01"
        r = api.post(f"/api/v1/ramingen/{pk}/wijziging/", {}, content_type="application/json")
        assert r.status_code == 400
        r = api.post(
            f"/api/v1/ramingen/{pk}/wijziging/", {"reden": "x"}, content_type="application/json"
        )
        assert r.status_code == 201
        assert r.json()["versie"] == 2
        assert dt.date.fromisoformat(r.json()["peildatum_inwoners"]) == dt.date(2023, 1, 1)
