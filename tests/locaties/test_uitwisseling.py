"""Import with a preview and atomic apply; export in the same format (round trip)."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from accounts.rechten import GeenToegang
from locaties import uitwisseling
from locaties.models import Opvanglocatie

from .conftest import locatie_maken

pytestmark = pytest.mark.django_db


def _csv(rijen, kop=None) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow(kop or uitwisseling.KOP)
    for rij in rijen:
        schrijver.writerow(rij)
    return uit.getvalue().encode("utf-8")


def _rij(**w):
    standaard = {
        "COA-referentie": "",
        "Gemeentecode": "GM0202",
        "Gemeente": "Arnhem",
        "Naam": "Nieuw azc",
        "Straat en huisnummer": "",
        "Postcode": "",
        "Plaats": "",
        "Soort": "Regulier azc",
        "Fase": "Planvorming",
        "Fase sinds": "2025-01-01",
        "Capaciteit regulier": "200",
        "Capaciteit amv": "0",
        "Bestuursovereenkomst gesloten op": "",
        "Beschikbaar vanaf": "",
        "Beschikbaar tot": "",
        "Duurzaam": "nee",
    }
    standaard.update(w)
    return [standaard[k] for k in uitwisseling.KOP]


def test_voorbeeld_nieuw_gewijzigd_onbekend_en_ongeldig(arnhem):
    bestaand = locatie_maken(arnhem, naam="Bestaand", coa_referentie="COA-1")
    inhoud = _csv(
        [
            _rij(),
            _rij(
                **{
                    "COA-referentie": "COA-1",
                    "Naam": "Bestaand",
                    "Capaciteit regulier": "150",
                    "Fase sinds": "2026-01-01",
                }
            ),
            _rij(**{"Gemeentecode": "GM9999", "Gemeente": "Atlantis"}),
            _rij(**{"Naam": "Kapot", "Capaciteit regulier": "veel", "Fase": "klaar"}),
        ]
    )
    voorbeeld = uitwisseling.lees(inhoud, "lijst.csv")
    assert [n.gegevens["naam"] for n in voorbeeld.nieuw] == ["Nieuw azc"]
    assert voorbeeld.gewijzigd[0].locatie == bestaand
    assert voorbeeld.gewijzigd[0].verschillen == [("Capaciteit regulier", 100, 150)]
    assert voorbeeld.onbekende_gemeente == [(4, "GM9999", "Atlantis")]
    assert {(f.rij, f.kolom, f.cel) for f in voorbeeld.fouten} == {
        (5, "Fase", "I5"),
        (5, "Capaciteit regulier", "K5"),
    }
    assert not voorbeeld.toepasbaar
    assert Opvanglocatie.objects.count() == 1  # the preview writes nothing


def test_toepassen_weigert_een_bestand_met_fouten_geheel(arnhem, ministerie):
    inhoud = _csv([_rij(), _rij(**{"Naam": "Kapot", "Soort": "kasteel"})])
    with pytest.raises(ValidationError):
        uitwisseling.import_toepassen(door=ministerie, inhoud=inhoud, naam="lijst.csv")
    assert not Opvanglocatie.objects.exists()


def test_toepassen_is_atomair_en_coa_bevestigt(arnhem, coa):
    bestaand = locatie_maken(arnhem, naam="Bestaand", coa_referentie="COA-1")
    inhoud = _csv(
        [
            _rij(),
            _rij(
                **{
                    "COA-referentie": "COA-1",
                    "Naam": "Bestaand",
                    "Fase": "In gebruik",
                    "Fase sinds": "2026-02-01",
                }
            ),
        ]
    )
    uitwisseling.import_toepassen(door=coa, inhoud=inhoud, naam="lijst.csv")
    bestaand.refresh_from_db()
    assert bestaand.fase == "in_gebruik" and bestaand.is_bevestigd
    assert list(bestaand.fasewijzigingen.values_list("naar_fase", "bron")) == [
        ("in_gebruik", "coa")
    ]
    nieuw = Opvanglocatie.objects.get(naam="Nieuw azc")
    assert nieuw.is_bevestigd and nieuw.fasewijzigingen.get().bron == "coa"


def test_alleen_ministerie_en_coa_importeren(arnhem, gemeente_arnhem, prt_gelderland):
    for wie in (gemeente_arnhem, prt_gelderland):
        with pytest.raises(GeenToegang):
            uitwisseling.import_toepassen(door=wie, inhoud=_csv([_rij()]), naam="l.csv")


def test_onleesbare_bestanden(arnhem):
    for inhoud, naam in (
        (b"PK\x03\x04kapot", "lijst.xlsx"),
        (b"\xff\xfe\x00", "lijst.csv"),
        (b"iets", "lijst.pdf"),
        (_csv([], kop=["Naam"]), "lijst.csv"),
    ):
        with pytest.raises(ValidationError):
            uitwisseling.lees(inhoud, naam)


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_export_leest_terug_zonder_wijzigingen(arnhem, nijmegen, ministerie, formaat):
    locatie_maken(
        arnhem,
        naam="=Formule?",
        coa_referentie="COA-9",
        postcode="6800 AA",
        capaciteit_amv=12,
        overeenkomst_gesloten_op=dt.date(2025, 5, 1),
        beschikbaar_vanaf=dt.date(2025, 6, 1),
        beschikbaar_tot=dt.date(2031, 6, 1),
        duurzaam=True,
        fase="in_gebruik",
    )
    locatie_maken(nijmegen, naam="Noodopvang Nijmegen", soort="noodopvang")
    qs = Opvanglocatie.objects.all()
    if formaat == "csv":
        inhoud = uitwisseling.als_csv(qs).encode("utf-8")
    else:
        inhoud = uitwisseling.als_xlsx(qs)
    voorbeeld = uitwisseling.lees(inhoud, f"export.{formaat}")
    assert not voorbeeld.fouten and not voorbeeld.nieuw and not voorbeeld.gewijzigd
    assert voorbeeld.ongewijzigd == 2


def test_xlsx_met_datums_en_getallen_als_cellen(arnhem):
    boek = Workbook()
    blad = boek.active
    blad.append(uitwisseling.KOP)
    rij = _rij()
    rij[uitwisseling.KOP.index("Fase sinds")] = dt.datetime(2025, 3, 1)
    rij[uitwisseling.KOP.index("Capaciteit regulier")] = 250
    blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    voorbeeld = uitwisseling.lees(uit.getvalue(), "coa.xlsx")
    assert voorbeeld.nieuw[0].gegevens["fase_sinds"] == dt.date(2025, 3, 1)
    assert voorbeeld.nieuw[0].gegevens["capaciteit_regulier"] == 250
