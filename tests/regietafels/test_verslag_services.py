"""Verslag services: create, save (optimistic lock), submit, send back, resubmit, assess."""

import datetime as dt
from threading import Thread

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from accounts.models import Rol
from regietafels.models import Beoordeling, Verslag, VerslagRegel
from regietafels.services import (
    VerslagGewijzigd,
    verlenging_toekennen,
    verslag_aanmaken,
    verslag_beoordelen,
    verslag_indienen,
    verslag_opslaan,
    verslag_terugsturen,
)
from tests.factories import GebruikerFactory

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db


def _arnhem(verslag):
    return verslag.regels.get(gemeente__naam="Arnhem")


def test_aanmaken_vult_regels_met_indicatieve_aantallen(verslag_gelderland, raming):
    regels = list(verslag_gelderland.regels.select_related("gemeente"))
    verdeling = {
        gv.gemeente_id: gv.aantal
        for gv in raming.gemeenten.filter(gemeente__provincie__code="PV25")
    }
    assert len(regels) == len(verdeling) > 40
    assert {r.gemeente_id: r.indicatief_aantal for r in regels} == verdeling
    assert all(r.gemeente.provincie.code == "PV25" for r in regels)


def test_aanmaken_tweede_keer_geweigerd(verslag_gelderland, prt_gelderland):
    with pytest.raises(ValidationError, match="al een verslag"):
        verslag_aanmaken(
            regietafel=verslag_gelderland.regietafel,
            cyclus=verslag_gelderland.cyclus,
            door=prt_gelderland,
        )
    assert Verslag.objects.count() == 1


def test_aanmaken_door_andere_provincie_geweigerd(cyclus, regietafel_gelderland, prt_noord_holland):
    with pytest.raises(PermissionDenied):
        verslag_aanmaken(regietafel=regietafel_gelderland, cyclus=cyclus, door=prt_noord_holland)


def test_opslaan_slaat_op_en_verhoogt_versie(verslag_gelderland, prt_gelderland):
    invoer = regels_invoer(
        verslag_gelderland,
        Arnhem={
            "bestaande_locaties": 100,
            "vastgestelde_plannen": 50,
            "amv": 10,
            "beschikbaar_van": dt.date(2026, 7, 1),
            "beschikbaar_tot": dt.date(2030, 7, 1),
        },
    )
    verslag = verslag_opslaan(
        verslag=verslag_gelderland,
        versie=1,
        regels=invoer,
        knelpunten="Locatie Schaarsbergen",
        door=prt_gelderland,
        bevestigd=True,  # 150 is above three times Arnhem's number in these fixtures
    )
    assert verslag.versie == 2
    arnhem = _arnhem(verslag)
    assert arnhem.aangeboden == 150
    assert arnhem.verschil == 150 - arnhem.indicatief_aantal
    assert verslag.knelpunten == "Locatie Schaarsbergen"
    assert arnhem.history.first().history_user == prt_gelderland


@pytest.mark.parametrize(
    ("waarden", "veld", "tekst"),
    [
        ({"bestaande_locaties": -5}, "bestaande_locaties", "negatief"),
        ({"amv": "veel"}, "amv", "heel getal"),
        (
            {"beschikbaar_van": dt.date(2027, 1, 1), "beschikbaar_tot": dt.date(2026, 1, 1)},
            "beschikbaar_tot",
            "eindigen voordat",
        ),
        ({"amv": 5}, "amv", "groter zijn dan het totaal"),
    ],
)
def test_ongeldige_invoer_geeft_veldfout_en_slaat_niets_op(
    verslag_gelderland, prt_gelderland, waarden, veld, tekst
):
    arnhem = _arnhem(verslag_gelderland)
    invoer = regels_invoer(
        verslag_gelderland, Arnhem=waarden, Ede={"bestaande_locaties": 40, "amv": 0}
    )
    with pytest.raises(ValidationError) as fout:
        verslag_opslaan(verslag=verslag_gelderland, versie=1, regels=invoer, door=prt_gelderland)
    sleutel = f"regel-{arnhem.gemeente_id}-{veld}"
    assert tekst in " ".join(fout.value.message_dict[sleutel])
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.versie == 1
    assert verslag_gelderland.regels.get(gemeente__naam="Ede").bestaande_locaties == 0


