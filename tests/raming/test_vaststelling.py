"""Adopting and publishing a raming without a shell: review, the recorded exception for
gemeenten without inputs, confirmation pages and the API dry run (issues 14 and 17)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.rechten import GeenToegang
from raming import services, vaststelling
from raming.models import Raming, SesWoaScore
from raming.services import RamingFout

S = Raming.Status
PEILDATUM = dt.date(2023, 1, 1)


@pytest.fixture
def zonder_twee_scores(met_ses):
    SesWoaScore.objects.filter(gemeente__code__in=["GM0014", "GM0034"], jaar=2022).delete()


@pytest.fixture
def onvolledig(cyclus, invoerbesluit, zonder_twee_scores, ministerie):
    raming = services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=invoerbesluit,
        peildatum_inwoners=PEILDATUM,
        ses_jaar=2022,
        door=ministerie,
    )
    return services.raming_berekenen(raming=raming, door=ministerie)


def test_zonder_score_geblokkeerd_tot_uitzondering(onvolledig, ministerie):
    problemen = services.vaststellen_belemmeringen(onvolledig)
    assert any("2 gemeente(n) zonder volledige invoer" in p for p in problemen)
    assert any("Almere (SES-WOA-score 2022)" in p for p in problemen)
    with pytest.raises(RamingFout, match="zonder volledige invoer"):
        services.raming_vaststellen(raming=onvolledig, door=ministerie)

    raming = vaststelling.uitzondering_vastleggen(
        raming=onvolledig, reden="Scores 2022 van CBS nog niet gepubliceerd.", door=ministerie
    )
    assert [g["naam"] for g in raming.uitzondering_gemeenten] == ["Almere", "Groningen"]
    assert raming.uitzondering_door == ministerie
    raming = services.raming_vaststellen(raming=raming, door=ministerie)
    assert raming.status == S.VASTGESTELD


def test_uitzondering_geldt_alleen_voor_dezelfde_gemeenten(onvolledig, ministerie):
    vaststelling.uitzondering_vastleggen(
        raming=onvolledig, reden="Scores 2022 van CBS nog niet gepubliceerd.", door=ministerie
    )
    SesWoaScore.objects.filter(gemeente__code="GM0363", jaar=2022).delete()
    onvolledig.refresh_from_db()
    with pytest.raises(RamingFout, match="leg haar opnieuw vast"):
        services.raming_vaststellen(raming=onvolledig, door=ministerie)


def test_uitzondering_eisen(onvolledig, ministerie, prt_gelderland):
    with pytest.raises(RamingFout, match="ten minste tien tekens"):
        vaststelling.uitzondering_vastleggen(raming=onvolledig, reden="kort", door=ministerie)
    with pytest.raises(GeenToegang):
        vaststelling.uitzondering_vastleggen(
            raming=onvolledig, reden="Een lange genoeg reden.", door=prt_gelderland
        )


def test_uitzondering_overal_bij_de_cijfers(client, onvolledig, ministerie):
    raming = vaststelling.uitzondering_vastleggen(
        raming=onvolledig, reden="Scores 2022 van CBS nog niet gepubliceerd.", door=ministerie
    )
    services.raming_vaststellen(raming=raming, door=ministerie)
    services.raming_publiceren(
        raming=raming,
        staatscourant_referentie="Stcrt. 2026, 1",
        gepubliceerd_op=timezone.localdate(),
        door=ministerie,
    )
    openbaar = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2026})).text
    assert "Uitzondering bij de vaststelling" in openbaar
    assert "Scores 2022 van CBS nog niet gepubliceerd." in openbaar
    assert "Almere (SES-WOA-score 2022)" in openbaar
    gemeente = client.get(
        reverse("raming:openbaar_gemeente", kwargs={"jaar": 2026, "slug": "almere"})
    ).text
    assert "voor Almere ontbrak bij de vaststelling: SES-WOA-score 2022" in gemeente
    client.force_login(ministerie)
    detail = client.get(f"/api/v1/ramingen/{raming.pk}/").json()
    assert detail["uitzondering_reden"] == "Scores 2022 van CBS nog niet gepubliceerd."
    assert {g["code"] for g in detail["uitzondering_gemeenten"]} == {"GM0014", "GM0034"}


def test_bevestigingspagina_en_uitzondering_in_de_paginas(client, onvolledig, ministerie):
    client.force_login(ministerie)
    url = reverse("raming:raming_vaststellen", kwargs={"pk": onvolledig.pk})
    r = client.get(url)
    assert "Vaststellen kan nu niet" in r.text and "Almere" in r.text
    r = client.post(
        reverse("raming:raming_uitzondering", kwargs={"pk": onvolledig.pk}),
        {"uz-reden": "Scores 2022 van CBS nog niet gepubliceerd."},
    )
    assert r.status_code == 302
    r = client.get(url)
    assert "Wie bericht krijgt" in r.text and "PRT-secretaris" in r.text
    assert client.post(url, {"bevestigd": "on"}).status_code == 302
    r = client.get(reverse("raming:raming_publiceren", kwargs={"pk": onvolledig.pk}))
    assert "PRT-secretarissen" in r.text
    assert "zonder inloggen" in r.text
    onvolledig.refresh_from_db()
    assert onvolledig.status == S.VASTGESTELD


class TestApiProefdraai:
    def test_vaststellen_voorbeeld_verandert_niets(self, client, onvolledig, ministerie):
        client.force_login(ministerie)
        r = client.post(f"/api/v1/ramingen/{onvolledig.pk}/vaststellen/voorbeeld/")
        assert r.status_code == 200
        data = r.json()
        assert data["kan"] is False
        assert any("zonder volledige invoer" in b for b in data["belemmeringen"])
        assert {o["code"] for o in data["ontbrekend"]} == {"GM0014", "GM0034"}
        r = client.post(
            f"/api/v1/ramingen/{onvolledig.pk}/uitzondering/",
            {"reden": "Scores 2022 van CBS nog niet gepubliceerd."},
            content_type="application/json",
        )
        assert r.status_code == 200
        data = client.post(f"/api/v1/ramingen/{onvolledig.pk}/vaststellen/voorbeeld/").json()
        assert data["kan"] is True
        assert data["uitzondering"]["reden"].startswith("Scores 2022")
        onvolledig.refresh_from_db()
        assert onvolledig.status == S.CONCEPT

    def test_publiceren_voorbeeld(self, client, vastgesteld, ministerie, prt_gelderland):
        client.force_login(ministerie)
        r = client.post(
            f"/api/v1/ramingen/{vastgesteld.pk}/publiceren/voorbeeld/",
            {
                "staatscourant_referentie": "Stcrt. 2026, 9",
                "gepubliceerd_op": str(timezone.localdate()),
            },
            content_type="application/json",
        )
        assert r.status_code == 200
        data = r.json()
        assert data["kan"] is True
        assert any(w.startswith("De PRT-secretaris:") for w in data["wie_bericht"])
        assert any("/raming/openbaar/2026/" in w for w in data["wordt_openbaar"])
        vastgesteld.refresh_from_db()
        assert vastgesteld.status == S.VASTGESTELD
        client.force_login(prt_gelderland)
        r = client.post(f"/api/v1/ramingen/{vastgesteld.pk}/publiceren/voorbeeld/")
        assert r.status_code in (403, 404)


def test_uitzondering_op_de_startpagina(client, onvolledig, ministerie, gemeente_arnhem):
    raming = vaststelling.uitzondering_vastleggen(
        raming=onvolledig, reden="Scores 2022 van CBS nog niet gepubliceerd.", door=ministerie
    )
    services.raming_vaststellen(raming=raming, door=ministerie)
    services.raming_publiceren(
        raming=raming,
        staatscourant_referentie="Stcrt. 2026, 1",
        gepubliceerd_op=timezone.localdate(),
        door=ministerie,
    )
    client.force_login(gemeente_arnhem)
    r = client.get("/")
    assert "vastgesteld met een uitzondering voor 2 gemeente(n) zonder volledige invoer" in r.text
    assert "waaronder deze gemeente" not in r.text  # Arnhem has its inputs
