"""Postponing the decision on a bezwaar through the API: the one verdaging (Awb 7:10 lid 3) and a
further delay with the indiener's consent (lid 4), with the same services, role rule and error
shape as the pages."""

import datetime as dt

import pytest

from bezwaar import services
from bezwaar.models import Uitstel

from .conftest import op

D = dt.date
pytestmark = pytest.mark.django_db

UITSTEL = {
    "nieuwe_datum": "2025-05-30",
    "reden": "Overleg over een locatie.",
    "instemming": "E-mail van de gemeentesecretaris.",
    "instemming_op": "2025-04-18",
    "geen_nadeel": "Het aantal van andere gemeenten hangt niet van deze beslissing af.",
}


@pytest.fixture
def bezwaar(arnhem_regel, gemeente_arnhem):
    with op(D(2025, 1, 20)):
        return services.bezwaar_indienen(
            regel=arnhem_regel, gronden="Het aantal is te hoog.", door=gemeente_arnhem
        )


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_verdagen_en_verder_uitstel(client, bezwaar, ministerie):
    client.force_login(ministerie)
    basis = f"/api/v1/bezwaren/{bezwaar.pk}/"
    with op(D(2025, 3, 10)):
        antwoord = _post(client, f"{basis}verdagen/", {"reden": "Advies nodig."})
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["beslistermijn_einde"] == "2025-04-28"
    assert antwoord.json()["uitstellen"][0]["soort"] == Uitstel.Soort.VERDAGING

    # a second verdaging is refused by the service, in the API's error shape
    with op(D(2025, 3, 11)):
        nog_eens = _post(client, f"{basis}verdagen/", {"reden": "Nog eens."})
    assert nog_eens.status_code == 400
    assert nog_eens.json()["type"] == "validatie"
    assert "instemming" in nog_eens.json()["detail"]

    with op(D(2025, 4, 20)):
        antwoord = _post(client, f"{basis}uitstel/", UITSTEL)
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert data["beslistermijn_einde"] == "2025-05-30"
    verder = data["uitstellen"][-1]
    assert verder["soort"] == Uitstel.Soort.INSTEMMING
    assert verder["instemming_op"] == "2025-04-18"
    assert verder["geen_nadeel"] == UITSTEL["geen_nadeel"]
    uitstel = bezwaar.uitstellen.get(soort=Uitstel.Soort.INSTEMMING)
    assert uitstel.history.get().history_user == ministerie


@pytest.mark.parametrize(
    ("invoer", "veld", "tekst"),
    [
        ({"instemming": ""}, "instemming", "instemming van de indiener"),
        ({"instemming": "   "}, "instemming", "instemming van de indiener"),
        ({"geen_nadeel": "  "}, "geen_nadeel", "andere belanghebbenden"),
        ({"instemming_op": None}, "instemming_op", ""),
        ({"instemming_op": "2025-01-02"}, "instemming_op", "vóór de ontvangst"),
        ({"instemming_op": "2025-04-21"}, "instemming_op", "toekomst"),
        ({"nieuwe_datum": "2025-03-01"}, "nieuwe_datum", "na de huidige termijn"),
    ],
)
def test_uitstel_zonder_instemming_of_grond_geweigerd(
    client, bezwaar, ministerie, invoer, veld, tekst
):
    client.force_login(ministerie)
    with op(D(2025, 4, 20)):
        antwoord = _post(client, f"/api/v1/bezwaren/{bezwaar.pk}/uitstel/", {**UITSTEL, **invoer})
    assert antwoord.status_code == 400, antwoord.content
    fout = antwoord.json()
    assert fout["type"] == "validatie" and fout["status"] == 400
    assert list(fout["velden"]) == [veld]
    assert tekst in " ".join(fout["velden"][veld])
    assert not bezwaar.uitstellen.exists()


def test_verdagen_zonder_reden_zegt_wat_ontbreekt(client, bezwaar, ministerie):
    client.force_login(ministerie)
    with op(D(2025, 3, 10)):
        antwoord = _post(client, f"/api/v1/bezwaren/{bezwaar.pk}/verdagen/", {"reden": " "})
    assert antwoord.status_code == 400
    assert antwoord.json()["velden"] == {"reden": ["Geef de reden van de verdaging."]}


@pytest.mark.parametrize(
    ("wie", "status"),
    [("gemeente_arnhem", 403), ("prt_gelderland", 403), ("coa", 403), ("prt_noord_holland", 403)],
)
def test_alleen_het_ministerie(client, request, bezwaar, wie, status):
    client.force_login(request.getfixturevalue(wie))
    basis = f"/api/v1/bezwaren/{bezwaar.pk}/"
    with op(D(2025, 3, 10)):
        for actie, invoer in (("verdagen", {"reden": "r"}), ("uitstel", UITSTEL)):
            antwoord = _post(client, f"{basis}{actie}/", invoer)
            assert antwoord.status_code == status, (actie, antwoord.content)
            assert antwoord.json()["type"] == "geen-toegang"
    assert not bezwaar.uitstellen.exists()
