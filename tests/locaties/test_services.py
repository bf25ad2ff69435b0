"""The register's services: bounded input, phase rules, COA confirmation, notices, history."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import Rol
from accounts.rechten import GeenToegang
from locaties import services
from locaties.models import Fase, Fasewijziging, Opvanglocatie
from meldingen import opdrachten
from meldingen.models import Melding
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 6, 1)
GEGEVENS = {
    "naam": "Azc Arnhem-Zuid",
    "straat_huisnummer": "Kemperbergerweg 1",
    "postcode": "6816rw",
    "plaats": "Arnhem",
    "capaciteit_regulier": 400,
    "capaciteit_amv": 25,
    "soort": "regulier_azc",
    "overeenkomst_gesloten_op": dt.date(2026, 3, 1),
    "beschikbaar_vanaf": dt.date(2026, 9, 1),
    "beschikbaar_tot": dt.date(2036, 8, 31),
    "duurzaam": True,
    "coa_referentie": "COA-ARN-1",
}


@pytest.fixture(autouse=True)
def _vandaag(zonder_cache):
    # cachalot dates by the clock: a frozen clock runs without it
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 0), tick=False):
        yield


@pytest.fixture
def locatie(gemeente_arnhem, arnhem):
    locatie = services.locatie_aanmaken(
        door=gemeente_arnhem, gemeente=arnhem, gegevens=GEGEVENS, fase_sinds=dt.date(2026, 1, 5)
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    return locatie


@pytest.fixture
def coa_gebruiker(db):
    return GebruikerFactory(username="t-coa-2", rol=Rol.COA)


def test_aanmaken_schrijft_de_eerste_fase_en_meldt_coa(locatie, coa_gebruiker, gemeente_arnhem):
    assert locatie.postcode == "6816 RW"
    assert locatie.fase == Fase.PLANVORMING
    eerste = locatie.fasewijzigingen.get()
    assert (eerste.van_fase, eerste.naar_fase, eerste.gemeld_door) == (
        "",
        "planvorming",
        gemeente_arnhem,
    )
    assert locatie.history.first().history_user == gemeente_arnhem


def test_alle_fouten_tegelijk(gemeente_arnhem, arnhem):
    slecht = {
        "naam": "",
        "postcode": "12345",
        "capaciteit_regulier": 10_000_000,
        "capaciteit_amv": -1,
        "soort": "kasteel",
        "overeenkomst_gesloten_op": dt.date(2027, 1, 1),
        "beschikbaar_vanaf": dt.date(2030, 1, 1),
        "beschikbaar_tot": dt.date(2029, 1, 1),
    }
    with pytest.raises(ValidationError) as fout:
        services.locatie_aanmaken(
            door=gemeente_arnhem, gemeente=arnhem, gegevens=slecht, fase_sinds=dt.date(9999, 1, 1)
        )
    velden = set(fout.value.message_dict)
    assert velden == {
        "naam",
        "postcode",
        "capaciteit_regulier",
        "capaciteit_amv",
        "soort",
        "overeenkomst_gesloten_op",
        "beschikbaar_tot",
        "fase_sinds",
    }
    assert not Opvanglocatie.objects.exists()


def test_duurzaam_vraagt_vijf_jaar(gemeente_arnhem, arnhem):
    kort = {**GEGEVENS, "beschikbaar_tot": dt.date(2030, 1, 1)}
    with pytest.raises(ValidationError) as fout:
        services.locatie_aanmaken(
            door=gemeente_arnhem, gemeente=arnhem, gegevens=kort, fase_sinds=VANDAAG
        )
    assert "duurzaam" in fout.value.message_dict


def test_coa_referentie_is_uniek(locatie, gemeente_arnhem, arnhem):
    with pytest.raises(ValidationError) as fout:
        services.locatie_aanmaken(
            door=gemeente_arnhem,
            gemeente=arnhem,
            gegevens={**GEGEVENS, "naam": "Tweede"},
            fase_sinds=VANDAAG,
        )
    assert "coa_referentie" in fout.value.message_dict


def test_andere_gemeente_en_andere_provincie_geweigerd(
    arnhem, gemeente_zaanstad, prt_noord_holland, prt_gelderland, ministerie
):
    for wie in (gemeente_zaanstad, prt_noord_holland):
        with pytest.raises(GeenToegang):
            services.locatie_aanmaken(
                door=wie, gemeente=arnhem, gegevens=GEGEVENS, fase_sinds=VANDAAG
            )
    # the PRT of the province, and the ministry (any gemeente)
    for wie, referentie in ((prt_gelderland, "COA-1"), (ministerie, "COA-2")):
        locatie = services.locatie_aanmaken(
            door=wie,
            gemeente=arnhem,
            gegevens={**GEGEVENS, "coa_referentie": referentie},
            fase_sinds=VANDAAG,
        )
        assert locatie.gemeente == arnhem


def test_fasen_vooruit_en_terug_alleen_met_reden(locatie, gemeente_arnhem):
    services.fase_wijzigen(
        door=gemeente_arnhem, locatie=locatie, naar_fase="realisatie", datum=dt.date(2026, 3, 1)
    )
    locatie.refresh_from_db()
    with pytest.raises(ValidationError) as fout:
        services.fase_wijzigen(
            door=gemeente_arnhem,
            locatie=locatie,
            naar_fase="besluitvorming",
            datum=dt.date(2026, 4, 1),
        )
    assert "toelichting" in fout.value.message_dict
    services.fase_wijzigen(
        door=gemeente_arnhem,
        locatie=locatie,
        naar_fase="besluitvorming",
        datum=dt.date(2026, 4, 1),
        toelichting="Raadsbesluit vernietigd door de rechter.",
    )
    locatie.refresh_from_db()
    assert locatie.fase == "besluitvorming" and locatie.fase_sinds == dt.date(2026, 4, 1)
    assert list(locatie.fasewijzigingen.values_list("naar_fase", flat=True)) == [
        "planvorming",
        "realisatie",
        "besluitvorming",
    ]


@pytest.mark.parametrize(
    ("naar", "datum", "veld"),
    [
        ("planvorming", dt.date(2026, 5, 1), "naar_fase"),  # already there
        ("besluitvorming", dt.date(2026, 6, 2), "datum"),  # future
        ("besluitvorming", dt.date(2025, 12, 31), "datum"),  # before the current phase began
        ("besluitvorming", dt.date(1900, 1, 1), "datum"),  # beyond the window
        ("bestaat-niet", dt.date(2026, 5, 1), "naar_fase"),
    ],
)
def test_fasewijziging_geweigerd(locatie, gemeente_arnhem, naar, datum, veld):
    with pytest.raises(ValidationError) as fout:
        services.fase_wijzigen(door=gemeente_arnhem, locatie=locatie, naar_fase=naar, datum=datum)
    assert veld in fout.value.message_dict
    assert Fasewijziging.objects.filter(locatie=locatie).count() == 1


def test_coa_bevestigt_en_een_latere_wijziging_laat_de_bevestiging_vervallen(
    locatie, gemeente_arnhem, coa_gebruiker
):
    services.locatie_bevestigen(door=coa_gebruiker, locatie=locatie)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    locatie.refresh_from_db()
    assert locatie.is_bevestigd and locatie.coa_bevestigd_door == coa_gebruiker
    assert Melding.objects.filter(ontvanger=gemeente_arnhem, soort="locatie_bevestigd").exists()
    with pytest.raises(ValidationError):
        services.locatie_bevestigen(door=coa_gebruiker, locatie=locatie)

    # a name is not confirmed by COA: the confirmation stays
    services.locatie_wijzigen(
        door=gemeente_arnhem, locatie=locatie, gegevens={**GEGEVENS, "naam": "Azc Arnhem"}
    )
    locatie.refresh_from_db()
    assert locatie.is_bevestigd
    # the capacity is: it lapses
    services.locatie_wijzigen(
        door=gemeente_arnhem, locatie=locatie, gegevens={**GEGEVENS, "capaciteit_regulier": 350}
    )
    locatie.refresh_from_db()
    assert not locatie.is_bevestigd
    services.locatie_bevestigen(door=coa_gebruiker, locatie=locatie)
    services.fase_wijzigen(
        door=gemeente_arnhem, locatie=locatie, naar_fase="besluitvorming", datum=VANDAAG
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    locatie.refresh_from_db()
    assert not locatie.is_bevestigd
    # (the COA user came after the registration: one notice, for this phase change)
    gemeld = Melding.objects.filter(ontvanger=coa_gebruiker, soort="locatie_fase_gemeld")
    assert [m.titel for m in gemeld] == ["Arnhem: Azc Arnhem-Zuid is in de fase besluitvorming"]
    # every state is in the history
    assert locatie.history.count() >= 5


def test_alleen_coa_bevestigt(locatie, gemeente_arnhem, prt_gelderland, ministerie):
    for wie in (gemeente_arnhem, prt_gelderland, ministerie):
        with pytest.raises(GeenToegang):
            services.locatie_bevestigen(door=wie, locatie=locatie)


def test_bevestigen_van_wat_intussen_gewijzigd_is_geweigerd(
    locatie, gemeente_arnhem, coa_gebruiker
):
    gezien = locatie.gewijzigd_op
    with time_machine.travel(dt.datetime(2026, 6, 1, 11, 0), tick=False):
        services.locatie_wijzigen(
            door=gemeente_arnhem,
            locatie=locatie,
            gegevens={**GEGEVENS, "capaciteit_regulier": 10},
        )
    with pytest.raises(ValidationError) as fout:
        services.locatie_bevestigen(door=coa_gebruiker, locatie=locatie, gewijzigd_op=gezien)
    assert fout.value.code == "conflict"
    locatie.refresh_from_db()
    assert not locatie.is_bevestigd
