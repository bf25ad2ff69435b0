"""The register pages per role: what each sees, the forms (all errors at once, input kept),
the phase change and COA's confirmation through their confirmation pages."""

import datetime as dt

import pytest
from django.urls import reverse

from locaties.models import Opvanglocatie

from .conftest import locatie_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(arnhem, nijmegen, zaanstad):
    return {
        "arnhem": locatie_maken(arnhem, naam="Arnhem-Zuid", coa_referentie="A1"),
        "nijmegen": locatie_maken(nijmegen, naam="Nijmegen-Heumensoord"),
        "zaanstad": locatie_maken(zaanstad, naam="Zaanstad-Noord", capaciteit_amv=20),
    }


def _lijst(client, user, **params):
    client.force_login(user)
    antwoord = client.get(reverse("locaties:lijst"), params)
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_lijst_per_rol(client, register, ministerie, coa, prt_gelderland, gemeente_zaanstad):
    for user in (ministerie, coa):
        html = _lijst(client, user)
        assert "Arnhem-Zuid" in html and "Zaanstad-Noord" in html
    html = _lijst(client, prt_gelderland)
    assert "Arnhem-Zuid" in html and "Nijmegen-Heumensoord" in html
    assert "Zaanstad-Noord" not in html
    html = _lijst(client, gemeente_zaanstad)
    assert "Zaanstad-Noord" in html and "Arnhem-Zuid" not in html


def test_filters_en_totalen(client, register, ministerie, zaanstad):
    html = _lijst(client, ministerie, gemeente=zaanstad.pk)
    assert "Zaanstad-Noord" in html and "Arnhem-Zuid" not in html
    assert "<dd>20</dd>" in html  # the amv total of the selection
    html = _lijst(client, ministerie, bevestigd="ja")
    assert "Geen locaties met deze filters." in html
    # nonsense in the filters is ignored, never a 500
    html = _lijst(client, ministerie, gemeente="x" * 50, fase="<script>", pagina="999999")
    assert "Arnhem-Zuid" in html


def test_detail_van_een_andere_provincie_is_404(
    client, register, prt_noord_holland, gemeente_arnhem
):
    client.force_login(prt_noord_holland)
    assert client.get(reverse("locaties:detail", args=[register["arnhem"].pk])).status_code == 404
    client.force_login(gemeente_arnhem)
    assert client.get(reverse("locaties:detail", args=[register["nijmegen"].pk])).status_code == 404
    assert client.get(reverse("locaties:detail", args=[register["arnhem"].pk])).status_code == 200


def test_beheren_gemeente_prt_en_ministerie(client, register, ministerie, coa, prt_gelderland):
    pk = register["arnhem"].pk
    client.force_login(coa)
    assert client.get(reverse("locaties:aanmaken")).status_code == 403
    assert client.get(reverse("locaties:wijzigen", args=[pk])).status_code == 403
    assert client.get(reverse("locaties:fase", args=[pk])).status_code == 403
    # the ministry sees everything and may keep any location (README, role table)
    client.force_login(ministerie)
    assert client.get(reverse("locaties:aanmaken")).status_code == 200
    assert client.get(reverse("locaties:wijzigen", args=[pk])).status_code == 200
    assert client.get(reverse("locaties:fase", args=[pk])).status_code == 200
    assert client.get(reverse("locaties:bevestigen", args=[pk])).status_code == 403
    client.force_login(prt_gelderland)
    assert client.get(reverse("locaties:wijzigen", args=[pk])).status_code == 200
    assert client.get(reverse("locaties:bevestigen", args=[pk])).status_code == 403


def test_formulier_toont_alle_fouten_en_houdt_de_invoer(client, gemeente_arnhem, arnhem):
    client.force_login(gemeente_arnhem)
    antwoord = client.post(
        reverse("locaties:aanmaken"),
        {
            "gemeente": arnhem.pk,
            "naam": "Mijn locatie",
            "postcode": "abc",
            "capaciteit_regulier": "99999999999",
            "soort": "noodopvang",
            "fase": "planvorming",
            "fase_sinds": "01-01-2026",
            "beschikbaar_vanaf": "2030-01-01",
            "beschikbaar_tot": "2029-01-01",
        },
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "data-foutsamenvatting" in html
    assert 'value="Mijn locatie"' in html
    assert "ten hoogste 10.000" in html  # the capacity bound, not also the column's
    # the service's findings on the fields that passed the form's checks, at the same time
    assert "Vul een postcode in als 1234 AB." in html
    assert "vóór ‘beschikbaar vanaf’" in html
    assert not Opvanglocatie.objects.exists()


def test_aanmaken_fase_en_bevestigen(client, gemeente_arnhem, arnhem, coa):
    client.force_login(gemeente_arnhem)
    antwoord = client.post(
        reverse("locaties:aanmaken"),
        {
            "gemeente": arnhem.pk,
            "naam": "Azc Schaarsbergen",
            "capaciteit_regulier": "300",
            "soort": "regulier_azc",
            "fase": "planvorming",
            "fase_sinds": "2026-01-01",
        },
    )
    locatie = Opvanglocatie.objects.get(naam="Azc Schaarsbergen")
    assert antwoord.status_code == 302
    url = reverse("locaties:fase", args=[locatie.pk])
    vandaag = dt.date.today().isoformat()
    # first the confirmation page, nothing recorded yet
    antwoord = client.post(url, {"naar_fase": "besluitvorming", "datum": vandaag})
    assert "Fasewijziging bevestigen" in antwoord.content.decode()
    locatie.refresh_from_db()
    assert locatie.fase == "planvorming"
    antwoord = client.post(
        url,
        {
            "naar_fase": "besluitvorming",
            "datum": vandaag,
            "stap": "vastleggen",
            "gewijzigd_op": locatie.gewijzigd_op.isoformat(),
        },
    )
    assert antwoord.status_code == 302
    locatie.refresh_from_db()
    assert locatie.fase == "besluitvorming"
    # back without a reason: refused with the message on the form
    antwoord = client.post(url, {"naar_fase": "planvorming", "datum": vandaag})
    assert "alleen met een reden" in antwoord.content.decode()

    client.force_login(coa)
    bevestig = reverse("locaties:bevestigen", args=[locatie.pk])
    assert "Wat er gebeurt" in client.get(bevestig).content.decode()
    antwoord = client.post(bevestig, {"gewijzigd_op": locatie.gewijzigd_op.isoformat()})
    assert antwoord.status_code == 302
    locatie.refresh_from_db()
    assert locatie.is_bevestigd


def test_navigatie_voor_alle_vier_rollen(client, ministerie, coa, prt_gelderland, gemeente_arnhem):
    for user in (ministerie, coa, prt_gelderland, gemeente_arnhem):
        client.force_login(user)
        assert reverse("locaties:lijst") in client.get(reverse("home")).content.decode()
