"""/api/v1/opvanglocaties/: the same access rule, the services' rules, the Dutch error shape."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from locaties.models import Opvanglocatie

from .conftest import locatie_maken

pytestmark = pytest.mark.django_db

URL = "/api/v1/opvanglocaties/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def register(arnhem, zaanstad):
    return {
        "arnhem": locatie_maken(arnhem, naam="Arnhem-Zuid"),
        "zaanstad": locatie_maken(zaanstad, naam="Zaanstad-Noord"),
    }


def test_lijst_volgt_de_toegangsregel(api, register, coa, prt_gelderland, gemeente_zaanstad):
    api.force_authenticate(coa)
    assert api.get(URL).json()["count"] == 2
    api.force_authenticate(prt_gelderland)
    assert [r["naam"] for r in api.get(URL).json()["results"]] == ["Arnhem-Zuid"]
    assert api.get(f"{URL}{register['zaanstad'].pk}/").status_code == 404
    api.force_authenticate(gemeente_zaanstad)
    detail = api.get(f"{URL}{register['zaanstad'].pk}/").json()
    assert detail["gemeente"] == "GM0479" and detail["fasewijzigingen"] == []


def test_aanmaken_fase_en_bevestigen(api, gemeente_arnhem, coa, prt_noord_holland):
    api.force_authenticate(gemeente_arnhem)
    antwoord = api.post(
        URL,
        {
            "gemeente": "GM0202",
            "naam": "Azc Arnhem",
            "capaciteit_regulier": 300,
            "soort": "regulier_azc",
            "fase_sinds": "2026-01-01",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    pk = antwoord.json()["id"]
    antwoord = api.post(
        f"{URL}{pk}/fase/",
        {"naar_fase": "besluitvorming", "datum": dt.date.today().isoformat()},
        format="json",
    )
    assert antwoord.status_code == 200
    assert [f["naar_fase"] for f in antwoord.json()["fasewijzigingen"]] == [
        "planvorming",
        "besluitvorming",
    ]
    # another province's PRT does not see it; COA confirms
    api.force_authenticate(prt_noord_holland)
    assert api.post(f"{URL}{pk}/bevestigen/", {}, format="json").status_code == 404
    api.force_authenticate(coa)
    antwoord = api.post(f"{URL}{pk}/bevestigen/", {}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["is_bevestigd"] is True


def test_fouten_in_de_nederlandse_vorm(api, register, gemeente_arnhem, coa):
    api.force_authenticate(gemeente_arnhem)
    antwoord = api.post(
        URL,
        {
            "gemeente": "GM0202",
            "naam": "x",
            "capaciteit_regulier": 99_999_999,
            "soort": "kasteel",
            "fase_sinds": "9999-01-01",
        },
        format="json",
    )
    assert antwoord.status_code == 400
    fout = antwoord.json()
    assert {"type", "titel", "status", "detail", "velden"} <= set(fout)
    assert {"capaciteit_regulier", "soort", "fase_sinds"} <= set(fout["velden"])
    # going back without a reason: the service's message
    pk = register["arnhem"].pk
    antwoord = api.post(
        f"{URL}{pk}/fase/", {"naar_fase": "planvorming", "datum": "2026-01-02"}, format="json"
    )
    assert antwoord.status_code == 400 and "naar_fase" in antwoord.json()["velden"]
    # COA may not register; the gemeente may not confirm
    api.force_authenticate(coa)
    antwoord = api.put(
        f"{URL}{pk}/",
        {"naam": "n", "capaciteit_regulier": 1, "soort": "overig"},
        format="json",
    )
    assert antwoord.status_code == 403 and antwoord.json()["status"] == 403
    api.force_authenticate(gemeente_arnhem)
    assert api.post(f"{URL}{pk}/bevestigen/", {}, format="json").status_code == 403
    assert Opvanglocatie.objects.count() == 2


def test_wijzigen_met_verouderde_stand_is_een_conflict(api, register, gemeente_arnhem):
    api.force_authenticate(gemeente_arnhem)
    pk = register["arnhem"].pk
    gegevens = {"naam": "Arnhem-Zuid", "capaciteit_regulier": 120, "soort": "regulier_azc"}
    antwoord = api.put(
        f"{URL}{pk}/", {**gegevens, "gewijzigd_op": "2020-01-01T00:00:00Z"}, format="json"
    )
    assert antwoord.status_code == 409 and antwoord.json()["type"] == "conflict"
    assert "intussen gewijzigd" in antwoord.json()["detail"]
    antwoord = api.put(f"{URL}{pk}/", gegevens, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["capaciteit_regulier"] == 120


def test_patch_wijzigt_alleen_wat_is_gestuurd(api, register, gemeente_arnhem, coa, ministerie):
    from locaties.services import locatie_bevestigen

    loc = register["arnhem"]
    locatie_bevestigen(door=coa, locatie=loc)
    loc.refresh_from_db()
    api.force_authenticate(gemeente_arnhem)
    gelezen = api.get(f"{URL}{loc.pk}/").json()
    antwoord = api.patch(
        f"{URL}{loc.pk}/",
        {"plaats": "Arnhem-Zuid", "gewijzigd_op": gelezen["gewijzigd_op"]},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    na = antwoord.json()
    assert na["plaats"] == "Arnhem-Zuid"
    # the rest as it was: name, capacity, kind, dates; COA's confirmation stays (no capacity
    # or phase changed)
    for veld in ("naam", "capaciteit_regulier", "capaciteit_amv", "soort", "beschikbaar_vanaf"):
        assert na[veld] == gelezen[veld], veld
    assert na["is_bevestigd"]
    # the same stand again: someone changed it in between → 409, nothing written
    antwoord = api.patch(
        f"{URL}{loc.pk}/",
        {"naam": "Anders", "gewijzigd_op": gelezen["gewijzigd_op"]},
        format="json",
    )
    assert antwoord.status_code == 409
    assert Opvanglocatie.objects.get(pk=loc.pk).naam == "Arnhem-Zuid"
    # the service's checks: a negative or huge capacity, an empty name
    for fout in ({"capaciteit_regulier": -1}, {"capaciteit_regulier": 10**9}, {"naam": ""}):
        antwoord = api.patch(f"{URL}{loc.pk}/", fout, format="json")
        assert antwoord.status_code == 400 and set(fout) <= set(antwoord.json()["velden"])
    # a capacity change clears COA's confirmation
    antwoord = api.patch(f"{URL}{loc.pk}/", {"capaciteit_regulier": 200}, format="json")
    assert antwoord.status_code == 200 and not antwoord.json()["is_bevestigd"]
    # another gemeente's location is not there; COA may not change; the ministry may
    api.force_authenticate(gemeente_arnhem)
    assert api.patch(f"{URL}{register['zaanstad'].pk}/", {"plaats": "x"}).status_code == 404
    api.force_authenticate(coa)
    assert api.patch(f"{URL}{loc.pk}/", {"plaats": "x"}, format="json").status_code == 403
    api.force_authenticate(ministerie)
    antwoord = api.patch(f"{URL}{loc.pk}/", {"plaats": "Arnhem"}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["plaats"] == "Arnhem"