def test_verouderde_versie_geweigerd_met_wat_er_veranderde(verslag_gelderland, prt_gelderland):
    eerste = regels_invoer(verslag_gelderland, Arnhem={"bestaande_locaties": 100})
    verslag_opslaan(
        verslag=verslag_gelderland, versie=1, regels=eerste, door=prt_gelderland, bevestigd=True
    )
    # A second editor (another secretary of the same PRT) still has the form of version 1.
    collega = GebruikerFactory(
        username="t-prt-gelderland-2", rol=Rol.PRT_SECRETARIS, provincie=prt_gelderland.provincie
    )
    tweede = regels_invoer(verslag_gelderland, Ede={"bestaande_locaties": 7})
    with pytest.raises(VerslagGewijzigd) as fout:
        verslag_opslaan(verslag=verslag_gelderland, versie=1, regels=tweede, door=collega)
    tekst = fout.value.messages[0]
    assert "Iemand anders" in tekst
    assert "Arnhem: bestaande locaties 0 → 100" in tekst
    assert fout.value.huidige_versie == 2
    assert verslag_gelderland.regels.get(gemeente__naam="Ede").bestaande_locaties == 0


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_opslagen_van_dezelfde_versie_een_geweigerd(
    cyclus, regietafel_gelderland, prt_gelderland
):
    verslag = verslag_aanmaken(regietafel=regietafel_gelderland, cyclus=cyclus, door=prt_gelderland)
    uitkomsten = []

    def opslaan(naam, aantal):
        try:
            invoer = regels_invoer(verslag, **{naam: {"bestaande_locaties": aantal}})
            verslag_opslaan(verslag=verslag, versie=1, regels=invoer, door=prt_gelderland)
            uitkomsten.append("ok")
        except VerslagGewijzigd:
            uitkomsten.append("geweigerd")
        finally:
            connection.close()

    threads = [Thread(target=opslaan, args=(n, a)) for n, a in (("Arnhem", 11), ("Ede", 22))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["geweigerd", "ok"]
    verslag.refresh_from_db()
    assert verslag.versie == 2
    waarden = dict(
        VerslagRegel.objects.filter(
            verslag=verslag, gemeente__naam__in=["Arnhem", "Ede"]
        ).values_list("gemeente__naam", "bestaande_locaties")
    )
    assert sorted(waarden.values()) in ([0, 11], [0, 22])


def _ingevuld(verslag, door):
    invoer = regels_invoer(
        verslag,
        Arnhem={
            "bestaande_locaties": 300,
            "beschikbaar_van": dt.date(2026, 6, 1),
            "beschikbaar_tot": dt.date(2031, 6, 1),
        },
    )
    # 300 against Arnhem's small indicative number in these fixtures: confirmed as unusual
    return verslag_opslaan(
        verslag=verslag, versie=verslag.versie, regels=invoer, door=door, bevestigd=True
    )


@time_machine.travel(dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC))
def test_indienen_bevriest_en_maakt_momentopname(
    verslag_gelderland, prt_gelderland, django_capture_on_commit_callbacks, eager
):
    verslag = _ingevuld(verslag_gelderland, prt_gelderland)
    with django_capture_on_commit_callbacks(execute=True):
        versie = verslag_indienen(verslag=verslag, versie=verslag.versie, door=prt_gelderland)
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.INGEDIEND
    assert not verslag.te_laat
    assert verslag.ingediend_door == prt_gelderland
    assert versie.volgnummer == 1
    assert versie.termijn == dt.date(2026, 11, 1)
    arnhem = next(r for r in versie.inhoud["regels"] if r["gemeente"] == "Arnhem")
    assert arnhem["bestaande_locaties"] == 300
    assert arnhem["beschikbaar_tot"] == "2031-06-01"
    # the receipt, once per address: the submitter and the secretariat's mailbox
    bevestigingen = [m for m in mail.outbox if "Ontvangstbevestiging" in m.subject]
    assert sorted(m.to[0] for m in bevestigingen) == sorted(
        {prt_gelderland.email, verslag.regietafel.e_mail} - {""}
    )
    # Frozen: no saves, no second submission.
    with pytest.raises(ValidationError, match="bevroren"):
        _ingevuld(verslag, prt_gelderland)
    with pytest.raises(ValidationError, match="niet opnieuw"):
        verslag_indienen(verslag=verslag, door=prt_gelderland)


