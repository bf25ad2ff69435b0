"""API: same access rule as the pages; actions enforce the services' transitions."""

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from regietafels.models import Verslag

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_verslag_andere_provincie_404_en_lijst_gefilterd(
    api, verslag_gelderland, prt_noord_holland
):
    api.force_authenticate(prt_noord_holland)
    assert api.get(f"/api/v1/verslagen/{verslag_gelderland.pk}/").status_code == 404
    assert api.post(f"/api/v1/verslagen/{verslag_gelderland.pk}/indienen/", {}).status_code == 404
    lijst = api.get("/api/v1/verslagen/").json()
    resultaten = lijst["results"] if isinstance(lijst, dict) else lijst
    assert resultaten == []


def test_opslaan_verouderd_geeft_409_en_indienen_beoordelen(
    api, verslag_gelderland, prt_gelderland, ministerie
):
    api.force_authenticate(prt_gelderland)
    arnhem = verslag_gelderland.regels.get(gemeente__naam="Arnhem")
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/"
    response = api.post(
        url + "opslaan/",
        {"versie": 1, "regels": [{"gemeente": arnhem.gemeente_id, "bestaande_locaties": 80}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    regel = next(r for r in response.json()["regels"] if r["gemeente"] == arnhem.gemeente_id)
    assert regel["aangeboden"] == 80
    response = api.post(
        url + "opslaan/",
        {"versie": 1, "regels": [{"gemeente": arnhem.gemeente_id, "bestaande_locaties": 5}]},
        format="json",
    )
    assert response.status_code == 409
    assert "Arnhem: bestaande locaties 0 → 80" in response.json()["detail"]
    response = api.post(
        url + "opslaan/",
        {"versie": 2, "regels": [{"gemeente": arnhem.gemeente_id, "bestaande_locaties": -1}]},
        format="json",
    )
    assert response.status_code == 400
    assert f"regel-{arnhem.gemeente_id}-bestaande_locaties" in response.json()["velden"]

    assert api.post(url + "beoordelen/", {"oordeel": "voldoende"}).status_code == 403
    response = api.post(url + "indienen/", {"versie": 2}, format="json")
    assert response.status_code == 201
    assert response.json()["volgnummer"] == 1

    api.force_authenticate(ministerie)
    response = api.post(url + "beoordelen/", {"oordeel": "voldoende", "opmerkingen": "ok"})
    assert response.status_code == 200
    assert Verslag.objects.get(pk=verslag_gelderland.pk).status == "beoordeeld"
    response = api.post(url + "terugsturen/", {"opmerkingen": "te laat bedacht"})
    assert response.status_code == 400


def test_verlenging_via_api(api, verslag_gelderland, prt_gelderland, ministerie):
    api.force_authenticate(prt_gelderland)
    response = api.post(
        "/api/v1/verlengingsverzoeken/",
        {"verslag": verslag_gelderland.pk, "reden": "Overleg", "gevraagde_datum": "2026-11-20"},
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert (
        api.post(
            f"/api/v1/verlengingsverzoeken/{pk}/besluiten/",
            {"toekennen": True, "besluit_reden": "ok"},
        ).status_code
        == 403
    )
    api.force_authenticate(ministerie)
    response = api.post(
        f"/api/v1/verlengingsverzoeken/{pk}/besluiten/",
        {"toekennen": True, "besluit_reden": "Akkoord"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "toegekend"
    termijnen = api.get("/api/v1/verslagtermijnen/?cyclus=2026").json()
    gelderland = next(t for t in termijnen if t["provincie"] == "Gelderland")
    assert gelderland["effectief"] == "2026-11-20"
    assert gelderland["oorspronkelijk"] == "2026-11-01"


@time_machine.travel(dt.datetime(2026, 12, 23, 10, tzinfo=dt.UTC))
def test_verdeelbesluit_via_api(api, cyclus, ministerie, gemeente_arnhem):
    api.force_authenticate(ministerie)
    response = api.post("/api/v1/verdeelbesluiten/", {"cyclus": 2026})
    assert response.status_code == 201
    pk = response.json()["id"]
    response = api.post(
        f"/api/v1/verdeelbesluiten/{pk}/vaststellen/", {"besluitdatum": "2026-12-23"}
    )
    assert response.status_code == 200
    assert response.json()["regels"][0]["realisatietermijn"] == "2027-06-23"
    assert (
        api.post(
            f"/api/v1/verdeelbesluiten/{pk}/vaststellen/", {"besluitdatum": "2026-12-24"}
        ).status_code
        == 400
    )
    api.force_authenticate(gemeente_arnhem)
    detail = api.get(f"/api/v1/verdeelbesluiten/{pk}/").json()
    assert [r["gemeente_naam"] for r in detail["regels"]] == ["Arnhem"]
    response = api.post(
        "/api/v1/realisatiemeldingen/",
        {
            "gemeente": gemeente_arnhem.gemeente_id,
            "cyclus": 2026,
            "datum": "2026-01-10",
            "aantal": 12,
        },
    )
    assert response.status_code == 201, response.json()


def test_verslagtermijnen_een_keer_gelezen(api, cyclus, ministerie, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    api.force_authenticate(ministerie)
    # the deadlines are read once, inside provincie_overzicht (reading them again cost 3 more)
    with django_assert_max_num_queries(9):
        termijnen = api.get("/api/v1/verslagtermijnen/?cyclus=2026").json()
    assert len(termijnen) == 12
    vandaag = timezone.localdate()
    for t in termijnen:
        if t["effectief"] is None:
            assert t["dagen_resterend"] is None
        else:
            effectief = dt.date.fromisoformat(t["effectief"])
            assert t["dagen_resterend"] == (effectief - vandaag).days
