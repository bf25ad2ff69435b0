"""Guards before every binding act, and corrections that never erase.

The cycle of the fixtures: verslag milestone 1 November 2026; the tests travel in time."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from raming import services as raming_services
from raming.models import Gemeente, Mijlpaal
from raming.services import RamingFout
from regietafels.cyclusfase import cyclus_fase
from regietafels.models import (
    Realisatiemelding,
    Termijnverlenging,
    Verdeelbesluit,
    Verslag,
)
from regietafels.services import (
    realisatie_corrigeren,
    realisatie_intrekken,
    realisatie_melden,
    verdeelbesluit_herzien,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_corrigeren,
    verlenging_intrekken,
    verlenging_toekennen,
    verslag_beoordelen,
    verslag_indienen,
)
from regietafels.termijnen import verslagtermijn
from tests.factories import ministerie_actor

from .conftest import regels_invoer

# The tests travel in time; cachalot dates its cached results by the clock, so it is off here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("zonder_cache")]

OKTOBER = dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC)
DECEMBER = dt.datetime(2026, 12, 10, 10, tzinfo=dt.UTC)


def _ingediend(verslag, prt):
    from regietafels.services import verslag_opslaan

    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(
            verslag,
            Arnhem={
                "bestaande_locaties": 30,
                "beschikbaar_van": dt.date(2026, 6, 1),
                "beschikbaar_tot": dt.date(2031, 6, 1),
            },
        ),
        door=prt,
    )
    verslag.refresh_from_db()
    return verslag_indienen(verslag=verslag, door=prt)


# --- verdeelbesluit: readiness or a recorded override ------------------------------------


def test_verdeelbesluit_geweigerd_zolang_termijnen_lopen_dan_met_reden(cyclus, ministerie):
    with time_machine.travel(OKTOBER, tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        with pytest.raises(ValidationError) as fout:
            verdeelbesluit_vaststellen(
                verdeelbesluit=besluit, besluitdatum=dt.date(2026, 10, 20), door=ministerie
            )
        tekst = " ".join(fout.value.message_dict["afwijkingsreden"])
        assert "Gelderland: verslagtermijn loopt tot 01-11-2026" in tekst
        besluit.refresh_from_db()
        assert besluit.status == Verdeelbesluit.Status.CONCEPT
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=dt.date(2026, 10, 20),
            afwijkingsreden="Spoedbesluit op verzoek van de minister",
            door=ministerie,
        )
    besluit.refresh_from_db()
    assert besluit.status == Verdeelbesluit.Status.VASTGESTELD
    assert besluit.afwijkingsreden == "Spoedbesluit op verzoek van de minister"
    assert len(besluit.open_bij_vaststelling) == 12


def test_verdeelbesluit_geweigerd_met_onbeoordeeld_verslag(
    cyclus, ministerie, verslag_gelderland, prt_gelderland
):
    with time_machine.travel(OKTOBER, tick=False):
        _ingediend(verslag_gelderland, prt_gelderland)
    with time_machine.travel(DECEMBER, tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        with pytest.raises(ValidationError, match="Gelderland: ingediend verslag nog niet"):
            verdeelbesluit_vaststellen(
                verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 10), door=ministerie
            )
        verslag_beoordelen(
            verslag=verslag_gelderland, oordeel="voldoende", opmerkingen="", door=ministerie
        )
        # ready now: terms passed, every submitted verslag assessed; no reason needed or kept
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=dt.date(2026, 12, 10),
            afwijkingsreden="niet nodig",
            door=ministerie,
        )
    besluit.refresh_from_db()
    assert besluit.status == Verdeelbesluit.Status.VASTGESTELD
    assert besluit.afwijkingsreden == ""


def test_bevestigingspagina_en_api_proefrun_veranderen_niets(client, cyclus, ministerie):
    with time_machine.travel(OKTOBER, tick=True):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        client.force_login(ministerie)
        url = reverse("regietafels:verdeelbesluit_vaststellen", kwargs={"pk": besluit.pk})
        pagina = client.get(url, {"besluitdatum": "2026-10-20"}).content.decode()
        assert "De cyclus is nog niet klaar voor het verdeelbesluit" in pagina
        assert "realisatietermijn van elke gemeente: 20-04-2027" in pagina
        assert "Bevestigen en vaststellen" in pagina
        api = APIClient()
        api.force_authenticate(ministerie)
        proef = api.post(
            f"/api/v1/verdeelbesluiten/{besluit.pk}/vaststellen/voorbeeld/",
            {"besluitdatum": "2026-10-20"},
            format="json",
        )
        assert proef.status_code == 200, proef.json()
        assert proef.json()["gereed"] is False
        assert proef.json()["afwijkingsreden_nodig"] is True
        besluit.refresh_from_db()
        assert besluit.status == Verdeelbesluit.Status.CONCEPT
        # confirmed without a reason: refused on the field; with one: fixed and shown
        geweigerd = client.post(url, {"besluitdatum": "2026-10-20"})
        assert geweigerd.status_code == 400
        assert "kan nog niet worden vastgesteld" in geweigerd.content.decode()
        client.post(url, {"besluitdatum": "2026-10-20", "afwijkingsreden": "Spoed"})
        besluit.refresh_from_db()
        assert besluit.status == Verdeelbesluit.Status.VASTGESTELD
        pagina = client.get(
            reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
        ).content.decode()
        assert "Vastgesteld voordat de cyclus gereed was." in pagina
        assert "Reden: Spoed" in pagina


def test_herzien_voor_een_gemeente_is_een_nieuwe_vastgestelde_versie(cyclus, ministerie):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    with time_machine.travel(DECEMBER, tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 1), door=ministerie
        )
        nieuw = verdeelbesluit_herzien(
            verdeelbesluit=besluit,
            reden="Beslissing op bezwaar Arnhem",
            gemeente=arnhem,
            aantal=5,
            door=ministerie,
        )
    assert nieuw.versie == 2 and nieuw.status == Verdeelbesluit.Status.VASTGESTELD
    assert nieuw.vorige_versie_id == besluit.pk
    oud_arnhem = besluit.regels.get(gemeente=arnhem)
    nieuw_arnhem = nieuw.regels.get(gemeente=arnhem)
    assert nieuw_arnhem.aantal == 5
    assert oud_arnhem.realisatietermijn == dt.date(2027, 6, 1)
    assert nieuw_arnhem.aanpassingsreden == "Beslissing op bezwaar Arnhem"
    assert nieuw_arnhem.realisatietermijn == dt.date(2027, 6, 10)
    ede_oud = besluit.regels.get(gemeente__naam="Ede")
    ede_nieuw = nieuw.regels.get(gemeente__naam="Ede")
    assert (ede_nieuw.aantal, ede_nieuw.realisatietermijn) == (
        ede_oud.aantal,
        ede_oud.realisatietermijn,
    )
    with pytest.raises(ValidationError, match="nieuwere versie"):
        verdeelbesluit_herzien(
            verdeelbesluit=besluit, reden="x", gemeente=arnhem, aantal=1, door=ministerie
        )


# --- extensions: bounds, confirmation, correction, withdrawal ----------------------------


def test_verlenging_binnen_het_venster_van_de_cyclus(cyclus, ministerie):
    with pytest.raises(ValidationError, match="binnen de cyclus 2026"):
        verlenging_toekennen(
            cyclus=cyclus, nieuwe_datum=dt.date(9999, 12, 31), reden="typfout", door=ministerie
        )
    with pytest.raises(ValidationError, match="na de geldende termijn"):
        verlenging_toekennen(
            cyclus=cyclus, nieuwe_datum=dt.date(2026, 10, 1), reden="x", door=ministerie
        )
    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.VERDEELBESLUIT,
        oorspronkelijke_datum=dt.date(2026, 12, 31),
        datum=dt.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError, match="uiterlijk 30-12-2026"):
        verlenging_toekennen(
            cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 31), reden="x", door=ministerie
        )


def test_een_verlenging_tot_9999_kan_worden_gecorrigeerd(cyclus, ministerie, regietafel_gelderland):
    # what was accepted before this guard existed
    fout = Termijnverlenging.objects.create(
        cyclus=cyclus, nieuwe_datum=dt.date(9999, 12, 31), reden="typfout", besloten_door=ministerie
    )
    assert verslagtermijn(cyclus, regietafel_gelderland).effectief == dt.date(9999, 12, 31)
    nieuw = verlenging_corrigeren(
        verlenging=fout, nieuwe_datum=dt.date(2026, 12, 1), reden="Typfout", door=ministerie
    )
    assert verslagtermijn(cyclus, regietafel_gelderland).effectief == dt.date(2026, 12, 1)
    fout.refresh_from_db()
    assert fout.ingetrokken_op is not None
    assert fout.intrekkingsreden == "Gecorrigeerd: Typfout"
    assert nieuw.vervangt_id == fout.pk
    assert Termijnverlenging.alle.filter(cyclus=cyclus).count() == 2
    with pytest.raises(ValidationError, match="al ingetrokken"):
        verlenging_intrekken(verlenging=fout, reden="nogmaals", door=ministerie)
    verlenging_intrekken(verlenging=nieuw, reden="Toch niet nodig", door=ministerie)
    assert verslagtermijn(cyclus, regietafel_gelderland).effectief == dt.date(2026, 11, 1)


def test_verlenging_via_bevestigingspagina(client, cyclus, ministerie):
    client.force_login(ministerie)
    url = reverse("regietafels:verlengingen") + "?cyclus=2026"
    data = {"regietafel": "", "nieuwe_datum": "2026-12-01", "reden": "Late raming"}
    pagina = client.post(url, data)
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Verlenging bevestigen" in tekst
    assert "de secretaris van de regietafel Gelderland" in tekst
    # the new date in the summary's opening line and in the row of each of the 12 regietafels
    assert tekst.lower().count("<strong>1 december 2026</strong>") == 13
    assert not Termijnverlenging.objects.exists()
    client.post(url, {**data, "bevestigd": "1"})
    assert Termijnverlenging.objects.get().nieuwe_datum == dt.date(2026, 12, 1)


def test_verlenging_api_proefrun(cyclus, ministerie):
    api = APIClient()
    api.force_authenticate(ministerie)
    proef = api.post(
        "/api/v1/termijnverlengingen/voorbeeld/",
        {"cyclus": 2026, "nieuwe_datum": "2026-12-01", "reden": "x"},
        format="json",
    )
    assert proef.status_code == 200, proef.json()
    assert len([t for t in proef.json()["termijnen"] if t["verschuift"]]) == 12
    assert not Termijnverlenging.objects.exists()
    fout = api.post(
        "/api/v1/termijnverlengingen/voorbeeld/",
        {"cyclus": 2026, "nieuwe_datum": "9999-12-31", "reden": "x"},
        format="json",
    )
    assert fout.status_code == 400


# --- realisation: unusual numbers confirmed, corrections never erase ---------------------


@pytest.fixture
def vastgesteld(cyclus, ministerie):
    with time_machine.travel(DECEMBER, tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 1), door=ministerie
        )
    return besluit


def test_realisatie_boven_het_besluit_vraagt_bevestiging(vastgesteld, cyclus, gemeente_arnhem):
    arnhem = gemeente_arnhem.gemeente
    aantal = vastgesteld.regels.get(gemeente=arnhem).aantal
    with time_machine.travel(DECEMBER, tick=False):
        with pytest.raises(ValidationError) as fout:
            realisatie_melden(
                gemeente=arnhem,
                cyclus=cyclus,
                datum=dt.date(2026, 12, 5),
                aantal=aantal + 5000,
                door=gemeente_arnhem,
            )
        assert "Klopt dat?" in fout.value.message_dict["bevestigd"][0]
        with pytest.raises(ValidationError, match="vóór de cyclus 2026"):
            realisatie_melden(
                gemeente=arnhem,
                cyclus=cyclus,
                datum=dt.date(2020, 1, 1),
                aantal=1,
                door=gemeente_arnhem,
            )
        realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=dt.date(2026, 12, 5),
            aantal=aantal + 1,
            bevestigd=True,
            door=gemeente_arnhem,
        )
    assert Realisatiemelding.objects.get().aantal == aantal + 1


def test_realisatie_corrigeren_en_intrekken(vastgesteld, cyclus, gemeente_arnhem, prt_gelderland):
    arnhem = gemeente_arnhem.gemeente
    with time_machine.travel(DECEMBER, tick=False):
        melding = realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=dt.date(2026, 12, 5),
            aantal=3,
            door=prt_gelderland,
        )
        nieuw = realisatie_corrigeren(
            melding=melding,
            aantal=2,
            datum=dt.date(2026, 12, 4),
            reden="Eén plek telde dubbel",
            door=gemeente_arnhem,
        )
    assert list(Realisatiemelding.objects.values_list("aantal", flat=True)) == [2]
    assert Realisatiemelding.alle.count() == 2
    melding.refresh_from_db()
    assert (melding.ingetrokken_door, melding.intrekkingsreden) == (
        gemeente_arnhem,
        "Gecorrigeerd: Eén plek telde dubbel",
    )
    assert (nieuw.vervangt, nieuw.correctiereden) == (melding, "Eén plek telde dubbel")
    realisatie_intrekken(melding=nieuw, reden="Locatie gaat niet door", door=prt_gelderland)
    assert not Realisatiemelding.objects.exists()
    assert Realisatiemelding.alle.count() == 2


# --- the cycle itself ----------------------------------------------------------------------


def test_wetscyclus_alleen_in_even_jaren(db):
    with pytest.raises(RamingFout, match="even jaar"):
        raming_services.cyclus_aanmaken(jaar=2025, door=ministerie_actor())
    assert raming_services.cyclus_aanmaken(jaar=2028, door=ministerie_actor()).jaar == 2028


def test_fase_volgt_uit_de_mijlpalen(cyclus, ministerie, verslag_gelderland, prt_gelderland):
    with time_machine.travel(OKTOBER, tick=False):
        assert cyclus_fase(cyclus).fase == "verslagen"
        _ingediend(verslag_gelderland, prt_gelderland)
    with time_machine.travel(DECEMBER, tick=False):
        fase = cyclus_fase(cyclus)
        assert fase.fase == "beoordeling"
        assert "Gelderland: ingediend verslag nog niet beoordeeld" in fase.open["beoordeling"]
        assert "Utrecht: verslag te laat, termijn 01-11-2026 verstreken" in fase.open["verslagen"]
        verslag_beoordelen(
            verslag=verslag_gelderland, oordeel="voldoende", opmerkingen="", door=ministerie
        )
        assert cyclus_fase(cyclus).fase == "verdeelbesluit"
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 10), door=ministerie
        )
        fase = cyclus_fase(cyclus)
        assert fase.fase == "realisatie"
        # an unsubmitted verslag stays open after the verdeelbesluit
        assert "Utrecht: verslag te laat, termijn 01-11-2026 verstreken" in fase.open["verslagen"]
    assert Verslag.objects.get().status == Verslag.Status.BEOORDEELD