def test_indienen_na_termijn_is_te_laat(verslag_gelderland, prt_gelderland):
    verslag = _ingevuld(verslag_gelderland, prt_gelderland)
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)):
        versie = verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert versie.te_laat
    verslag.refresh_from_db()
    assert verslag.te_laat


def test_indienen_na_oorspronkelijke_maar_binnen_verlengde_termijn_op_tijd(
    verslag_gelderland, prt_gelderland, ministerie
):
    verlenging_toekennen(
        cyclus=verslag_gelderland.cyclus,
        nieuwe_datum=dt.date(2026, 12, 1),
        reden="Raming een maand te laat gepubliceerd",
        door=ministerie,
    )
    verslag = _ingevuld(verslag_gelderland, prt_gelderland)
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)):
        versie = verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert not versie.te_laat
    assert versie.termijn == dt.date(2026, 12, 1)


def test_indienen_geweigerd_bij_half_ingevulde_periode(verslag_gelderland, prt_gelderland):
    invoer = regels_invoer(
        verslag_gelderland, Ede={"bestaande_locaties": 5, "beschikbaar_van": dt.date(2026, 1, 1)}
    )
    verslag = verslag_opslaan(
        verslag=verslag_gelderland, versie=1, regels=invoer, door=prt_gelderland
    )
    with pytest.raises(ValidationError) as fout:
        verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert "Ede: Vul zowel" in str(fout.value)
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.CONCEPT
    assert verslag.versies.count() == 0


def test_terugsturen_herzien_en_opnieuw_indienen(verslag_gelderland, prt_gelderland, ministerie):
    verslag = _ingevuld(verslag_gelderland, prt_gelderland)
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    with pytest.raises(ValidationError):
        verslag_terugsturen(verslag=verslag, opmerkingen="  ", door=ministerie)
    with pytest.raises(PermissionDenied):
        verslag_terugsturen(verslag=verslag, opmerkingen="Nee", door=prt_gelderland)
    verslag_terugsturen(verslag=verslag, opmerkingen="Periode Ede ontbreekt", door=ministerie)
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.TERUGGESTUURD
    verslag = _ingevuld(verslag, prt_gelderland)
    tweede = verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert tweede.volgnummer == 2
    assert verslag.versies.count() == 2
    assert verslag.beoordelingen.get().oordeel == Beoordeling.Oordeel.TERUGGESTUURD


def test_beoordelen_alleen_na_indienen(verslag_gelderland, prt_gelderland, ministerie):
    with pytest.raises(ValidationError, match="Alleen een ingediend"):
        verslag_beoordelen(
            verslag=verslag_gelderland, oordeel="voldoende", opmerkingen="", door=ministerie
        )
    with pytest.raises(ValidationError, match="Alleen een ingediend"):
        verslag_terugsturen(verslag=verslag_gelderland, opmerkingen="x", door=ministerie)
    verslag = _ingevuld(verslag_gelderland, prt_gelderland)
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    with pytest.raises(PermissionDenied):
        verslag_beoordelen(
            verslag=verslag, oordeel="voldoende", opmerkingen="", door=prt_gelderland
        )
    with pytest.raises(ValidationError, match="Licht toe"):
        verslag_beoordelen(verslag=verslag, oordeel="onvoldoende", opmerkingen="", door=ministerie)
    beoordeling = verslag_beoordelen(
        verslag=verslag, oordeel="voldoende", opmerkingen="Compleet", door=ministerie
    )
    verslag.refresh_from_db()
    assert verslag.status == Verslag.Status.BEOORDEELD
    assert beoordeling.versie.volgnummer == 1
    with pytest.raises(ValidationError, match="Alleen een ingediend"):
        verslag_beoordelen(verslag=verslag, oordeel="onvoldoende", opmerkingen="x", door=ministerie)
    with pytest.raises(ValidationError, match="bevroren"):
        _ingevuld(verslag, prt_gelderland)
