"""A gemeente with many realisation reports: download them as a workbook, add rows, upload,
see every new report and every error with its cell, record them all at once; a workbook of
another gemeente, or one already read in, is refused."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regietafels.models import Realisatiemelding
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def besluit(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    return besluit


def _opslaan(wb) -> io.BytesIO:
    uit = io.BytesIO()
    wb.save(uit)
    uit.seek(0)
    uit.name = "realisatie.xlsx"
    return uit


def test_realisatie_rondgang(client, cyclus, besluit, gemeente_arnhem):
    realisatie_melden(
        gemeente=gemeente_arnhem.gemeente,
        cyclus=cyclus,
        datum=dt.date(2026, 9, 5),
        aantal=12,
        door=gemeente_arnhem,
    )
    client.force_login(gemeente_arnhem)
    antwoord = client.get(reverse("regietafels:realisatie_werkboek"))
    assert antwoord.status_code == 200
    wb = load_workbook(io.BytesIO(antwoord.content))
    blad = wb["Meldingen"]
    assert blad.protection.sheet and blad["A2"].protection.locked and blad["B2"].value == 12
    assert blad["A3"].protection.locked is False
    blad["A3"], blad["B3"], blad["C3"] = dt.datetime(2026, 9, 20), 8, "Locatie Schuytgraaf"
    blad["A4"], blad["B4"] = "01-10-2026", 15
    blad["A5"], blad["B5"] = "01-10-2026", "veel"
    url = reverse("regietafels:realisatie_werkboek_uploaden")
    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    assert antwoord.status_code == 200
    assert [(m.rij, m.datum, m.aantal) for m in antwoord.context["nieuw"]] == [
        (3, dt.date(2026, 9, 20), 8),
        (4, dt.date(2026, 10, 1), 15),
    ]
    assert [(f.cel, f.melding) for f in antwoord.context["fouten"]] == [
        ("B5", "Vul een heel getal van 1 of meer in.")
    ]
    assert 'id="toepassen-form"' not in antwoord.content.decode()

    blad["B5"] = 3
    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    assert antwoord.context["fouten"] == [] and len(antwoord.context["nieuw"]) == 3
    html = antwoord.content.decode()
    data = dict(
        (naam, waarde)
        for naam, waarde in re.findall(r'name="([^"]+)" value="([^"]*)"', html)
        if naam.startswith("melding-") or naam.startswith("aantal")
    )
    toepassen = reverse("regietafels:realisatie_werkboek_toepassen")
    antwoord = client.post(toepassen, data)
    assert antwoord.status_code == 302
    meldingen = Realisatiemelding.objects.filter(gemeente=gemeente_arnhem.gemeente)
    assert sorted(meldingen.values_list("datum", "aantal")) == [
        (dt.date(2026, 9, 5), 12),
        (dt.date(2026, 9, 20), 8),
        (dt.date(2026, 10, 1), 3),
        (dt.date(2026, 10, 1), 15),
    ]
    assert meldingen.get(aantal=8).opmerking == "Locatie Schuytgraaf"
    # the same preview again, or the same workbook again: nothing twice
    client.post(toepassen, data)
    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    assert antwoord.status_code == 400
    assert "zijn er meldingen bijgekomen" in antwoord.content.decode()
    assert meldingen.count() == 4


def test_realisatie_werkboek_van_andere_gemeente_geweigerd(
    client, cyclus, besluit, gemeente_arnhem
):
    from accounts.models import Rol
    from raming.models import Gemeente

    ede = GebruikerFactory(
        username="t-gemeente-ede", rol=Rol.GEMEENTE, gemeente=Gemeente.objects.get(naam="Ede")
    )
    client.force_login(gemeente_arnhem)
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    wb["Meldingen"]["A2"], wb["Meldingen"]["B2"] = "01-10-2026", 5
    client.force_login(ede)
    antwoord = client.post(
        reverse("regietafels:realisatie_werkboek_uploaden"), {"bestand": _opslaan(wb)}
    )
    assert antwoord.status_code == 400
    assert "hoort bij een andere gemeente" in antwoord.content.decode()
    assert not Realisatiemelding.objects.exists()


def _voorbeeld(client, wb):
    antwoord = client.post(
        reverse("regietafels:realisatie_werkboek_uploaden"), {"bestand": _opslaan(wb)}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    return antwoord, {
        naam: waarde
        for naam, waarde in re.findall(r'name="([^"]+)" value="([^"]*)"', html)
        if naam.startswith("melding-") or naam.startswith("aantal")
    }


def test_realisatie_boven_het_besluit_na_bevestiging(client, cyclus, besluit, gemeente_arnhem):
    """Above the gemeente's number in the verdeelbesluit the preview says so and asks for a
    confirmation, as the single-report form does; without it nothing is recorded and the
    preview comes back with the message."""
    besluit.regels.filter(gemeente=gemeente_arnhem.gemeente).update(aantal=20)
    client.force_login(gemeente_arnhem)
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    wb["Meldingen"]["A2"], wb["Meldingen"]["B2"] = "01-10-2026", 15
    wb["Meldingen"]["A3"], wb["Meldingen"]["B3"] = "02-10-2026", 10
    antwoord, data = _voorbeeld(client, wb)
    html = antwoord.content.decode()
    assert "komt Arnhem op 25 gerealiseerde plekken, meer dan de 20" in html
    assert 'name="bevestigd"' in html

    toepassen = reverse("regietafels:realisatie_werkboek_toepassen")
    antwoord = client.post(toepassen, data)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Er is niets vastgelegd" in html and "Bevestig het aantal" in html
    assert html.count('name="melding-1-aantal" value="10"') == 1  # the preview is kept
    assert not Realisatiemelding.objects.exists()

    antwoord = client.post(toepassen, {**data, "bevestigd": "ja"})
    assert antwoord.status_code == 302
    assert sorted(Realisatiemelding.objects.values_list("aantal", flat=True)) == [10, 15]


@pytest.mark.parametrize(
    "wijziging",
    [
        {"aantal": "abc"},
        {"aantal": "99999999999999999999999"},
        {"aantal": "-1"},
        {"aantal": ""},
        {"aantal_nu": "99999999999999999999999"},
        {"melding-0-aantal": "99999999999999999999999"},
        {"melding-0-aantal": "-5"},
        {"melding-0-datum": "31-02-2026"},
        {"melding-0-datum": "01-01-0001"},
        {"melding-0-rij": "x"},
        {"melding-0-opmerking": "a\x00b"},
    ],
)
def test_realisatie_toepassen_met_onleesbare_velden(
    client, cyclus, besluit, gemeente_arnhem, wijziging
):
    """Hidden fields changed by hand: a Dutch message and nothing recorded, never a 500."""
    client.force_login(gemeente_arnhem)
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    wb["Meldingen"]["A2"], wb["Meldingen"]["B2"] = "01-10-2026", 5
    _, data = _voorbeeld(client, wb)
    antwoord = client.post(
        reverse("regietafels:realisatie_werkboek_toepassen"), {**data, **wijziging}, follow=True
    )
    assert antwoord.status_code in (200, 400)
    html = antwoord.content.decode()
    assert "konden niet worden gelezen" in html or "niets vastgelegd" in html
    assert not Realisatiemelding.objects.exists()


def test_dezelfde_fout_in_veel_rijen_is_een_regel(client, cyclus, besluit, gemeente_arnhem):
    """A thousand rows with the same mistake: every error is known (nothing is recorded), but
    the page names ten cells per message and counts the rest."""
    client.force_login(gemeente_arnhem)
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    blad = wb["Meldingen"]
    for rij in range(2, 302):
        blad[f"A{rij}"], blad[f"B{rij}"] = "01-10-2026", "veel"
    antwoord = client.post(
        reverse("regietafels:realisatie_werkboek_uploaden"), {"bestand": _opslaan(wb)}
    )
    assert antwoord.status_code == 200
    assert len(antwoord.context["fouten"]) == 300
    lijst = re.search(r'<ul[^>]*id="foutenlijst">(.*?)</ul>', antwoord.content.decode(), re.S)
    regels = re.findall(r"<li>(.*?)</li>", lijst.group(1))
    assert regels == [
        "Cellen B2, B3, B4, B5, B6, B7, B8, B9, B10, B11 en 290 andere in kolom B: "
        "Vul een heel getal van 1 of meer in."
    ]
    assert 'id="toepassen-form"' not in antwoord.content.decode()


def test_onleesbaar_bestand_wijst_naar_de_eigen_pagina(client, cyclus, besluit, gemeente_arnhem):
    """The refusal of a file that is no workbook sent the gemeente to 'de verslagpagina',
    a page it does not have."""
    client.force_login(gemeente_arnhem)
    bestand = io.BytesIO(b"geen werkboek")
    bestand.name = "realisatie.xlsx"
    antwoord = client.post(
        reverse("regietafels:realisatie_werkboek_uploaden"), {"bestand": bestand}
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Download het werkboek van uw pagina Mijn opgave" in html
    assert "verslagpagina" not in html
