"""Numbers beyond a column (2^63, 20 digits, 2,147,483,648) and malformed parameters on the
scenario pages and API: a Dutch message on the field, never a server error."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from raming.scenarios.services import scenario_aanmaken
from tests.scenarios.conftest import cyclus_2026, raming_2026  # noqa: F401

pytestmark = pytest.mark.django_db

GROOT = [2**63, 10**20, 2_147_483_648, -(2**63)]


@pytest.fixture
def api(ministerie):
    client = APIClient()
    client.force_authenticate(ministerie)
    return client


@pytest.fixture
def scenario(raming_2026, ministerie):  # noqa: F811
    return scenario_aanmaken(basis=raming_2026, naam="Basis", beschrijving="x", auteur=ministerie)


def _fout(antwoord, status=400):
    assert antwoord.status_code == status, antwoord.content[:500]
    body = antwoord.json()
    assert body["status"] == status and body["titel"] and body["detail"]
    return body


@pytest.mark.parametrize("getal", GROOT)
def test_api_scenario_met_te_groot_getal(api, raming_2026, getal):  # noqa: F811
    for body in (
        {"landelijk_aantal": getal},
        {"aanpassingen": [{"label": "x", "delta": getal}]},
        {"beschikbaar_wijzigingen": [{"provincie": "PV25", "delta": getal}]},
        {"beschikbaar_wijzigingen": [{"provincie": "PV25", "nieuw_aantal": getal}]},
        {"ses_jaar": getal},
    ):
        antwoord = api.post(
            "/api/v1/scenarios/",
            {"basis": raming_2026.pk, "naam": "n", "beschrijving": "b", **body},
            format="json",
        )
        _fout(antwoord)


@pytest.mark.parametrize("getal", GROOT)
def test_api_delen_met_te_groot_id(api, scenario, getal):
    _fout(
        api.post(
            f"/api/v1/scenarios/{scenario.pk}/delen/", {"secretarissen": [getal]}, format="json"
        )
    )


def test_api_put_scenario(api, scenario, raming_2026):  # noqa: F811
    antwoord = api.put(
        f"/api/v1/scenarios/{scenario.pk}/",
        {"basis": raming_2026.pk, "naam": "Nieuw", "beschrijving": "b"},
        format="json",
    )
    assert antwoord.status_code in (200, 400), antwoord.content[:500]


def test_api_diep_genest(api):
    body = "[" * 50_000 + "]" * 50_000
    antwoord = api.generic("POST", "/api/v1/scenarios/", body, content_type="application/json")
    _fout(antwoord)


@pytest.mark.parametrize("s", ["99999999999999999999999", "abc", "-1", str(2**31)])
@pytest.mark.parametrize(
    "pad",
    ["/scenarios/vergelijken/", "/scenarios/vergelijken/xlsx/", "/api/v1/scenarios/vergelijken/"],
)
def test_vergelijken_met_onzin(client, api, ministerie, scenario, s, pad):
    client.force_login(ministerie)
    antwoord = (api if pad.startswith("/api/") else client).get(pad, {"s": [scenario.pk, s]})
    assert antwoord.status_code < 500


@pytest.mark.parametrize("basis", ["abc", "99999999999999999999999", "-1"])
def test_nieuw_met_onzin_basis(client, ministerie, raming_2026, basis):  # noqa: F811
    client.force_login(ministerie)
    assert client.get("/scenarios/nieuw/", {"basis": basis}).status_code == 200


def test_formulier_houdt_waarden_en_meldt_grens(client, ministerie, raming_2026):  # noqa: F811
    client.force_login(ministerie)
    antwoord = client.post(
        "/scenarios/nieuw/",
        {
            "basis": raming_2026.pk,
            "naam": '=HYPERLINK("http://x","klik")',
            "beschrijving": "b",
            "landelijk_aantal": str(2**63),
            "peildatum_inwoners": "2023-01-01",
            "afrondingsmethode": "per_gemeente",
            "aanpassing-TOTAL_FORMS": "1",
            "aanpassing-INITIAL_FORMS": "0",
            "aanpassing-0-label": "x",
            "aanpassing-0-delta": "99999999999999999999",
            "beschikbaar-TOTAL_FORMS": "",
            "beschikbaar-INITIAL_FORMS": "0",
        },
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert str(2**63) in html and "99999999999999999999" in html
    assert "ten hoogste" in html or "hoogstens" in html
    assert "data-foutsamenvatting" in html
    json.dumps(None)


FORMULES = ['=HYPERLINK("http://example.org","klik")', "+1+1", "-2+3", "@SUM(A1)"]


def test_vergelijking_xlsx_zonder_formules(client, ministerie, raming_2026):  # noqa: F811
    import io

    from openpyxl import load_workbook

    scenarios = [
        scenario_aanmaken(basis=raming_2026, naam=naam, beschrijving=naam, auteur=ministerie)
        for naam in FORMULES
    ]
    client.force_login(ministerie)
    query = "&".join(f"s={s.pk}" for s in scenarios)
    antwoord = client.get(f"/scenarios/vergelijken/xlsx/?{query}")
    assert antwoord.status_code == 200
    wb = load_workbook(io.BytesIO(antwoord.content))
    for blad in wb.worksheets:
        assert blad.title.split(" ", 1)[-1][:1] not in "=+-@", blad.title
        for rij in blad.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", (blad.title, cel.coordinate, cel.value)
                if isinstance(cel.value, str):
                    assert cel.value[:1] not in "=+-@\t\r", (blad.title, cel.value)
    teksten = [c.value for b in wb.worksheets for r in b.iter_rows() for c in r]
    assert "'" + FORMULES[0] in teksten


@pytest.mark.parametrize(
    "pad",
    ["/scenarios/vergelijken/", "/scenarios/vergelijken/xlsx/", "/api/v1/scenarios/vergelijken/"],
)
def test_vergelijken_met_onbekend_nog_te_realiseren(client, ministerie, scenario, pad):
    """A basis raming whose provinces have no nog-te-realiseren (unknown, as in 2024) is
    compared like any other (it gave a server error: a sum over None)."""
    from raming.models import ProvincieVerdeling

    ProvincieVerdeling.objects.filter(raming=scenario.basis).update(nog_te_realiseren=None)
    client.force_login(ministerie)
    assert client.get(f"{pad}?s={scenario.pk}").status_code == 200
