"""The API obeys the same role rule as the pages (the check sits in the services), and shows a
gemeente no more than its pages do."""

import datetime as dt

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from regietafels.models import Verlengingsverzoek, Verslag
from regietafels.services import verlenging_aanvragen, verslag_opslaan

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db


def _met_token(gebruiker) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=gebruiker)[1]}")
    return api


def test_ministerie_schrijft_en_dient_geen_verslag_in(verslag_gelderland, ministerie):
    api = _met_token(ministerie)
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/"
    arnhem = verslag_gelderland.regels.get(gemeente__naam="Arnhem").gemeente_id
    opslaan = api.post(
        url + "opslaan/",
        {"versie": 1, "regels": [{"gemeente": arnhem, "bestaande_locaties": 5}]},
        format="json",
    )
    assert opslaan.status_code == 403, opslaan.json()
    indienen = api.post(url + "indienen/", {}, format="json")
    assert indienen.status_code == 403, indienen.json()
    assert indienen.json()["status"] == 403
    assert "Uw rol mag niet het verslag indienen" in indienen.json()["detail"]
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == Verslag.Status.CONCEPT
    assert verslag_gelderland.versies.count() == 0


def test_gemeente_ziet_geen_notities_en_geen_verlengingsverzoeken(
    verslag_gelderland, prt_gelderland, gemeente_arnhem
):
    verslag_opslaan(
        verslag=verslag_gelderland,
        versie=1,
        regels=regels_invoer(verslag_gelderland, Arnhem={"bestaande_locaties": 3}),
        open_besluiten="Raadsbesluit Ede nog open",
        knelpunten="Vertrouwelijk: locatie Arnhem-Zuid",
        door=prt_gelderland,
    )
    gevraagd = dt.date(2026, 12, 15)
    verlenging_aanvragen(
        verslag=verslag_gelderland, reden="meer tijd", gevraagde_datum=gevraagd, door=prt_gelderland
    )
    api = _met_token(gemeente_arnhem)
    detail = api.get(f"/api/v1/verslagen/{verslag_gelderland.pk}/").json()
    assert detail["open_besluiten"] is None
    assert detail["knelpunten"] is None
    assert [r["gemeente"] for r in detail["regels"]] == [gemeente_arnhem.gemeente_id]
    lijst = api.get("/api/v1/verslagen/").json()["results"]
    assert all(v["knelpunten"] is None for v in lijst)
    verzoeken = api.get("/api/v1/verlengingsverzoeken/").json()
    assert verzoeken["count"] == 0
    assert Verlengingsverzoek.objects.count() == 1
    # the PRT itself still reads both
    prt = _met_token(prt_gelderland)
    assert (
        "Arnhem-Zuid" in prt.get(f"/api/v1/verslagen/{verslag_gelderland.pk}/").json()["knelpunten"]
    )
    assert prt.get("/api/v1/verlengingsverzoeken/").json()["count"] == 1
