"""Uploaded attachments (regietafels' bijlagen) through the real upload view: type by content,
size limit, stored outside the web root, served only through the access rule."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from regietafels.models import Bijlage

pytestmark = pytest.mark.django_db

# the start of a Windows executable (MZ header + DOS stub text)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"This program cannot be run in DOS mode.\r\n" * 20
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def verslag(gemeenten, prt_gelderland):
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming

    raming = _maak_raming(2026)
    regietafel = Regietafel.objects.get(provincie__code="PV25")
    return verslag_aanmaken(regietafel=regietafel, cyclus=raming.cyclus, door=prt_gelderland)


def _upload(client, verslag, naam, inhoud, content_type="application/pdf"):
    slug = verslag.regietafel.provincie.slug
    return client.post(
        f"/regietafels/{slug}/verslag/bijlagen/",
        {"bestand": SimpleUploadedFile(naam, inhoud, content_type=content_type)},
        follow=True,
    )


def test_hernoemd_uitvoerbaar_bestand_geweigerd(client, prt_gelderland, verslag):
    client.force_login(prt_gelderland)
    response = _upload(client, verslag, "verslag.pdf", EXE)
    assert "Alleen PDF-, ODT- en DOCX-bestanden zijn toegestaan." in response.content.decode()
    assert not Bijlage.objects.exists()


def test_te_groot_bestand_geweigerd(client, prt_gelderland, verslag, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(prt_gelderland)
    response = _upload(client, verslag, "groot.pdf", PDF + b"0" * 2048)
    assert "te groot" in response.content.decode()
    assert not Bijlage.objects.exists()


def test_geldig_bestand_buiten_webroot_en_alleen_via_toegangsregel(
    client, prt_gelderland, prt_noord_holland, verslag
):
    client.force_login(prt_gelderland)
    _upload(client, verslag, "verslag.pdf", PDF)
    bijlage = Bijlage.objects.get()
    pad = Path(bijlage.bestand.path).resolve()
    assert pad.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not pad.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    slug = verslag.regietafel.provincie.slug
    url = f"/regietafels/{slug}/verslag/bijlagen/{bijlage.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(prt_noord_holland)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
