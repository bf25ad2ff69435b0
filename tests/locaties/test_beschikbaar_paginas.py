"""The pages: compute (inputs → consequences → recorded) and the explanation of each figure."""

from decimal import Decimal

import pytest

from locaties.beschikbaarheid import beschikbaar_vastleggen
from locaties.models import Beschikbaarheidsberekening, Opvanglocatie
from raming.models import Gemeente, MeerjarigBeschikbaar, Provincie, Wetscyclus

from . import beschikbaar_register
from .beschikbaar_register import HORIZON, PEILDATUM

pytestmark = pytest.mark.django_db
register = beschikbaar_register.register  # the fixture


def _invoer(gelderland, **anders):
    data = {
        "stap": "voorbeeld",
        "peildatum": "2026-02-01",
        "horizon": "2028-12-31",
        "marge": "20",
        "provincies": [gelderland.pk],
        "toelichting": "Peildatum van de Kamerbrief",
    }
    data.update(anders)
    return data


def test_berekenen_bevestigen_vastleggen(client, register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = Provincie.objects.get(code="PV25")
    client.force_login(ministerie)
    url = f"/meerjarig-beschikbaar/berekenen/{cyclus.jaar}/"
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'value="2028-12-31"' in pagina.content.decode()

    voorbeeld = client.post(url, _invoer(gelderland))
    tekst = voorbeeld.content.decode()
    assert voorbeeld.status_code == 200
    assert "Wat er per provincie verandert" in tekst
    assert "716" in tekst and "Noodopvang Arnhem" in tekst
    assert "niet meer beschikbaar op de horizondatum" in tekst
    assert not Beschikbaarheidsberekening.objects.exists()

    vingerafdruk = voorbeeld.context["voorbeeld"].vingerafdruk
    zonder_vinkje = client.post(
        url, _invoer(gelderland, stap="vastleggen", **{"bv-vingerafdruk": vingerafdruk})
    )
    assert zonder_vinkje.status_code == 400
    assert "Vink aan dat u hebt gelezen" in zonder_vinkje.content.decode()
    assert not Beschikbaarheidsberekening.objects.exists()

    klaar = client.post(
        url,
        _invoer(
            gelderland, stap="vastleggen", **{"bv-vingerafdruk": vingerafdruk, "bv-bevestigd": "on"}
        ),
    )
    berekening = Beschikbaarheidsberekening.objects.get()
    assert klaar.status_code == 302
    assert klaar["Location"] == f"/meerjarig-beschikbaar/{berekening.pk}/"
    assert berekening.toelichting == "Peildatum van de Kamerbrief"
    arnhem = Gemeente.objects.get(naam="Arnhem")
    assert MeerjarigBeschikbaar.objects.get(cyclus=cyclus, gemeente=arnhem).aantal == 716

    # the cycle page links the computation where the figures are shown
    cyclus_pagina = client.get(f"/raming/cycli/{cyclus.jaar}/").content.decode()
    assert f"/meerjarig-beschikbaar/{berekening.pk}/" in cyclus_pagina


def test_fouten_komen_allemaal_tegelijk_terug_met_de_invoer(client, ministerie, gemeenten):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    client.force_login(ministerie)
    antwoord = client.post(
        f"/meerjarig-beschikbaar/berekenen/{cyclus.jaar}/",
        {"stap": "voorbeeld", "peildatum": "2029-01-01", "horizon": "2028-12-31", "marge": "120"},
    )
    assert antwoord.status_code == 400
    form = antwoord.context["form"]
    assert set(form.errors) == {"marge", "provincies"}
    assert 'value="2029-01-01"' in antwoord.content.decode()
    antwoord = client.post(
        f"/meerjarig-beschikbaar/berekenen/{cyclus.jaar}/",
        {
            "stap": "voorbeeld",
            "peildatum": "2029-01-01",
            "horizon": "2028-12-31",
            "marge": "10",
            "provincies": [Provincie.objects.first().pk],
        },
    )
    assert antwoord.status_code == 400
    assert "horizon" in antwoord.context["form"].errors


def test_gewijzigd_register_tussen_voorbeeld_en_vastleggen(client, register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    gelderland = Provincie.objects.get(code="PV25")
    client.force_login(ministerie)
    url = f"/meerjarig-beschikbaar/berekenen/{cyclus.jaar}/"
    oud = client.post(url, _invoer(gelderland)).context["voorbeeld"].vingerafdruk
    register["arnhem_kort"].beschikbaar_tot = None
    register["arnhem_kort"].save()
    antwoord = client.post(
        url,
        _invoer(gelderland, stap="vastleggen", **{"bv-vingerafdruk": oud, "bv-bevestigd": "on"}),
    )
    assert antwoord.status_code == 400
    assert "gewijzigd sinds u de gevolgen bekeek" in antwoord.content.decode()
    assert "916" in antwoord.content.decode()  # the current consequences are shown
    assert not Beschikbaarheidsberekening.objects.exists()


@pytest.fixture
def berekening(register, ministerie):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    return beschikbaar_vastleggen(
        door=ministerie,
        cyclus=cyclus,
        peildatum=PEILDATUM,
        horizon=HORIZON,
        marge=Decimal(20),
        provincie_ids={p.pk for p in Provincie.objects.filter(code__in=["PV25", "PV27"])},
    )


def test_uitleg_per_gemeente_en_provincie(client, berekening, coa, prt_gelderland):
    client.force_login(coa)
    gemeente = client.get(f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/arnhem/")
    tekst = gemeente.content.decode()
    assert gemeente.status_code == 200
    assert "Arnhem: meerjarig beschikbaar 716" in tekst
    assert "Azc Arnhem" in tekst and "Plan Arnhem-Zuid" in tekst
    assert "telt met de onzekerheidsmarge" in tekst
    assert "Noodopvang Arnhem" in tekst and "niet meer beschikbaar op de horizondatum" in tekst

    provincie = client.get(f"/meerjarig-beschikbaar/{berekening.pk}/provincie/gelderland/")
    tekst = provincie.content.decode()
    assert provincie.status_code == 200
    assert "Gelderland: meerjarig beschikbaar 716" in tekst
    assert "Heumensoord" in tekst and "geen gesloten bestuursovereenkomst" in tekst
    assert "Azc Zaanstad" not in tekst

    client.force_login(prt_gelderland)
    assert (
        client.get(f"/meerjarig-beschikbaar/{berekening.pk}/provincie/gelderland/").status_code
        == 200
    )
    assert (
        client.get(f"/meerjarig-beschikbaar/{berekening.pk}/provincie/noord-holland/").status_code
        == 404
    )
    assert (
        client.get(f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/zaanstad/").status_code == 404
    )


def test_gemeente_ziet_alleen_de_eigen_uitleg(client, berekening, gemeente_arnhem):
    client.force_login(gemeente_arnhem)
    assert client.get(f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/arnhem/").status_code == 200
    assert (
        client.get(f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/nijmegen/").status_code == 404
    )
    assert (
        client.get(f"/meerjarig-beschikbaar/{berekening.pk}/provincie/gelderland/").status_code
        == 403
    )
    assert client.get("/meerjarig-beschikbaar/berekenen/2026/").status_code == 403
    overzicht = client.get(f"/meerjarig-beschikbaar/{berekening.pk}/").content.decode()
    assert "Noord-Holland" not in overzicht
    assert f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/arnhem/" in overzicht


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200  # the session and user read once
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


def test_uitleg_kost_evenveel_queries_bij_1_en_50_locaties(
    client, ministerie, gemeenten, zonder_cache
):
    from .beschikbaar_register import maak_locatie

    cyclus = Wetscyclus.objects.create(jaar=2026)
    arnhem = Gemeente.objects.get(naam="Arnhem")
    gelderland = Provincie.objects.get(code="PV25")
    client.force_login(ministerie)
    aantallen = []
    for n in (1, 50):
        for i in range(n - Opvanglocatie.objects.count()):
            maak_locatie(arnhem, f"Locatie {n}-{i}", fase="planvorming" if i % 2 else "in_gebruik")
        berekening = beschikbaar_vastleggen(
            door=ministerie,
            cyclus=cyclus,
            peildatum=PEILDATUM,
            horizon=HORIZON,
            marge=Decimal(20),
            provincie_ids={gelderland.pk},
        )
        aantallen.append(
            (
                _queries(client, f"/meerjarig-beschikbaar/{berekening.pk}/provincie/gelderland/"),
                _queries(client, f"/meerjarig-beschikbaar/{berekening.pk}/gemeente/arnhem/"),
            )
        )
    assert aantallen[0] == aantallen[1]
