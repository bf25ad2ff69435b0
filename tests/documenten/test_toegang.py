"""Who may fetch which document: the access rule, on the page download and the model."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from documenten import soorten
from documenten.models import Document
from raming.models import Gemeente
from tests.factories import GebruikerFactory

from .conftest import regel_van
from .hulp import tekst

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente_nijmegen(gemeenten):
    return GebruikerFactory(
        username="t-nijmegen", rol="gemeente", gemeente=Gemeente.objects.get(naam="Nijmegen")
    )


def test_beschikking_per_rol(
    client,
    besluit,
    ministerie,
    coa,
    prt_gelderland,
    prt_noord_holland,
    gemeente_arnhem,
    gemeente_nijmegen,
):
    arnhem = regel_van(besluit, "Arnhem")
    url = reverse("documenten:beschikking", kwargs={"regel_pk": arnhem.pk})
    verwacht = {
        ministerie: 200,
        coa: 200,
        prt_gelderland: 200,
        gemeente_arnhem: 200,
        prt_noord_holland: 404,
        gemeente_nijmegen: 404,
    }
    for gebruiker, status in verwacht.items():
        client.force_login(gebruiker)
        antwoord = client.get(url)
        assert antwoord.status_code == status, gebruiker.username
        if status == 200:
            assert antwoord["Content-Type"] == "application/pdf"
            assert b"".join(antwoord.streaming_content).startswith(b"%PDF-")
    document = Document.objects.get()
    # the same rule by the document's own address
    for gebruiker, status in verwacht.items():
        client.force_login(gebruiker)
        pad = reverse("documenten:downloaden", kwargs={"pk": document.pk})
        assert client.get(pad).status_code == status, gebruiker.username
    client.logout()
    assert (
        client.get(reverse("documenten:downloaden", kwargs={"pk": document.pk})).status_code == 404
    )
    assert client.get(url).status_code == 302


def test_gemeente_kan_de_beschikking_van_een_andere_niet_laten_maken(
    client, besluit, gemeente_nijmegen
):
    client.force_login(gemeente_nijmegen)
    arnhem = regel_van(besluit, "Arnhem")
    url = reverse("documenten:beschikking", kwargs={"regel_pk": arnhem.pk})
    assert client.get(url).status_code == 404
    assert not Document.objects.exists()
    eigen = regel_van(besluit, "Nijmegen")
    antwoord = client.get(reverse("documenten:beschikking", kwargs={"regel_pk": eigen.pk}))
    assert antwoord.status_code == 200
    assert "gemeente Nijmegen" in tekst(Document.objects.get())


def test_zichtbaar_voor_per_reikwijdte(
    besluit, ministerie, coa, prt_gelderland, prt_noord_holland, gemeente_arnhem, gemeente_nijmegen
):
    document = soorten.beschikking(regel_van(besluit, "Arnhem"))
    zien = {
        u.username: Document.objects.zichtbaar_voor(u).filter(pk=document.pk).exists()
        for u in (
            ministerie,
            coa,
            prt_gelderland,
            prt_noord_holland,
            gemeente_arnhem,
            gemeente_nijmegen,
        )
    }
    assert zien == {
        ministerie.username: True,
        coa.username: True,
        prt_gelderland.username: True,
        prt_noord_holland.username: False,
        gemeente_arnhem.username: True,
        gemeente_nijmegen.username: False,
    }
    assert not Document.objects.zichtbaar_voor(AnonymousUser()).exists()


def test_zonder_pango_een_nederlandse_melding_geen_serverfout(
    client, besluit, gemeente_arnhem, monkeypatch
):
    from documenten import maken

    def geen_pango():
        raise maken.PdfNietBeschikbaar("PDF-documenten kunnen op deze server niet worden gemaakt.")

    monkeypatch.setattr(maken, "_weasyprint", geen_pango)
    client.force_login(gemeente_arnhem)
    arnhem = regel_van(besluit, "Arnhem")
    antwoord = client.get(reverse("documenten:beschikking", kwargs={"regel_pk": arnhem.pk}))
    assert antwoord.status_code == 503
    assert "PDF-documenten kunnen op deze server niet worden gemaakt." in antwoord.content.decode()
    assert not Document.objects.exists()
