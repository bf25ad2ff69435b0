"""Realisation from the register: a location counts from the day it reached in gebruik while
available; shown beside the reports (never added, ADR 0012), with a warning where it closes
before the next raming's reference date."""

import datetime as dt

import pytest

from locaties.models import Fasewijziging, Opvanglocatie
from locaties.realisatie import gerealiseerd_op, in_gebruik_sinds
from raming.models import Gemeente
from regietafels import selectors
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def besluit(cyclus, ministerie):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    return besluit


def _locatie(gemeente, naam, *, fase, fase_sinds, tot=None, wijzigingen=()):
    loc = Opvanglocatie.objects.create(
        gemeente=gemeente,
        naam=naam,
        capaciteit_regulier=120,
        capaciteit_amv=30,
        soort="regulier_azc",
        fase=fase,
        fase_sinds=fase_sinds,
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 10, 1),
        beschikbaar_tot=tot,
    )
    for datum, van, naar in wijzigingen:
        Fasewijziging.objects.create(locatie=loc, van_fase=van, naar_fase=naar, datum=datum)
    return loc


def test_in_gebruik_sinds():
    w = [
        (dt.date(2026, 1, 1), "", "realisatie"),
        (dt.date(2026, 10, 15), "realisatie", "in_gebruik"),
    ]
    assert in_gebruik_sinds(
        huidige_fase="in_gebruik", fase_sinds=dt.date(2026, 10, 15), wijzigingen=w
    ) == dt.date(2026, 10, 15)
    assert in_gebruik_sinds(
        huidige_fase="in_gebruik", fase_sinds=dt.date(2025, 3, 1), wijzigingen=[]
    ) == dt.date(2025, 3, 1)
    assert (
        in_gebruik_sinds(huidige_fase="realisatie", fase_sinds=dt.date(2025, 3, 1), wijzigingen=[])
        is None
    )


def test_telt_vanaf_in_gebruik_zolang_beschikbaar(gemeenten):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    _locatie(
        arnhem,
        "Azc Arnhem-Noord",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 15),
        tot=dt.date(2027, 12, 31),
        wijzigingen=[
            (dt.date(2026, 1, 10), "", "realisatie"),
            (dt.date(2026, 10, 15), "realisatie", "in_gebruik"),
        ],
    )
    volgende = dt.date(2028, 2, 1)
    assert gerealiseerd_op(dt.date(2026, 10, 14), volgende_peildatum=volgende) == []
    [loc] = gerealiseerd_op(dt.date(2026, 10, 15), volgende_peildatum=volgende)
    assert loc.plekken == 150 and loc.sluit_voor_peildatum
    assert gerealiseerd_op(dt.date(2028, 1, 1), volgende_peildatum=volgende) == []


def test_overzicht_toont_register_naast_meldingen_en_waarschuwt(
    client, cyclus, besluit, ministerie, gemeente_arnhem
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    _locatie(
        arnhem,
        "Azc Arnhem-Noord",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 15),
        tot=dt.date(2027, 12, 31),
    )
    _locatie(arnhem, "Azc Schuytgraaf", fase="in_gebruik", fase_sinds=dt.date(2026, 11, 1))
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 2),
        aantal=150,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    overzicht = selectors.realisatie_overzicht(cyclus, user=ministerie, datum=dt.date(2026, 12, 1))
    [g] = [g for g in overzicht["gemeenten"] if g["regel"].gemeente == arnhem]
    assert g["gerealiseerd"] == 150  # the reports count
    assert g["register"] == 300  # beside them, not added
    assert g["rest"] == g["regel"].aantal - 150
    assert [w["locatie"].naam for w in overzicht["waarschuwingen"]] == ["Azc Arnhem-Noord"]
    assert overzicht["volgende_peildatum"] == dt.date(2028, 2, 1)

    client.force_login(ministerie)
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert "De locaties achter de realisatie" in tekst
    assert "Azc Schuytgraaf" in tekst
    assert "Deze locaties sluiten eerder" in tekst
