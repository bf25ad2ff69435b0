"""Uploaded archives (ODT, DOCX) are checked from their directory before anything is unpacked:
an archive bomb is refused without being read (peak memory of the upload bounded), an encrypted
member or an unknown compression method is refused with a message, never a server error."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import archief
from regietafels.services import bijlage_toevoegen
from tests.regietafels.conftest import (  # noqa: F401
    cyclus,
    raming,
    regietafel_gelderland,
    verslag_gelderland,
)

ODT = "application/vnd.oasis.opendocument.text"


def _bom(mb: int = 400) -> bytes:
    """An .odt whose mimetype member unpacks to ``mb`` MB (about 400 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        info = zipfile.ZipInfo("mimetype")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as lid:
            lid.write(ODT.encode())
            blok = b"\0" * (1024 * 1024)
            for _ in range(mb):
                lid.write(blok)
        zf.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def _met_lid(info: zipfile.ZipInfo, inhoud: bytes = ODT.encode()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(info, inhoud)
        zf.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def _gewijzigde_kop(plekken: tuple[int, int], waarde: int, of: bool = False) -> bytes:
    """The first member's 2-byte field at ``plekken`` (local header, central directory)."""
    data = bytearray(_met_lid(zipfile.ZipInfo("mimetype")))
    for handtekening, plek in zip((b"PK\x03\x04", b"PK\x01\x02"), plekken, strict=True):
        start = data.index(handtekening) + plek
        oud = int.from_bytes(data[start : start + 2], "little")
        data[start : start + 2] = ((oud | waarde) if of else waarde).to_bytes(2, "little")
    return bytes(data)


def _versleuteld() -> bytes:
    return _gewijzigde_kop((6, 8), 0x1, of=True)  # general purpose flag bit 0


def _onbekende_compressie() -> bytes:
    return _gewijzigde_kop((8, 10), 99)  # compression method 99 (AE-x)


@pytest.fixture(scope="module")
def bom():
    return _bom()


def test_bom_geweigerd_zonder_uitpakken(bom):
    assert len(bom) < 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(archief.ArchiefFout, match="onwaarschijnlijk grote"):
            archief.controleren(io.BytesIO(bom))
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 5 * 1024 * 1024, piek


@pytest.mark.django_db
def test_bom_als_bijlage_piekgeheugen_begrensd(bom, verslag_gelderland, prt_gelderland):  # noqa: F811
    bestand = SimpleUploadedFile("verslag.odt", bom, content_type=ODT)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as fout:
            bijlage_toevoegen(verslag=verslag_gelderland, bestand=bestand, door=prt_gelderland)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "onwaarschijnlijk grote" in str(fout.value)
    # the 400 MB member is never unpacked: the request holds little more than the upload
    assert piek < 10 * 1024 * 1024, piek


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (_versleuteld(), "versleuteld"),
        (_onbekende_compressie(), "onbekende compressiemethode"),
        (b"PK\x03\x04" + b"\0" * 100, "beschadigd"),
    ],
)
def test_exotisch_archief_geweigerd(verslag_gelderland, prt_gelderland, inhoud, melding):  # noqa: F811
    with pytest.raises(ValidationError, match=melding):
        bijlage_toevoegen(
            verslag=verslag_gelderland,
            bestand=SimpleUploadedFile("x.odt", inhoud, content_type=ODT),
            door=prt_gelderland,
        )


@pytest.mark.django_db
def test_via_de_pagina_een_melding(client, verslag_gelderland, prt_gelderland):  # noqa: F811
    client.force_login(prt_gelderland)
    pad = f"/regietafels/{verslag_gelderland.regietafel.provincie.slug}/verslag/bijlagen/"
    antwoord = client.post(
        pad, {"bestand": SimpleUploadedFile("x.odt", _versleuteld(), content_type=ODT)}, follow=True
    )
    assert antwoord.status_code < 500
    assert "versleuteld" in antwoord.content.decode()


def _xlsx_bom(mb: int = 400) -> bytes:
    """An .xlsx whose shared strings unpack to ``mb`` MB (about 400 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as lid:
            lid.write(b"<sst><si><t>")
            blok = b"a" * (1024 * 1024)
            for _ in range(mb):
                lid.write(blok)
            lid.write(b"</t></si></sst>")
    return buffer.getvalue()


def _piek_van_verzoek(doe) -> tuple[object, int]:
    """The answer of ``doe()`` and the peak of the memory Python allocated meanwhile: the
    request as a whole, through every middleware, the form and the service."""
    tracemalloc.start()
    try:
        antwoord = doe()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return antwoord, piek


@pytest.mark.django_db
def test_bom_via_de_pagina_piekgeheugen_van_het_verzoek_begrensd(
    client,
    bom,
    verslag_gelderland,  # noqa: F811
    prt_gelderland,
):
    client.force_login(prt_gelderland)
    pad = f"/regietafels/{verslag_gelderland.regietafel.provincie.slug}/verslag/bijlagen/"
    antwoord, piek = _piek_van_verzoek(
        lambda: client.post(
            pad, {"bestand": SimpleUploadedFile("verslag.odt", bom, content_type=ODT)}, follow=True
        )
    )
    assert antwoord.status_code < 500
    assert "onwaarschijnlijk grote" in antwoord.content.decode()
    # the upload is 400 KB; unpacking the member would have taken 400 MB
    assert piek < 20 * 1024 * 1024, piek


@pytest.fixture(scope="module")
def xlsx_bom():
    return _xlsx_bom()


@pytest.mark.django_db
def test_xlsx_bom_als_verslagwerkboek(client, xlsx_bom, verslag_gelderland, prt_gelderland):  # noqa: F811
    client.force_login(prt_gelderland)
    bestand = SimpleUploadedFile("verslag.xlsx", xlsx_bom)
    antwoord, piek = _piek_van_verzoek(
        lambda: client.post(
            reverse(
                "regietafels:verslag_werkboek_uploaden",
                kwargs={"slug": verslag_gelderland.regietafel.provincie.slug},
            ),
            {"bestand": bestand},
        )
    )
    assert antwoord.status_code == 400
    assert "onwaarschijnlijk grote" in antwoord.content.decode()
    assert piek < 20 * 1024 * 1024, piek


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (_xlsx_bom(20), "onwaarschijnlijk grote"),
        (_versleuteld(), "versleuteld"),
        (_onbekende_compressie(), "onbekende compressiemethode"),
    ],
)
def test_locatie_import_weigert_bom_en_exotisch_archief(client, coa, inhoud, melding):
    client.force_login(coa)
    antwoord, piek = _piek_van_verzoek(
        lambda: client.post(
            "/locaties/importeren/", {"bestand": SimpleUploadedFile("locaties.xlsx", inhoud)}
        )
    )
    assert antwoord.status_code < 500
    assert melding in antwoord.content.decode()
    assert piek < 20 * 1024 * 1024, piek
