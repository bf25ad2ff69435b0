"""A verslag row built from the gemeente's locations, with a preview; the rest stays possible
and is shown as "zonder locatie"."""

import datetime as dt

import pytest

from accounts.rechten import GeenToegang
from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels import services
from regietafels.models import VerslagRegel, VerslagRegelLocatie
from tests.locaties import beschikbaar_register

pytestmark = pytest.mark.django_db
register = beschikbaar_register.register  # the fixture


def test_opbouw_per_fase_en_periode(register, verslag_gelderland):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    Opvanglocatie.objects.create(
        gemeente=arnhem,
        naam="Oud azc",
        capaciteit_regulier=80,
        soort="regulier_azc",
        fase="gesloten",
        fase_sinds=dt.date(2024, 1, 1),
    )
    [opbouw] = [
        o for o in services.verslag_locatie_opbouw(verslag_gelderland) if o.regel.gemeente == arnhem
    ]
    # in gebruik: azc (400 + 50 amv) and noodopvang (200) → bestaand; planvorming 333 → voornemen
    assert opbouw.bestaande_locaties == 650
    assert opbouw.vastgestelde_plannen == 0
    assert opbouw.bestuurlijke_voornemens == 333
    assert opbouw.amv == 50
    assert opbouw.gesloten == ["Oud azc"]
    assert opbouw.beschikbaar_van == dt.date(2025, 6, 1)
    assert opbouw.beschikbaar_tot == dt.date(2028, 12, 30)
    assert set(opbouw.zonder_einde) == {"Azc Arnhem", "Plan Arnhem-Zuid"}


def test_overnemen_en_zonder_locatie(register, verslag_gelderland, prt_gelderland):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    Opvanglocatie.objects.filter(pk=register["nijmegen_te_laat"].pk).update(fase="besluitvorming")
    regel = VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente=arnhem)
    regel.opmerking = "Gesprek met COA loopt"
    regel.save()
    # both rows would come above three times their indicative number: not without confirming
    with pytest.raises(services.BevestigingNodig) as nodig:
        services.regels_uit_locaties(
            verslag=verslag_gelderland,
            gemeente_ids={arnhem.pk, nijmegen.pk},
            versie=verslag_gelderland.versie,
            door=prt_gelderland,
        )
    hoog = {r["gemeente_id"]: r["aangeboden"] for r in nodig.value.regels}
    assert hoog == {arnhem.pk: 983, nijmegen.pk: 650}
    assert not VerslagRegelLocatie.objects.exists()
    services.regels_uit_locaties(
        verslag=verslag_gelderland,
        gemeente_ids={arnhem.pk, nijmegen.pk},
        versie=verslag_gelderland.versie,
        door=prt_gelderland,
        bevestigd=hoog,
    )
    regel.refresh_from_db()
    assert (regel.bestaande_locaties, regel.bestuurlijke_voornemens, regel.amv) == (650, 333, 50)
    assert regel.opmerking == "Gesprek met COA loopt"
    n = VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente=nijmegen)
    assert (n.bestaande_locaties, n.vastgestelde_plannen) == (500, 150)
    assert VerslagRegelLocatie.objects.filter(regel=regel).count() == 3

    # a number typed on top of the locations is "zonder locatie"
    verslag_gelderland.refresh_from_db()
    invoer = services.RegelInvoer(
        bestaande_locaties=700,
        vastgestelde_plannen=0,
        bestuurlijke_voornemens=333,
        amv=50,
        beschikbaar_van=regel.beschikbaar_van,
        beschikbaar_tot=regel.beschikbaar_tot,
    )
    services.verslag_opslaan(
        verslag=verslag_gelderland,
        versie=verslag_gelderland.versie,
        regels={arnhem.pk: invoer},
        door=prt_gelderland,
        bevestigd={arnhem.pk: 1033},
    )
    regel.refresh_from_db()
    zonder = services.zonder_locatie([regel])[regel.pk]
    assert zonder["bestaande_locaties"] == 50
    assert zonder["bestuurlijke_voornemens"] == 0
    assert zonder["met_locatie"] == 983


def test_verouderde_versie_en_andere_provincie_geweigerd(
    register, verslag_gelderland, prt_gelderland, prt_noord_holland
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    with pytest.raises(services.VerslagGewijzigd):
        services.regels_uit_locaties(
            verslag=verslag_gelderland,
            gemeente_ids={arnhem.pk},
            versie=verslag_gelderland.versie - 1,
            door=prt_gelderland,
        )
    with pytest.raises(GeenToegang):
        services.regels_uit_locaties(
            verslag=verslag_gelderland,
            gemeente_ids={arnhem.pk},
            versie=verslag_gelderland.versie,
            door=prt_noord_holland,
        )
    assert not VerslagRegelLocatie.objects.exists()


def test_pagina_voorbeeld_dan_overnemen(client, register, verslag_gelderland, prt_gelderland):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    client.force_login(prt_gelderland)
    verslag = client.get("/regietafels/gelderland/verslag/?cyclus=2026").content.decode()
    assert "Uit het locatieregister" in verslag
    assert f"uit-locaties/?cyclus=2026&amp;gemeente={arnhem.pk}" in verslag

    url = f"/regietafels/gelderland/verslag/uit-locaties/?cyclus=2026&gemeente={arnhem.pk}"
    voorbeeld = client.get(url)
    tekst = voorbeeld.content.decode()
    assert voorbeeld.status_code == 200
    assert "bestaande locaties: 0 → <strong>650</strong>" in tekst
    assert "Plan Arnhem-Zuid" in tekst and "Heumensoord" not in tekst

    zonder = client.post(url, {"versie": verslag_gelderland.versie, "gemeente": arnhem.pk})
    assert zonder.status_code == 400
    assert VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente=arnhem).aangeboden == 0

    # 983 is more than three times Arnhem's indicative number: asked on the preview
    assert "meer dan drie keer het indicatieve aantal" in tekst
    hoog = client.post(
        url, {"versie": verslag_gelderland.versie, "gemeente": arnhem.pk, "bevestigd": "on"}
    )
    assert hoog.status_code == 400
    assert "Bevestig de aantallen" in hoog.content.decode()
    assert VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente=arnhem).aangeboden == 0

    klaar = client.post(
        url,
        {
            "versie": verslag_gelderland.versie,
            "gemeente": arnhem.pk,
            "bevestigd": "on",
            "hoog_bevestigd": "on",
        },
    )
    assert klaar.status_code == 302
    assert VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente=arnhem).aangeboden == 983
    # only Arnhem's row was built
    nijmegen = VerslagRegel.objects.get(verslag=verslag_gelderland, gemeente__naam="Nijmegen")
    assert nijmegen.aangeboden == 0


def test_alleen_de_eigen_prt_bewerkt(client, register, verslag_gelderland, coa, prt_noord_holland):
    url = "/regietafels/gelderland/verslag/uit-locaties/?cyclus=2026"
    client.force_login(coa)
    assert client.get(url).status_code == 403
    client.force_login(prt_noord_holland)
    assert client.get(url).status_code == 404
