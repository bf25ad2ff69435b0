"""The beschikking verdeelbesluit per gemeente, read back from the PDF."""

import hashlib

import pytest

from documenten import soorten
from documenten.maken import inhoud
from documenten.models import Document
from raming.models import Gemeente
from regietafels.models import VerdeelbesluitRegel

from .conftest import regel_van
from .hulp import fonts, lezer, pdfa_identificatie, tekst

pytestmark = pytest.mark.django_db


def test_beschikking_noemt_aantal_data_berekening_en_bezwaarclausule(besluit):
    arnhem = regel_van(besluit, "Arnhem")
    document = soorten.beschikking(arnhem)
    t = tekst(document)
    assert "gemeente Arnhem" in t
    assert f"is vastgesteld op {arnhem.aantal}" in t
    assert "22 december 2026" in t  # besluitdatum
    assert "22 juni 2027" in t  # realisatietermijn: zes maanden later
    assert f"VB-2026-V1-{arnhem.gemeente.code}" in t
    assert (
        f"Indicatief aantal volgens de capaciteitsraming 2026 (versie 1) {arnhem.indicatief_aantal}"
        in t
    )
    assert f"Aandeel in de restopgave van de provincie {arnhem.restopgave}" in t
    assert "binnen zes weken na de dag waarop dit besluit is bekendgemaakt bezwaar maken" in t
    assert "artikel 6:7 en 6:8 van de Algemene wet bestuursrecht" in t
    assert "2.026" not in t


def test_vrijstelling_met_reden_in_de_beschikking(besluit):
    t = tekst(soorten.beschikking(regel_van(besluit, "Ede")))
    assert "Aandeel in de restopgave: vrijgesteld 0" in t
    assert "Reden: Grote noodopvang in 2025" in t


def test_pdfa_identificatie_en_ingebedde_fonts(besluit):
    document = soorten.beschikking(regel_van(besluit, "Arnhem"))
    assert document.pdf_variant == "pdf/a-3b"
    assert pdfa_identificatie(document) == ("3", "B")
    gevonden = fonts(document)
    assert gevonden and all(gevonden.values()), gevonden
    assert any("Source-Sans-3" in naam for naam in gevonden), gevonden
    lees = lezer(document)
    assert "/OutputIntents" in lees.trailer["/Root"]
    assert lees.metadata.title.startswith("Beschikking verdeelbesluit asielopvang 2026")


def test_bevroren_document_verandert_niet_als_de_gegevens_veranderen(besluit):
    arnhem = regel_van(besluit, "Arnhem")
    eerste = soorten.beschikking(arnhem)
    bytes_voor = inhoud(eerste)
    assert hashlib.sha256(bytes_voor).hexdigest() == eerste.sha256
    # the record changes underneath (outside the services, as a data repair would)
    VerdeelbesluitRegel.objects.filter(pk=arnhem.pk).update(aantal=arnhem.aantal + 50)
    Gemeente.objects.filter(pk=arnhem.gemeente_id).update(naam="Arnhem (hernoemd)")
    tweede = soorten.beschikking(arnhem)
    assert tweede.pk == eerste.pk
    assert tweede.sha256 == eerste.sha256
    assert inhoud(tweede) == bytes_voor
    assert "Arnhem (hernoemd)" not in tekst(tweede)
    assert Document.objects.count() == 1


def test_vastgelegd_document_kan_niet_worden_gewijzigd_of_verwijderd(besluit):
    from django.core.exceptions import ValidationError

    document = soorten.beschikking(regel_van(besluit, "Arnhem"))
    with pytest.raises(ValidationError):
        Document.objects.filter(pk=document.pk).update(titel="anders")
    with pytest.raises(ValidationError):
        Document.objects.filter(pk=document.pk).delete()
    with pytest.raises(ValidationError):
        document.delete()


def test_gewijzigd_bestand_wordt_herkend(besluit):
    document = soorten.beschikking(regel_van(besluit, "Arnhem"))
    pad = document.bestand.path
    with open(pad, "ab") as f:
        f.write(b"%")
    with pytest.raises(OSError):
        inhoud(document)
