"""The exchange forms and API with numbers beyond a column, far dates and a missing or emptied
management form: a message, never a server error."""

import pytest
from rest_framework.test import APIClient

from tests.uitruil.conftest import (  # noqa: F401
    cyclus,
    gemeenten,
    provincie_gelderland,
    provincie_noord_holland,
    purmerend,
    raming,
    zaanstad,
)

pytestmark = pytest.mark.django_db

GROOT = [str(2**63), "9" * 20, "2147483648", str(-(2**63))]


def _voorstel(**extra):
    data = {
        "cyclus": "",
        "motivatie": "m",
        "verhouding_asielopvang": "1",
        "verhouding_tegenprestatie": "1",
        "partij-TOTAL_FORMS": "2",
        "partij-INITIAL_FORMS": "0",
        "partij-0-gemeente": "",
        "partij-0-taak": "asielopvang",
        "partij-0-richting": "neemt_op",
        "partij-0-aantal": "5",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "extra",
    [
        {"partij-TOTAL_FORMS": ""},
        {"partij-TOTAL_FORMS": "abc"},
        {"partij-TOTAL_FORMS": "99999999999999999999"},
        {"partij-INITIAL_FORMS": ""},
        *({"partij-0-aantal": g} for g in GROOT),
        *({"verhouding_asielopvang": g} for g in GROOT),
        *({"verhouding_tegenprestatie": g} for g in GROOT),
        {"periode_van": "0001-01-01"},
        {"periode_tot": "9999-12-31"},
        {"motivatie": "a\x00b"},
    ],
)
def test_voorstelformulier(client, zaanstad, cyclus, extra):  # noqa: F811
    client.force_login(zaanstad)
    antwoord = client.post("/uitruil/voorstellen/", _voorstel(cyclus=cyclus.pk, **extra))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "data-foutsamenvatting" in html
    for sleutel, waarde in extra.items():
        if "FORMS" not in sleutel and "\x00" not in waarde:
            assert f'value="{waarde}"' in html, sleutel


@pytest.mark.parametrize("basis", ["99999999999999999999", "abc", "-1"])
def test_op_basis_van_onzin(client, zaanstad, basis):  # noqa: F811
    client.force_login(zaanstad)
    assert client.get("/uitruil/voorstellen/", {"op_basis_van": basis}).status_code in (200, 404)


@pytest.mark.parametrize("veld", ["aantal", "verhouding_asielopvang", "verhouding_tegenprestatie"])
@pytest.mark.parametrize("getal", [2**63, 10**20, 2_147_483_648])
def test_api_voorstel(zaanstad, cyclus, veld, getal):  # noqa: F811
    api = APIClient()
    api.force_authenticate(zaanstad)
    partijen = [
        {"gemeente": "GM0479", "taak": "asielopvang", "richting": "neemt_op", "aantal": 50},
        {"gemeente": "GM0439", "taak": "asielopvang", "richting": "geeft_af", "aantal": 50},
    ]
    body = {"cyclus": cyclus.jaar, "motivatie": "m", "partijen": partijen}
    if veld == "aantal":
        partijen[0]["aantal"] = getal
    else:
        body[veld] = getal
    antwoord = api.post("/api/v1/uitruil/", body, format="json")
    assert antwoord.status_code == 400, antwoord.content[:300]
    assert antwoord.json()["velden"]
