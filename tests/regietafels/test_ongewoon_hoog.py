"""A verslag row offering more than three times its indicative number is possible but unusual:
the service asks for an explicit confirmation (page: a confirmation step with the consequence;
API: ``bevestigd`` and a dry run), and a confirmed figure is not asked again."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from regietafels.models import VerslagRegel
from regietafels.services import BevestigingNodig, verslag_opslaan
from tests.regietafels.conftest import regels_invoer

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)


def _regel(verslag, naam) -> VerslagRegel:
    return verslag.regels.select_related("gemeente").get(gemeente__naam=naam)


def test_boven_drie_keer_vraagt_bevestiging_en_slaat_niets_op(verslag_gelderland, prt_gelderland):
    arnhem = _regel(verslag_gelderland, "Arnhem")
    ede = _regel(verslag_gelderland, "Ede")
    drie_keer = 3 * arnhem.indicatief_aantal
    invoer = regels_invoer(
        verslag_gelderland,
        Arnhem={"bestaande_locaties": drie_keer + 1},
        Ede={"bestaande_locaties": 3 * ede.indicatief_aantal},  # exactly three times: usual
    )
    with pytest.raises(BevestigingNodig) as fout:
        verslag_opslaan(verslag=verslag_gelderland, versie=1, regels=invoer, door=prt_gelderland)
    assert [r["gemeente"] for r in fout.value.regels] == ["Arnhem"]
    assert fout.value.regels[0]["aangeboden"] == drie_keer + 1
    assert "meer dan drie keer het indicatieve aantal" in fout.value.message_dict["bevestigd"][0]
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.versie == 1
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == 0
    assert _regel(verslag_gelderland, "Ede").bestaande_locaties == 0


def test_bevestiging_geldt_voor_het_bevestigde_aantal(verslag_gelderland, prt_gelderland):
    arnhem = _regel(verslag_gelderland, "Arnhem")
    hoog = 3 * arnhem.indicatief_aantal + 50
    invoer = regels_invoer(verslag_gelderland, Arnhem={"bestaande_locaties": hoog})
    # A confirmation of another figure (the user changed it after confirming) is asked again.
    with pytest.raises(BevestigingNodig):
        verslag_opslaan(
            verslag=verslag_gelderland,
            versie=1,
            regels=invoer,
            door=prt_gelderland,
            bevestigd={arnhem.gemeente_id: hoog - 1},
        )
    verslag = verslag_opslaan(
        verslag=verslag_gelderland,
        versie=1,
        regels=invoer,
        door=prt_gelderland,
        bevestigd={arnhem.gemeente_id: hoog},
    )
    assert _regel(verslag, "Arnhem").aangeboden == hoog
    # Saving again with the confirmed figure unchanged does not ask again...
    verslag = verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem={"opmerking": "grote locatie"}),
        door=prt_gelderland,
    )
    assert _regel(verslag, "Arnhem").opmerking == "grote locatie"
    # ...a higher figure does.
    with pytest.raises(BevestigingNodig):
        verslag_opslaan(
            verslag=verslag,
            versie=verslag.versie,
            regels=regels_invoer(verslag, Arnhem={"vastgestelde_plannen": 10}),
            door=prt_gelderland,
        )


@time_machine.travel(NU)
def test_pagina_toont_bevestigingsstap_met_gevolg_en_houdt_invoer(
    client, verslag_gelderland, prt_gelderland
):
    client.force_login(prt_gelderland)
    arnhem = _regel(verslag_gelderland, "Arnhem")
    hoog = 3 * arnhem.indicatief_aantal + 7
    url = reverse("regietafels:verslag", kwargs={"slug": "gelderland"})
    data = {"versie": "1", "open_besluiten": "", "knelpunten": "nog te bespreken"}
    for r in verslag_gelderland.regels.all():
        for veld in ("bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"):
            data[f"regel-{r.gemeente_id}-{veld}"] = "0"
        data[f"regel-{r.gemeente_id}-amv"] = "0"
    data[f"regel-{arnhem.gemeente_id}-bestaande_locaties"] = str(hoog)
    response = client.post(url, data)
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "<title>Fout: " in tekst
    assert 'href="#id_bevestigd"' in tekst  # the error summary links to the confirmation
    assert "Ongewoon hoge aantallen: bevestigen" in tekst
    assert f"Arnhem: {hoog:,} plekken aangeboden".replace(",", ".") in tekst
    assert "Bij indienen tellen ze mee in het totaal van de provincie" in tekst
    assert f'name="bevestigd-{arnhem.gemeente_id}" value="{hoog}"' in tekst
    assert f'value="{hoog}"' in tekst and "nog te bespreken" in tekst  # input kept
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == 0

    # Confirmed without ticking the box: asked again.
    data[f"bevestigd-{arnhem.gemeente_id}"] = str(hoog)
    assert client.post(url, data).status_code == 400
    data["bevestigd"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == hoog


def test_api_bevestigd_en_proefrun(verslag_gelderland, prt_gelderland):
    api = APIClient()
    api.force_authenticate(prt_gelderland)
    arnhem = _regel(verslag_gelderland, "Arnhem")
    hoog = 3 * arnhem.indicatief_aantal + 1
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/opslaan/"
    regels = [{"gemeente": arnhem.gemeente_id, "bestaande_locaties": hoog}]

    response = api.post(url, {"versie": 1, "regels": regels}, format="json")
    assert response.status_code == 400
    fout = response.json()
    assert fout["status"] == 400
    assert "Arnhem" in fout["velden"]["bevestigd"][0]

    response = api.post(url, {"versie": 1, "regels": regels, "voorbeeld": True}, format="json")
    assert response.status_code == 200, response.json()
    antwoord = response.json()
    assert antwoord["voorbeeld"] is True and antwoord["opgeslagen"] is False
    assert [
        (r["gemeente"], r["aangeboden"], r["indicatief"]) for r in antwoord["bevestiging_nodig"]
    ] == [("Arnhem", hoog, arnhem.indicatief_aantal)]
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.versie == 1
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == 0

    response = api.post(url, {"versie": 1, "regels": regels, "bevestigd": True}, format="json")
    assert response.status_code == 200, response.json()
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == hoog


def test_api_proefrun_meldt_ook_gewone_fouten(verslag_gelderland, prt_gelderland):
    api = APIClient()
    api.force_authenticate(prt_gelderland)
    arnhem = _regel(verslag_gelderland, "Arnhem")
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/opslaan/"
    response = api.post(
        url,
        {
            "versie": 1,
            "voorbeeld": True,
            "regels": [{"gemeente": arnhem.gemeente_id, "bestaande_locaties": 1, "amv": 5}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert f"regel-{arnhem.gemeente_id}-amv" in response.json()["velden"]


@time_machine.travel(NU)
def test_werkboek_voorbeeld_vraagt_dezelfde_bevestiging(client, verslag_gelderland, prt_gelderland):
    from regietafels import werkboek
    from tests.regietafels.test_werkboek import _download, _openen, _opslaan, _rijen, _uploaden

    client.force_login(prt_gelderland)
    arnhem = _regel(verslag_gelderland, "Arnhem")
    hoog = 3 * arnhem.indicatief_aantal + 2
    wb = _openen(_download(client))
    blad = wb[werkboek.BLAD]
    blad[f"{werkboek.KOLOM['bestaande_locaties']}{_rijen(blad)['Arnhem']}"] = hoog
    antwoord = _uploaden(client, _opslaan(wb))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Ongewoon hoge aantallen: bevestigen" in html
    assert 'name="ongewoon_bevestigd"' in html and f'name="bevestigd-{arnhem.gemeente_id}"' in html

    toepassen = reverse("regietafels:verslag_werkboek_toepassen", kwargs={"slug": "gelderland"})
    data = {
        "versie": "1",
        f"regel-{arnhem.gemeente_id}-bestaande_locaties": str(hoog),
        f"bevestigd-{arnhem.gemeente_id}": str(hoog),
    }
    assert client.post(toepassen, data).status_code == 302
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == 0  # not confirmed
    data["ongewoon_bevestigd"] = "1"
    assert client.post(toepassen, data).status_code == 302
    assert _regel(verslag_gelderland, "Arnhem").bestaande_locaties == hoog


def test_indienen_proefrun_in_de_api_en_gevolgen_op_de_pagina(
    client, verslag_gelderland, prt_gelderland, ministerie
):
    api = APIClient()
    api.force_authenticate(prt_gelderland)
    url = f"/api/v1/verslagen/{verslag_gelderland.pk}/indienen/"
    with time_machine.travel(NU):
        antwoord = api.post(url, {"voorbeeld": True}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    gevolgen = antwoord.json()
    assert gevolgen["voorbeeld"] is True and gevolgen["te_laat"] is False
    assert gevolgen["termijn"] == "2026-11-01"
    assert any("ministerie" in r for r in gevolgen["wie_bericht"])
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == "concept"
    assert not verslag_gelderland.versies.exists()
    from meldingen.models import Mail, Melding

    assert not Melding.objects.exists() and not Mail.objects.exists()
    # the dry run checks what the act checks: the ministry may not submit
    api.force_authenticate(ministerie)
    assert api.post(url, {"voorbeeld": True}, format="json").status_code == 403

    client.force_login(prt_gelderland)
    with time_machine.travel(NU):
        pagina = client.get(reverse("regietafels:indienen", kwargs={"slug": "gelderland"}))
    tekst = pagina.content.decode()
    assert "Wie bericht krijgt" in tekst and "het verslag wacht op beoordeling" in tekst
    assert "bevroren" in tekst
