"""The realisation page's overview read as plain values and its tables written as texts in
Python (``regietafels.realisatie_weergave``, ``core.getallen``): the same figures whether the
gemeenten are asked for in the query or read all and kept, and the same texts as the
template filters they replace."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from core.getallen import datums_lang, dmj, getal, getallen
from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels.realisatie_weergave import realisatie_tabellen
from regietafels.selectors import realisatie as realisatiestand
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)

DAG = dt.date(2026, 12, 1)


def _in_gebruik(gemeente, naam, regulier, *, tot=None):
    return Opvanglocatie.objects.create(
        gemeente=gemeente,
        naam=naam,
        capaciteit_regulier=regulier,
        capaciteit_amv=0,
        soort="regulier_azc",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 10, 1),
        beschikbaar_tot=tot,
    )


@pytest.fixture
def stand(db, cyclus, ministerie, gemeente_arnhem):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    noord = _in_gebruik(arnhem, "Azc Arnhem-Noord", 1250, tot=dt.date(2027, 6, 30))
    _in_gebruik(arnhem, "Azc Schuytgraaf", 80)
    _in_gebruik(nijmegen, "Azc Heumensoord", 400)
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 2),
        aantal=None,
        locatie=noord,
        door=gemeente_arnhem,
    )
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 3),
        aantal=20,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    realisatie_melden(
        gemeente=nijmegen,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 3),
        aantal=7,
        bevestigd=True,
        door=ministerie,
    )
    return besluit, arnhem, nijmegen


def test_veel_gemeenten_gelezen_en_gehouden_als_weinig_in_de_query(cyclus, stand):
    _besluit, arnhem, nijmegen = stand
    veel = set(Gemeente.objects.exclude(pk=nijmegen.pk).values_list("pk", flat=True))
    assert len(veel) > realisatiestand.VEEL_GEMEENTEN
    alle = realisatiestand.standen(cyclus, gemeente_ids=veel, datum=DAG)
    een = realisatiestand.standen(cyclus, gemeente_ids={arnhem.pk}, datum=DAG)
    assert nijmegen.pk not in alle  # not asked for: neither its location nor its report
    assert alle[arnhem.pk] == een[arnhem.pk]
    assert alle[arnhem.pk].uit_locaties == 1330 and alle[arnhem.pk].zonder_locatie == 20
    assert set(alle) == {arnhem.pk}


def test_tabellen_als_teksten(cyclus, ministerie, stand):
    besluit, arnhem, nijmegen = stand
    with translation.override("nl"):
        overzicht = realisatiestand.realisatie_overzicht(
            cyclus, user=ministerie, datum=DAG, besluit=besluit
        )
        tabel = realisatie_tabellen(overzicht)
    assert [g["naam"] for g in tabel["gemeenten"]] == [
        g["gemeente"] for g in overzicht["gemeenten"]
    ]
    [rij] = [
        t
        for t, g in zip(tabel["gemeenten"], overzicht["gemeenten"], strict=True)
        if g["gemeente_id"] == arnhem.pk
    ]
    assert rij["uit_locaties"] == "1.330" and rij["zonder_locatie"] == "20"
    assert rij["gerealiseerd"] == "1.350" and rij["controleren"]  # Schuytgraaf has no report
    assert rij["termijn"] != "–"
    # the locations in the order of the gemeenten, with their texts
    arnhems = [loc for loc in tabel["locaties"] if loc["gemeente"] == "Arnhem"]
    assert [(loc["naam"], loc["plekken"], loc["tot"], loc["gemeld"]) for loc in arnhems] == [
        ("Azc Arnhem-Noord", "1.250", "30-6-2027", True),
        ("Azc Schuytgraaf", "80", "", False),
    ]
    assert arnhems[0]["sluit"] and not arnhems[1]["sluit"]
    assert arnhems[0]["sinds"] == "1-10-2026"
    assert len(tabel["locaties"]) == sum(len(g["locaties"]) for g in overzicht["gemeenten"])
    [gelderland] = [p for p in tabel["provincies"] if p["naam"] == "Gelderland"]
    assert gelderland["zonder_locatie"] == "27"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_teksten_zoals_de_filters(taal):
    """What ``core.getallen`` writes is what Django's own filters write."""
    with translation.override(taal):
        schrijf, lang = getallen(), datums_lang()
        for n in (0, 7, 999, 1000, 12345, 1234567, -4321):
            django = Template("{{ n }}").render(Context({"n": n}))
            assert getal(n) == schrijf(n) == django
        for d in (dt.date(2026, 3, 4), dt.date(2027, 12, 31), None):
            django = Template('{{ d|date:"j F Y"|default:"–" }}').render(Context({"d": d}))
            assert lang(d) == lang(d) == django
            assert dmj(d) == Template('{{ d|date:"j-n-Y" }}').render(Context({"d": d}))
