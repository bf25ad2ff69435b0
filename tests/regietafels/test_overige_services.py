"""Extensions, attachments, the verdeelbesluit with restopgave, and realisation reports."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from regietafels.models import (
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
)
from regietafels.services import (
    bijlage_toevoegen,
    gemeente_vrijstellen,
    realisatie_melden,
    regel_aanpassen,
    verdeel_pro_rata,
    verdeelbesluit_nieuwe_versie,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_aanvragen,
    verlenging_toekennen,
    verlengingsverzoek_besluiten,
    verslag_indienen,
    verslag_opslaan,
)
from regietafels.termijnen import verslagtermijn, verslagtermijnen

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db


# --- extensions ------------------------------------------------------------------------------


def test_verzoek_toekennen_verschuift_effectieve_termijn(
    verslag_gelderland, prt_gelderland, ministerie
):
    verzoek = verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Bestuurlijk overleg op 10 november",
        gevraagde_datum=dt.date(2026, 11, 15),
        door=prt_gelderland,
    )
    with pytest.raises(ValidationError, match="al een verzoek"):
        verlenging_aanvragen(
            verslag=verslag_gelderland,
            reden="Nog een",
            gevraagde_datum=dt.date(2026, 11, 20),
            door=prt_gelderland,
        )
    with pytest.raises(PermissionDenied):
        verlengingsverzoek_besluiten(
            verzoek=verzoek, toekennen=True, besluit_reden="x", door=prt_gelderland
        )
    with pytest.raises(ValidationError):
        verlengingsverzoek_besluiten(
            verzoek=verzoek, toekennen=True, besluit_reden="", door=ministerie
        )
    verzoek = verlengingsverzoek_besluiten(
        verzoek=verzoek,
        toekennen=True,
        besluit_reden="Akkoord",
        nieuwe_datum=dt.date(2026, 11, 12),
        door=ministerie,
    )
    assert verzoek.status == Verlengingsverzoek.Status.TOEGEKEND
    assert verzoek.verlenging.regietafel == verslag_gelderland.regietafel
    termijn = verslagtermijn(verslag_gelderland.cyclus, verslag_gelderland.regietafel)
    assert termijn.oorspronkelijk == dt.date(2026, 11, 1)
    assert termijn.effectief == dt.date(2026, 11, 12)
    # Other provinces keep the original date.
    andere = Regietafel.objects.get(provincie__code="PV27")
    assert verslagtermijn(verslag_gelderland.cyclus, andere).effectief == dt.date(2026, 11, 1)
    with pytest.raises(ValidationError, match="al besloten"):
        verlengingsverzoek_besluiten(
            verzoek=verzoek, toekennen=False, besluit_reden="x", door=ministerie
        )


def test_verzoek_afwijzen_laat_termijn_staan(verslag_gelderland, prt_gelderland, ministerie):
    verzoek = verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Meer tijd",
        gevraagde_datum=dt.date(2026, 12, 1),
        door=prt_gelderland,
    )
    verzoek = verlengingsverzoek_besluiten(
        verzoek=verzoek, toekennen=False, besluit_reden="Geen grond", door=ministerie
    )
    assert verzoek.status == Verlengingsverzoek.Status.AFGEWEZEN
    assert verzoek.verlenging is None
    assert not Termijnverlenging.objects.exists()
    # After a decision a new request may be made.
    verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Nieuwe omstandigheden",
        gevraagde_datum=dt.date(2026, 11, 20),
        door=prt_gelderland,
    )


def test_verzoek_met_datum_voor_termijn_geweigerd(verslag_gelderland, prt_gelderland):
    with pytest.raises(ValidationError) as fout:
        verlenging_aanvragen(
            verslag=verslag_gelderland,
            reden="x",
            gevraagde_datum=dt.date(2026, 10, 1),
            door=prt_gelderland,
        )
    assert "gevraagde_datum" in fout.value.message_dict


def test_verlenging_voor_alle_regietafels(cyclus, ministerie, prt_gelderland):
    with pytest.raises(PermissionDenied):
        verlenging_toekennen(
            cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 1), reden="x", door=prt_gelderland
        )
    with pytest.raises(ValidationError):
        verlenging_toekennen(
            cyclus=cyclus, nieuwe_datum=dt.date(2026, 10, 1), reden="x", door=ministerie
        )
    verlenging_toekennen(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2026, 12, 1),
        reden="Raming een maand later gepubliceerd",
        referentie="Kamerbrief 5 februari 2026",
        door=ministerie,
    )
    termijnen = verslagtermijnen(cyclus)
    assert len(termijnen) == 12
    assert {t.effectief for t in termijnen.values()} == {dt.date(2026, 12, 1)}
    assert {t.oorspronkelijk for t in termijnen.values()} == {dt.date(2026, 11, 1)}


# --- attachments -----------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("naam", "inhoud", "soort"),
    [
        ("besluit.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("notitie.docx", _docx(), "wordprocessingml"),
        ("notitie.odt", _odt(), "opendocument.text"),
        ("vermomd.exe", b"%PDF-1.4 echt een pdf", "application/pdf"),
    ],
)
def test_bijlage_soort_op_inhoud(verslag_gelderland, prt_gelderland, naam, inhoud, soort):
    bijlage = bijlage_toevoegen(
        verslag=verslag_gelderland,
        bestand=SimpleUploadedFile(naam, inhoud, content_type="text/plain"),
        door=prt_gelderland,
    )
    assert soort in bijlage.content_type
    assert bijlage.grootte == len(inhoud)
    assert bijlage.bestand.read() == inhoud


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf"),
        ("archief.docx", b"PK\x03\x04 kapotte zip"),
        ("plaatje.pdf", b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_bijlage_verkeerde_soort_geweigerd(verslag_gelderland, prt_gelderland, naam, inhoud):
    with pytest.raises(ValidationError, match="PDF-, ODT- en DOCX"):
        bijlage_toevoegen(
            verslag=verslag_gelderland,
            bestand=SimpleUploadedFile(naam, inhoud, content_type="application/pdf"),
            door=prt_gelderland,
        )
    assert not verslag_gelderland.bijlagen.exists()


@override_settings(UPLOAD_MAX_BYTES=100)
def test_bijlage_te_groot_geweigerd(verslag_gelderland, prt_gelderland):
    with pytest.raises(ValidationError, match="te groot"):
        bijlage_toevoegen(
            verslag=verslag_gelderland,
            bestand=SimpleUploadedFile("groot.pdf", b"%PDF-" + b"x" * 200),
            door=prt_gelderland,
        )


def test_bijlage_andere_provincie_geweigerd(verslag_gelderland, prt_noord_holland):
    with pytest.raises(PermissionDenied):
        bijlage_toevoegen(
            verslag=verslag_gelderland,
            bestand=SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            door=prt_noord_holland,
        )


# --- verdeelbesluit --------------------------------------------------------------------------


def test_verdeel_pro_rata_telt_exact_op():
    assert verdeel_pro_rata(10, {1: 1, 2: 1, 3: 1}) == {1: 4, 2: 3, 3: 3}
    assert sum(verdeel_pro_rata(997, {1: 13, 2: 29, 3: 101, 4: 7}).values()) == 997
    assert verdeel_pro_rata(0, {1: 5}) == {1: 0}
    assert verdeel_pro_rata(5, {}) == {}


def _ingediend_gelderland(verslag, prt, ministerie):
    regels = list(verslag.regels.select_related("gemeente").order_by("gemeente__naam"))
    # Arnhem offers double its number; Ede offers nothing; all others exactly their number.
    waarden = {}
    for r in regels:
        if r.gemeente.naam == "Arnhem":
            waarden["Arnhem"] = {"bestaande_locaties": 2 * r.indicatief_aantal}
        elif r.gemeente.naam in ("Ede", "Apeldoorn"):
            waarden[r.gemeente.naam] = {"bestaande_locaties": 0}
        else:
            waarden[r.gemeente.naam] = {"bestaande_locaties": r.indicatief_aantal}
    verslag = verslag_opslaan(
        verslag=verslag, versie=verslag.versie, regels=regels_invoer(verslag, **waarden), door=prt
    )
    verslag_indienen(verslag=verslag, door=prt)
    return {r.gemeente.naam: r for r in verslag.regels.select_related("gemeente")}


@time_machine.travel(dt.datetime(2026, 12, 23, 10, tzinfo=dt.UTC))
def test_verdeelbesluit_restopgave_pro_rata_met_vrijstelling(
    verslag_gelderland, prt_gelderland, ministerie, raming
):
    rijen = _ingediend_gelderland(verslag_gelderland, prt_gelderland, ministerie)
    opgave = raming.provincies.get(provincie__code="PV25").opgave
    tekort = opgave - sum(r.aangeboden for r in rijen.values())
    ede, apeldoorn, arnhem = rijen["Ede"], rijen["Apeldoorn"], rijen["Arnhem"]
    assert tekort == ede.indicatief_aantal + apeldoorn.indicatief_aantal - arnhem.indicatief_aantal

    with pytest.raises(PermissionDenied):
        verdeelbesluit_voorstellen(cyclus=verslag_gelderland.cyclus, door=prt_gelderland)
    besluit = verdeelbesluit_voorstellen(cyclus=verslag_gelderland.cyclus, door=ministerie)
    with pytest.raises(ValidationError, match="al een verdeelbesluit"):
        verdeelbesluit_voorstellen(cyclus=verslag_gelderland.cyclus, door=ministerie)
    regels = {
        r.gemeente.naam: r
        for r in besluit.regels.filter(gemeente__provincie__code="PV25").select_related("gemeente")
    }
    assert sum(r.restopgave for r in regels.values()) == tekort
    # Only Ede and Apeldoorn offered less than their number: pro rata their indicative numbers.
    verwacht = verdeel_pro_rata(
        tekort,
        {
            ede.gemeente_id: ede.indicatief_aantal,
            apeldoorn.gemeente_id: apeldoorn.indicatief_aantal,
        },
    )
    assert regels["Ede"].restopgave == verwacht[ede.gemeente_id]
    assert regels["Apeldoorn"].restopgave == verwacht[apeldoorn.gemeente_id]
    assert regels["Arnhem"].restopgave == 0
    assert regels["Arnhem"].aantal == arnhem.aangeboden
    # Provinces without a submitted verslag: the whole opgave over all their gemeenten.
    nh = besluit.regels.filter(gemeente__provincie__code="PV27")
    assert sum(r.aantal for r in nh) == raming.provincies.get(provincie__code="PV27").opgave

    with pytest.raises(ValidationError):
        gemeente_vrijstellen(regel=regels["Ede"], vrijgesteld=True, reden="", door=ministerie)
    gemeente_vrijstellen(
        regel=regels["Ede"], vrijgesteld=True, reden="Crisisnoodopvang", door=ministerie
    )
    regels = {r.gemeente.naam: r for r in besluit.regels.select_related("gemeente")}
    assert regels["Ede"].restopgave == 0
    assert regels["Ede"].aantal == 0
    assert regels["Apeldoorn"].restopgave == tekort

    with pytest.raises(ValidationError, match="reden"):
        regel_aanpassen(regel=regels["Apeldoorn"], aantal=5, reden="", door=ministerie)
    regel_aanpassen(regel=regels["Apeldoorn"], aantal=5, reden="Bezwaar gegrond", door=ministerie)

    with pytest.raises(PermissionDenied):
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 23), door=prt_gelderland
        )
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 23),
        afwijkingsreden="Gelderland wordt nog beoordeeld",
        door=ministerie,
    )
    besluit.refresh_from_db()
    assert besluit.status == Verdeelbesluit.Status.VASTGESTELD
    assert set(besluit.regels.values_list("realisatietermijn", flat=True)) == {dt.date(2027, 6, 23)}
    with pytest.raises(ValidationError, match="al vastgesteld"):
        verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2026, 12, 24), door=ministerie
        )
    apeldoorn_regel = besluit.regels.get(gemeente__naam="Apeldoorn")
    with pytest.raises(ValidationError, match="nieuwe versie"):
        regel_aanpassen(regel=apeldoorn_regel, aantal=9, reden="x", door=ministerie)

    with pytest.raises(ValidationError):
        verdeelbesluit_nieuwe_versie(verdeelbesluit=besluit, reden=" ", door=ministerie)
    nieuw = verdeelbesluit_nieuwe_versie(
        verdeelbesluit=besluit, reden="Uitspraak bezwaar Apeldoorn", door=ministerie
    )
    assert nieuw.versie == 2
    assert nieuw.vorige_versie == besluit
    assert nieuw.status == Verdeelbesluit.Status.CONCEPT
    assert nieuw.regels.get(gemeente__naam="Apeldoorn").aantal == 5
    with pytest.raises(ValidationError, match="nieuwere versie"):
        verdeelbesluit_nieuwe_versie(verdeelbesluit=besluit, reden="x", door=ministerie)
    assert VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit).count() == (
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=nieuw).count()
    )


# --- realisation ----------------------------------------------------------------------------


def test_realisatie_melden(cyclus, ministerie, gemeente_arnhem, gemeente_zaanstad, prt_gelderland):
    arnhem = gemeente_arnhem.gemeente
    with pytest.raises(ValidationError, match="nog geen vastgesteld"):
        realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=dt.date(2026, 1, 5),
            aantal=10,
            door=gemeente_arnhem,
        )
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 1, 1), door=ministerie
    )
    with pytest.raises(PermissionDenied):
        realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=dt.date(2026, 1, 5),
            aantal=10,
            door=gemeente_zaanstad,
        )
    with pytest.raises(ValidationError) as fout:
        realisatie_melden(
            gemeente=arnhem,
            cyclus=cyclus,
            datum=dt.date(2099, 1, 5),
            aantal=0,
            door=gemeente_arnhem,
        )
    assert set(fout.value.message_dict) == {"aantal", "datum"}
    melding = realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 1, 5),
        aantal=40,
        door=gemeente_arnhem,
        opmerking="Locatie Kleefse Waard",
    )
    assert melding.gemeld_door == gemeente_arnhem
    realisatie_melden(
        gemeente=arnhem, cyclus=cyclus, datum=dt.date(2026, 1, 6), aantal=5, door=prt_gelderland
    )
    assert arnhem.realisatiemeldingen.count() == 2
