"""Notices for the corrections: an extension withdrawn or corrected, a verdeelbesluit
superseded for one gemeente, a realisation report corrected or withdrawn."""

import datetime as dt

import pytest
import time_machine

from meldingen import opdrachten
from meldingen.models import Melding, Soort
from regietafels import services as rt

from .test_per_soort import NU, ontvangers, tekst

pytestmark = pytest.mark.django_db


@time_machine.travel(NU)
def test_verlenging_ingetrokken_en_gecorrigeerd(
    verslag_gelderland, prt_gelderland, ministerie, iedereen
):
    verlenging = rt.verlenging_toekennen(
        cyclus=verslag_gelderland.cyclus,
        regietafel=verslag_gelderland.regietafel,
        nieuwe_datum=dt.date(2026, 11, 20),
        reden="Raadsbesluiten",
        door=ministerie,
    )
    nieuw = rt.verlenging_corrigeren(
        verlenging=verlenging, nieuwe_datum=dt.date(2026, 11, 25), reden="Tikfout", door=ministerie
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    # the correction is announced as the extension in force, with its reason
    correctie = Melding.objects.get(
        ontvanger=prt_gelderland, sleutel=f"verlenging-toegekend:{nieuw.pk}"
    )
    assert "Correctie van de verlenging tot 20-11-2026: Tikfout" in correctie.tekst
    assert "25 november 2026" in correctie.tekst
    rt.verlenging_intrekken(verlenging=nieuw, reden="Toch niet nodig", door=ministerie)
    opdrachten.alles_uitvoeren()
    assert ontvangers(Soort.VERLENGING_INGETROKKEN) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
    }
    assert Melding.objects.filter(
        soort=Soort.VERLENGING_INGETROKKEN,
        ontvanger=iedereen["arnhem"],
        sleutel=f"verlenging-ingetrokken:{nieuw.pk}",
        tekst__contains="Toch niet nodig",
    ).exists()


@time_machine.travel(NU)
def test_verdeelbesluit_herzien_voor_een_gemeente(
    verslag_gelderland,
    prt_gelderland,
    ministerie,
    iedereen,
    cyclus,
):
    rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    besluit = rt.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    besluit = rt.verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 10, 20),
        door=ministerie,
        afwijkingsreden="Test: termijnen lopen nog",
    )
    opdrachten.alles_uitvoeren()
    Melding.objects.all().delete()
    arnhem = iedereen["arnhem"]
    nieuw = rt.verdeelbesluit_herzien(
        verdeelbesluit=besluit,
        reden="Besluit op bezwaar",
        door=ministerie,
        gemeente=arnhem.gemeente,
        aantal=123,
        besluitdatum=dt.date(2026, 10, 20),
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.VERDEELBESLUIT) == {
        "t-gemeente-arnhem",
        "t-prt-gelderland",
        "t-prt-gelderland-2",
    }
    bericht = tekst(arnhem, Soort.VERDEELBESLUIT)
    assert "Arnhem: 123 opvangplekken" in bericht and f"versie {nieuw.versie}" in bericht


@time_machine.travel(NU)
def test_realisatie_gecorrigeerd_en_ingetrokken(
    verslag_gelderland,
    prt_gelderland,
    ministerie,
    iedereen,
    cyclus,
):
    rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    besluit = rt.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    rt.verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 10, 1),
        door=ministerie,
        afwijkingsreden="Test: termijnen lopen nog",
    )
    arnhem = iedereen["arnhem"]
    melding = rt.realisatie_melden(
        gemeente=arnhem.gemeente, cyclus=cyclus, datum=dt.date(2026, 10, 10), aantal=5, door=arnhem
    )
    nieuw = rt.realisatie_corrigeren(
        melding=melding, aantal=7, datum=dt.date(2026, 10, 10), reden="Telfout", door=arnhem
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.REALISATIE_GECORRIGEERD) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-ministerie",
        "t-ministerie-2",
    }
    assert "Nieuwe melding: 7 plekken" in tekst(prt_gelderland, Soort.REALISATIE_GECORRIGEERD)
    rt.realisatie_intrekken(melding=nieuw, reden="Dubbel gemeld", door=prt_gelderland)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert Melding.objects.filter(
        soort=Soort.REALISATIE_GECORRIGEERD, ontvanger=arnhem, tekst__contains="Dubbel gemeld"
    ).exists()
