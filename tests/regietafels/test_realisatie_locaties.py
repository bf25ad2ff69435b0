"""Realisation from the register (ADR 0014): a location counts from the day it reached in
gebruik while available; realised places are those locations plus the reports without a
location; a report naming a location does not add to it; a warning where a location closes
before the next raming's reference date."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from locaties.models import Fasewijziging, Opvanglocatie
from locaties.realisatie import gerealiseerd_op, in_gebruik_sinds
from raming.models import Gemeente
from regietafels.models import Realisatiemelding
from regietafels.selectors import realisatie as realisatiestand
from regietafels.services import (
    realisatie_corrigeren,
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


def test_overzicht_telt_locaties_en_meldingen_zonder_locatie_en_waarschuwt(
    client, cyclus, besluit, ministerie, gemeente_arnhem
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    noord = _locatie(
        arnhem,
        "Azc Arnhem-Noord",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 15),
        tot=dt.date(2027, 12, 31),
    )
    _locatie(arnhem, "Azc Schuytgraaf", fase="in_gebruik", fase_sinds=dt.date(2026, 11, 1))
    # the report names Arnhem-Noord: it does not add to the location
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 2),
        aantal=None,
        locatie=noord,
        door=gemeente_arnhem,
    )
    # places outside the register
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 3),
        aantal=20,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    overzicht = realisatiestand.realisatie_overzicht(
        cyclus, user=ministerie, datum=dt.date(2026, 12, 1)
    )
    [g] = [g for g in overzicht["gemeenten"] if g["gemeente_id"] == arnhem.pk]
    assert g["uit_locaties"] == 300  # both locations in gebruik
    assert g["zonder_locatie"] == 20
    assert g["gerealiseerd"] == 320  # not 470: the report on Arnhem-Noord is not added
    assert g["gemeente"] == "Arnhem" and g["aantal"] < 320  # more realised than the besluit asks
    assert g["rest"] == 0 and g["boven"] == 320 - g["aantal"]
    [p] = [p for p in overzicht["provincies"] if p["provincie_id"] == arnhem.provincie_id]
    assert p["gerealiseerd"] == sum(
        h["gerealiseerd"]
        for h in overzicht["gemeenten"]
        if h["provincie_id"] == arnhem.provincie_id
    )
    # a province still has to realise what its gemeenten still have to: Arnhem's places above
    # its number do not make up for another gemeente's
    gelders = [h for h in overzicht["gemeenten"] if h["provincie_id"] == arnhem.provincie_id]
    assert p["rest"] == sum(h["rest"] for h in gelders) > 0
    assert p["boven"] == sum(h["boven"] for h in gelders) == g["boven"]
    assert p["aantal"] - p["gerealiseerd"] == p["rest"] - p["boven"]
    assert [w["locatie"].naam for w in overzicht["waarschuwingen"]] == ["Azc Arnhem-Noord"]
    assert overzicht["volgende_peildatum"] == dt.date(2028, 2, 1)
    # Schuytgraaf has no report while 20 places were reported without a location: look
    assert [h["gemeente_id"] for h in overzicht["mogelijk_dubbel"]] == [arnhem.pk]

    client.force_login(ministerie)
    tekst = client.get("/regietafels/realisatie/?cyclus=2026").content.decode()
    assert "De locaties achter de realisatie" in tekst
    assert "Azc Schuytgraaf" in tekst
    assert "Deze locaties sluiten eerder" in tekst
    assert 'id="mogelijk-dubbel"' in tekst
    assert "in Azc Arnhem-Noord (locatie uit het register" in tekst
    # more realised than the besluit: 0 still to realise, and how many above it
    assert f"0, {320 - g['aantal']} boven het besluit</td>" in tekst


def test_locatie_telt_vanaf_de_dag_dat_zij_in_gebruik_ging(cyclus, besluit, ministerie):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    _locatie(
        arnhem,
        "Azc Arnhem-Noord",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 15),
        wijzigingen=[
            (dt.date(2026, 1, 10), "", "realisatie"),
            (dt.date(2026, 10, 15), "realisatie", "in_gebruik"),
        ],
    )

    def gerealiseerd(datum):
        overzicht = realisatiestand.realisatie_overzicht(cyclus, user=ministerie, datum=datum)
        return next(g for g in overzicht["gemeenten"] if g["gemeente_id"] == arnhem.pk)

    assert gerealiseerd(dt.date(2026, 10, 14))["gerealiseerd"] == 0
    assert gerealiseerd(dt.date(2026, 10, 15))["gerealiseerd"] == 150
    assert gerealiseerd(dt.date(2026, 10, 15))["locaties"][0].in_gebruik_sinds == dt.date(
        2026, 10, 15
    )


def test_locatie_die_sluit_telt_daarna_niet_en_haar_melding_evenmin(
    cyclus, besluit, ministerie, gemeente_arnhem
):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    loc = _locatie(
        arnhem,
        "Noodopvang",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
        tot=dt.date(2026, 11, 30),
    )
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 2),
        aantal=150,
        locatie=loc,
        door=gemeente_arnhem,
    )
    op = realisatiestand.realisatie_overzicht(cyclus, user=ministerie, datum=dt.date(2026, 11, 1))
    na = realisatiestand.realisatie_overzicht(cyclus, user=ministerie, datum=dt.date(2026, 12, 1))

    def arnhem_van(o):
        return next(g for g in o["gemeenten"] if g["gemeente_id"] == arnhem.pk)

    assert arnhem_van(op)["gerealiseerd"] == 150
    assert [w["locatie"].naam for w in op["waarschuwingen"]] == ["Noodopvang"]
    assert arnhem_van(na)["gerealiseerd"] == 0  # no longer available: the report does not count
    assert [(t["naam"], t["aantal"]) for t in na["telt_niet"]] == [("Noodopvang", 150)]


def test_melding_bij_locatie_wordt_gecontroleerd(cyclus, besluit, gemeente_arnhem):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    loc = _locatie(arnhem, "Azc Arnhem-Noord", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 15))
    plan = _locatie(arnhem, "Azc Plan", fase="realisatie", fase_sinds=dt.date(2026, 1, 10))
    elders = _locatie(nijmegen, "Azc Nijmegen", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 1))

    def melden(**kw):
        waarden = {"gemeente": arnhem, "cyclus": cyclus, "datum": dt.date(2026, 11, 2)}
        waarden.update(kw)
        return realisatie_melden(door=gemeente_arnhem, **waarden)

    with pytest.raises(ValidationError) as fout:
        melden(aantal=None, locatie=plan)
    assert "niet in gebruik" in str(fout.value.message_dict["locatie"])
    with pytest.raises(ValidationError) as fout:
        melden(aantal=None, locatie=loc, datum=dt.date(2026, 10, 14))  # before in gebruik
    assert "niet in gebruik" in str(fout.value.message_dict["locatie"])
    with pytest.raises(ValidationError) as fout:
        melden(aantal=None, locatie=elders)
    assert "hoort niet bij" in str(fout.value.message_dict["locatie"])
    with pytest.raises(ValidationError) as fout:
        melden(aantal=149, locatie=loc)
    assert "150 plekken" in str(fout.value.message_dict["aantal"])
    melding = melden(aantal=None, locatie=loc)
    assert melding.aantal == 150 and melding.locatie == loc
    with pytest.raises(ValidationError) as fout:
        melden(aantal=None, locatie=loc)  # a second report on the same location
    assert "maar één keer" in str(fout.value.message_dict["locatie"])
    # a correction keeps the location (and may move the date)
    nieuw = realisatie_corrigeren(
        melding=melding,
        aantal=None,
        datum=dt.date(2026, 11, 1),
        reden="Datum van de sleuteloverdracht.",
        door=gemeente_arnhem,
    )
    assert nieuw.locatie == loc and nieuw.aantal == 150
    # or drops it: then the number counts on its own
    los = realisatie_corrigeren(
        melding=nieuw,
        aantal=10,
        datum=dt.date(2026, 11, 1),
        reden="Ging over tijdelijke plekken.",
        locatie=None,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    assert los.locatie is None
    vastgesteld, totaal = realisatiestand.realisatie_stand(gemeente=arnhem, cyclus=cyclus)
    assert totaal == 160


def test_api_melding_met_locatie(client, cyclus, besluit, gemeente_arnhem, prt_gelderland):
    from rest_framework.test import APIClient

    arnhem = Gemeente.objects.get(naam="Arnhem")
    loc = _locatie(arnhem, "Azc Arnhem-Noord", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 15))
    zaanstad = _locatie(
        Gemeente.objects.get(naam="Zaanstad"),
        "Azc Zaanstad",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
    )
    api = APIClient()
    api.force_authenticate(gemeente_arnhem)
    basis = {"gemeente": arnhem.pk, "cyclus": 2026, "datum": "2026-11-02"}
    antwoord = api.post(
        "/api/v1/realisatiemeldingen/", {**basis, "locatie": zaanstad.pk}, format="json"
    )
    assert antwoord.status_code == 400  # another province's location is unknown here
    assert "locatie" in antwoord.json()["velden"]
    antwoord = api.post("/api/v1/realisatiemeldingen/", {**basis, "locatie": loc.pk}, format="json")
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["aantal"] == 150
    assert antwoord.json()["locatie_naam"] == "Azc Arnhem-Noord"


def test_migratie_koppelt_een_melding_aan_de_enige_passende_locatie(
    cyclus, besluit, gemeente_arnhem
):
    from importlib import import_module

    koppelen = import_module(
        "regietafels.migrations.0009_realisatiemelding_locatie_koppelen"
    ).koppelen
    arnhem = Gemeente.objects.get(naam="Arnhem")
    loc = _locatie(arnhem, "Azc Arnhem-Noord", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 15))
    _locatie(arnhem, "Azc Oost", fase="in_gebruik", fase_sinds=dt.date(2026, 12, 1))
    past = realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 2),
        aantal=150,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    anders = realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 3),
        aantal=40,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    koppelen(apps, None)
    assert Realisatiemelding.objects.get(pk=past.pk).locatie == loc
    assert Realisatiemelding.objects.get(pk=anders.pk).locatie is None


def test_overzicht_in_een_vast_aantal_queries(
    cyclus, besluit, ministerie, gemeente_arnhem, zonder_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    arnhem = Gemeente.objects.get(naam="Arnhem")

    def tellen():
        with CaptureQueriesContext(connection) as vastgelegd:
            overzicht = realisatiestand.realisatie_overzicht(
                cyclus, user=ministerie, datum=dt.date(2026, 12, 1)
            )
        return len(vastgelegd), overzicht

    eerst = _locatie(arnhem, "Azc 0", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 1))
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 11, 2),
        aantal=None,
        locatie=eerst,
        door=gemeente_arnhem,
    )
    weinig, _ = tellen()
    for i in range(1, 30):
        _locatie(arnhem, f"Azc {i}", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 1))
    veel, overzicht = tellen()
    assert veel == weinig
    [g] = [g for g in overzicht["gemeenten"] if g["gemeente_id"] == arnhem.pk]
    assert g["uit_locaties"] == 30 * 150


def test_alleen_locaties_die_kunnen_tellen_worden_gelezen(gemeenten):
    """``gerealiseerd_op`` reads only the locations that may count on the day (available, in
    gebruik now or once brought there by a phase change) and judges those by the rule: the
    same locations as the rule applied to every location of the register, on every day."""
    from locaties.realisatie import _locaties, _telt

    arnhem = Gemeente.objects.get(naam="Arnhem")
    _locatie(arnhem, "Nu in gebruik", fase="in_gebruik", fase_sinds=dt.date(2026, 10, 15))
    _locatie(
        arnhem,
        "Was in gebruik, nu gesloten",
        fase="gesloten",
        fase_sinds=dt.date(2026, 12, 1),
        wijzigingen=[
            (dt.date(2026, 10, 10), "", "in_gebruik"),
            (dt.date(2026, 12, 1), "in_gebruik", "gesloten"),
        ],
    )
    _locatie(
        arnhem,
        "Wordt later in gebruik",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 11, 20),
        tot=dt.date(2027, 3, 31),
        wijzigingen=[
            (dt.date(2026, 2, 1), "", "realisatie"),
            (dt.date(2026, 11, 20), "realisatie", "in_gebruik"),
        ],
    )
    _locatie(arnhem, "Nooit in gebruik", fase="realisatie", fase_sinds=dt.date(2026, 3, 1))
    _locatie(
        arnhem,
        "Terug naar realisatie",
        fase="realisatie",
        fase_sinds=dt.date(2026, 11, 1),
        wijzigingen=[
            (dt.date(2026, 10, 5), "", "in_gebruik"),
            (dt.date(2026, 11, 1), "in_gebruik", "realisatie"),
        ],
    )
    rijen, wijzigingen = _locaties(gemeente_ids=None, provincie_id=None)
    assert len(rijen) == 5
    gezien = set()
    for dag in range(0, 240, 3):
        datum = dt.date(2026, 9, 1) + dt.timedelta(days=dag)
        volgens_regel = set()
        for pk, naam, _g, _p, fase, sinds, _r, _a, vanaf, tot, _b in rijen:
            eigen = wijzigingen[pk]
            begin = in_gebruik_sinds(huidige_fase=fase, fase_sinds=sinds, wijzigingen=eigen)
            if _telt(datum, fase=fase, eigen=eigen, sinds=begin, vanaf=vanaf, tot=tot):
                volgens_regel.add(naam)
        assert {loc.naam for loc in gerealiseerd_op(datum)} == volgens_regel, datum
        gezien |= volgens_regel
    assert gezien == {
        "Nu in gebruik",
        "Was in gebruik, nu gesloten",
        "Wordt later in gebruik",
        "Terug naar realisatie",
    }
