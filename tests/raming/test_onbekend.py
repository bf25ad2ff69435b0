"""Figures that are not recorded are unknown ("onbekend"), never 0; totals equal their rows;
"nog te realiseren" is explained (issue 17)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from raming import services
from raming.models import Provincie, ProvincieVerdeling
from raming.selectors import raming_cijfers
from tests.factories import ministerie_actor

OPGAVEN_2024 = {
    "PV20": 2717, "PV21": 3391, "PV22": 2691, "PV23": 6325, "PV24": 2441, "PV25": 11704,
    "PV26": 8207, "PV27": 16290, "PV28": 19776, "PV29": 2109, "PV30": 14689, "PV31": 5662,
}  # fmt: skip


@pytest.fixture
def raming_2024(db, gemeenten, ministerie):
    cyclus = services.cyclus_aanmaken(jaar=2024, door=ministerie_actor())
    return services.historische_raming_vastleggen(
        cyclus=cyclus,
        landelijk_aantal=96_000,
        amv_aantal=8_140,
        opgaven=OPGAVEN_2024,
        gepubliceerd_op=dt.date(2024, 1, 31),
        staatscourant_referentie="Stcrt. 2024, 3320",
        toelichting="Zoals gepubliceerd.",
        door=ministerie,
    )


def test_historische_raming_amv_en_beschikbaar_onbekend(raming_2024):
    rijen = ProvincieVerdeling.objects.filter(raming=raming_2024)
    assert rijen.count() == 12
    assert all(p.amv is None for p in rijen)
    assert all(p.meerjarig_beschikbaar is None and p.nog_te_realiseren is None for p in rijen)
    cijfers = raming_cijfers(raming_2024)
    assert cijfers.som_opgaven == 96_002
    assert cijfers.som_amv is None
    assert cijfers.meerjarig_beschikbaar is None
    assert cijfers.nog_te_realiseren is None


def test_openbare_pagina_2024_zegt_onbekend_niet_nul(client, raming_2024):
    r = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2024}))
    assert r.status_code == 200
    tabel = r.text[r.text.index("Provinciale opgave per provincie") :]
    tabel = tabel[: tabel.index("</table>")]
    # every province row: amv, beschikbaar, nog te realiseren unknown; and the total row too
    assert tabel.count(">onbekend<") == 13 * 3
    assert "96.002" in tabel
    assert ">96.002<" in tabel and "nog te realiseren 96.002" not in r.text.lower()
    assert "onbekend zolang het meerjarig beschikbaar niet bekend is" in r.text


def test_exports_2024_zeggen_onbekend(client, raming_2024):
    r = client.get(reverse("raming:openbaar_csv", kwargs={"jaar": 2024, "niveau": "provincies"}))
    rijen = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rijen) == 12
    assert {r["waarvan_amv"] for r in rijen} == {"onbekend"}
    assert {r["nog_te_realiseren"] for r in rijen} == {"onbekend"}
    r = client.get(reverse("raming:openbaar_xlsx", kwargs={"jaar": 2024}))
    blad = load_workbook(io.BytesIO(r.content))["Provincies"]
    kop = [c.value for c in blad[1]]
    kolom = kop.index("nog_te_realiseren")
    waarden = [rij[kolom].value for rij in blad.iter_rows(min_row=2)]
    assert waarden == ["onbekend"] * 12


def test_nog_te_realiseren_uitgelegd_per_provincie_en_totaal(
    client, cyclus, invoerbesluit, met_ses, ministerie
):
    provincies = {p.code: p for p in Provincie.objects.all()}
    raming = services.raming_aanmaken(
        cyclus=cyclus, invoerbesluit=invoerbesluit, peildatum_inwoners=dt.date(2023, 1, 1),
        ses_jaar=2022, door=ministerie_actor(),
    )  # fmt: skip
    services.raming_berekenen(raming=raming, door=ministerie_actor())
    opgaven = dict(raming.provincies.values_list("provincie__code", "opgave"))
    # Groningen above its opgave, every other province 1,000 short
    for code, opgave in opgaven.items():
        aantal = opgave + 100 if code == "PV20" else opgave - 1000
        services.meerjarig_beschikbaar_vastleggen(
            cyclus=cyclus, provincie=provincies[code], aantal=aantal,
            peildatum=dt.date(2026, 2, 1), door=ministerie_actor(),
        )  # fmt: skip
    services.raming_berekenen(raming=raming, door=ministerie_actor())
    cijfers = raming_cijfers(raming)
    assert cijfers.nog_te_realiseren == 11 * 1000
    assert cijfers.nog_te_realiseren == sum(p["nog_te_realiseren"] for p in cijfers.provincies)
    assert cijfers.landelijk_tekort == cijfers.som_opgaven - cijfers.meerjarig_beschikbaar
    assert cijfers.landelijk_tekort == 11_000 - 100
    assert cijfers.provincies_boven_opgave == ["Groningen"]
    client.force_login(ministerie)
    r = client.get(reverse("raming:raming", kwargs={"pk": raming.pk}))
    assert "provinciale opgave − meerjarig beschikbaar" in r.text
    assert "De som per provincie is 11.000, omdat Groningen meer beschikbaar heeft" in r.text


def test_totalen_van_pagina_en_export_zijn_som_van_rijen(
    client, cyclus, invoerbesluit, met_ses, ministerie
):
    raming = services.raming_aanmaken(
        cyclus=cyclus,
        invoerbesluit=invoerbesluit,
        peildatum_inwoners=dt.date(2023, 1, 1),
        ses_jaar=2022,
        afrondingsmethode="grootste_overschot",
        door=ministerie_actor(),
    )
    services.raming_berekenen(raming=raming, door=ministerie_actor())
    cijfers = raming_cijfers(raming)
    assert cijfers.som_gemeenten == cijfers.som_opgaven == 88_000
    assert cijfers.som_amv_gemeenten == cijfers.som_amv == 7_480
    client.force_login(ministerie)
    r = client.get(reverse("raming:raming", kwargs={"pk": raming.pk}))
    voet = r.text[r.text.index("Totaal (342 gemeenten)") :]
    voet = voet[: voet.index("</tfoot>")]
    assert ">88.000<" in voet and ">7.480<" in voet
