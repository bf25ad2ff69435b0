"""The realisation workbook names locations (column D: COA reference or register number):
download shows the reports' locations and lists the gemeente's own, upload checks a named
location against the register with Dutch messages per cell, and a report on a location is
counted once (the location counts already)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels import selectors
from regietafels.models import Realisatiemelding
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def besluit(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    return besluit


def _locatie(gemeente, naam, *, coa="", fase="in_gebruik", plekken=100):
    return Opvanglocatie.objects.create(
        gemeente=gemeente,
        naam=naam,
        coa_referentie=coa,
        capaciteit_regulier=plekken,
        capaciteit_amv=0,
        soort="regulier_azc",
        fase=fase,
        fase_sinds=dt.date(2026, 9, 1),
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 9, 1),
    )


def _opslaan(wb) -> io.BytesIO:
    uit = io.BytesIO()
    wb.save(uit)
    uit.seek(0)
    uit.name = "realisatie.xlsx"
    return uit


def _stand(cyclus, gemeente):
    return selectors.standen(cyclus, gemeente_ids={gemeente.pk})[gemeente.pk]


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=AMS))
def test_werkboek_met_locaties_rondgang(client, cyclus, besluit, gemeente_arnhem):
    arnhem = gemeente_arnhem.gemeente
    noord = _locatie(arnhem, "Azc Arnhem-Noord", coa="COA-ARN-01", plekken=120)
    zuid = _locatie(arnhem, "Azc Arnhem-Zuid", plekken=80)  # no COA reference
    gepland = _locatie(arnhem, "Schuytgraaf", coa="COA-ARN-03", fase="planvorming")
    ede = _locatie(Gemeente.objects.get(naam="Ede"), "Azc Ede", coa="COA-EDE-01")
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 9, 10),
        aantal=None,
        locatie=noord,
        door=gemeente_arnhem,
    )
    # the locations count, the report on Arnhem-Noord adds nothing
    assert _stand(cyclus, arnhem).totaal == 200

    client.force_login(gemeente_arnhem)
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    blad = wb["Meldingen"]
    assert blad["D1"].value == "Locatie (COA-referentie of registernummer)"
    assert (blad["B2"].value, blad["D2"].value) == (120, "COA-ARN-01")
    lijst = [[c.value for c in r] for r in wb["Locaties"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2], r[3]) for r in lijst] == [
        (noord.pk, "COA-ARN-01", "Azc Arnhem-Noord", 120),
        (zuid.pk, None, "Azc Arnhem-Zuid", 80),
        (gepland.pk, "COA-ARN-03", "Schuytgraaf", 100),
    ]  # only Arnhem's own
    assert blad["D3"].protection.locked is False

    # every kind of mistake, each with its cell and a Dutch message
    blad["A3"], blad["D3"] = "01-10-2026", "coa-ede-01"  # another gemeente's location
    blad["A4"], blad["D4"] = "01-10-2026", "COA-ARN-03"  # not in gebruik
    blad["A5"], blad["B5"], blad["D5"] = "01-10-2026", 50, zuid.pk  # not its places
    blad["A6"], blad["D6"] = "01-10-2026", "COA-ARN-01"  # reported already
    blad["A7"], blad["D7"] = "01-10-2026", "onbekend"
    url = reverse("regietafels:realisatie_werkboek_uploaden")
    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    fouten = [(f.cel, f.melding) for f in antwoord.context["fouten"]]
    assert fouten == [
        (
            "D3",
            "Arnhem heeft geen locatie met deze COA-referentie of dit registernummer in het "
            "locatieregister (zie het blad 'Locaties').",
        ),
        (
            "D4",
            "Volgens het locatieregister is Schuytgraaf op 01-10-2026 niet in gebruik en "
            "beschikbaar. Meld eerst in het register dat de locatie in gebruik is, of kies een "
            "latere datum.",
        ),
        (
            "B5",
            "Bij een melding voor Azc Arnhem-Zuid is het aantal de 80 plekken die het "
            "register voor deze locatie heeft. Laat het aantal leeg, of pas eerst de capaciteit "
            "in het register aan.",
        ),
        (
            "D6",
            "Er is al een melding voor Azc Arnhem-Noord; de locatie telt maar één keer. "
            "Corrigeer die melding op de gemeentepagina in plaats van een tweede te doen.",
        ),
        (
            "D7",
            "Arnhem heeft geen locatie met deze COA-referentie of dit registernummer in het "
            "locatieregister (zie het blad 'Locaties').",
        ),
    ]
    assert ede.pk not in {r[0] for r in lijst}

    # corrected: Arnhem-Zuid by its register number with the number left empty, one report
    # without a location
    for cel in ("A3", "D3", "A4", "D4", "A6", "D6", "A7", "D7", "B5"):
        blad[cel] = None
    blad["A3"], blad["D3"] = "15-10-2026", str(zuid.pk)
    blad["A4"], blad["B4"], blad["C4"] = "20-10-2026", 7, "kamers boven het gemeentehuis"
    for cel in ("A5", "D5"):
        blad[cel] = None
    antwoord = client.post(url, {"bestand": _opslaan(wb)})
    assert antwoord.context["fouten"] == []
    nieuw = antwoord.context["nieuw"]
    assert [(m.rij, m.aantal, m.locatie) for m in nieuw] == [(3, 80, zuid), (4, 7, None)]
    assert antwoord.context["totaal_na"] == 207  # 200 + 7: Arnhem-Zuid counts already
    html = antwoord.content.decode()
    assert "Azc Arnhem-Zuid (telt al als locatie in gebruik; komt er niet bij)" in html
    data = dict(
        (naam, waarde)
        for naam, waarde in re.findall(r'name="([^"]+)" value="([^"]*)"', html)
        if naam.startswith("melding-") or naam.startswith("aantal")
    )
    assert data["melding-0-locatie"] == str(zuid.pk) and data["melding-1-locatie"] == ""
    assert antwoord.context["boven_besluit"]  # 207 is more than Arnhem's number
    data["bevestigd"] = "ja"
    antwoord = client.post(reverse("regietafels:realisatie_werkboek_toepassen"), data)
    assert antwoord.status_code == 302
    melding = Realisatiemelding.objects.get(locatie=zuid)
    assert (melding.datum, melding.aantal) == (dt.date(2026, 10, 15), 80)
    # counted once: the two locations and the 7 places without a location
    assert _stand(cyclus, arnhem).totaal == 207

    # the next download shows the report by the location's register number
    wb = load_workbook(io.BytesIO(client.get(reverse("regietafels:realisatie_werkboek")).content))
    rijen = [
        (r[1], r[3]) for r in wb["Meldingen"].iter_rows(min_row=2, max_row=4, values_only=True)
    ]
    assert rijen == [(120, "COA-ARN-01"), (80, zuid.pk), (7, None)]


def test_toepassen_weigert_een_locatie_van_een_andere_gemeente(
    client, cyclus, besluit, gemeente_arnhem
):
    ede = _locatie(Gemeente.objects.get(naam="Ede"), "Azc Ede", coa="COA-EDE-01")
    client.force_login(gemeente_arnhem)
    data = {
        "aantal_nu": "0",
        "aantal": "1",
        "melding-0-rij": "2",
        "melding-0-datum": "01-10-2026",
        "melding-0-aantal": "100",
        "melding-0-opmerking": "",
        "melding-0-locatie": str(ede.pk),
    }
    antwoord = client.post(reverse("regietafels:realisatie_werkboek_toepassen"), data)
    assert antwoord.status_code == 302
    assert not Realisatiemelding.objects.exists()
