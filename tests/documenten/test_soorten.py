"""The raming's publication text, the verslag for signature and its receipt, read back."""

import datetime as dt

import pytest
from django.urls import reverse

from documenten import soorten
from documenten.models import Document
from raming.models import Raming

from .hulp import pdfa_identificatie, tekst

pytestmark = pytest.mark.django_db


def test_publicatietekst_met_provinciale_en_gemeentelijke_tabellen(raming, ministerie):
    Raming.objects.filter(pk=raming.pk).update(
        staatscourant_referentie="Stcrt. 2026, 9999", gepubliceerd_op=dt.date(2026, 2, 26)
    )
    document = soorten.raming_publicatie(raming)
    assert document.openbaar and document.gemeente is None and document.provincie is None
    t = tekst(document)
    assert "Capaciteitsraming asielopvang 2026" in t
    assert "Stcrt. 2026, 9999" in t
    assert "26 februari 2026" in t
    assert "Tabel 1. Provinciale opgave 2026" in t
    assert "Tabel 2. Indicatieve verdeling per gemeente 2026" in t
    heerlen = raming.gemeenten.select_related("gemeente").get(gemeente__naam="Heerlen")
    assert f"Heerlen {heerlen.gemeente.code}" in t
    gelderland = raming.provincies.get(provincie__code="PV25")
    assert f"Gelderland {gelderland.opgave:,}".replace(",", ".") in t
    assert pdfa_identificatie(document) == ("3", "B")


def test_publicatietekst_pas_na_publicatie(raming):
    Raming.objects.filter(pk=raming.pk).update(status=Raming.Status.VASTGESTELD)
    with pytest.raises(ValueError):
        soorten.raming_publicatie(raming)


def test_publicatietekst_is_openbaar(client, raming):
    antwoord = client.get(reverse("documenten:raming_publicatie", kwargs={"raming_pk": raming.pk}))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"


def test_verslag_ter_ondertekening(ingediende_versie):
    document = soorten.verslag_ondertekening(ingediende_versie)
    assert document.provincie.code == "PV25" and document.gemeente is None
    t = tekst(document)
    assert "Verslag provinciale regietafel Gelderland 2026" in t
    assert "30 oktober 2026" in t
    assert "Arnhem" in t and "Te weinig grote locaties in de regio Achterhoek." in t
    assert "De Commissaris van de Koning in de provincie Gelderland" in t
    assert f"VSL-2026-PV25-V{ingediende_versie.volgnummer}" in t


def test_ontvangstbevestiging(ingediende_versie):
    document = soorten.ontvangstbevestiging(ingediende_versie)
    t = tekst(document)
    assert "Hierbij bevestig ik de ontvangst van het verslag" in t
    assert "30 oktober 2026 om 15:05:00" in t  # Europe/Amsterdam
    assert "Tijdig Ja" in t
    assert "Totaal aangeboden 30" in t


def test_verslagdocumenten_per_rol(
    client, ingediende_versie, ministerie, coa, prt_gelderland, prt_noord_holland, gemeente_arnhem
):
    for naam in ("documenten:verslag", "documenten:ontvangstbevestiging"):
        url = reverse(naam, kwargs={"versie_pk": ingediende_versie.pk})
        for gebruiker, status in (
            (ministerie, 200),
            (coa, 200),
            (prt_gelderland, 200),
            (prt_noord_holland, 404),
            (gemeente_arnhem, 404),  # the whole verslag is the PRT's, not the gemeente's
        ):
            client.force_login(gebruiker)
            assert client.get(url).status_code == status, (naam, gebruiker.username)
    assert Document.objects.count() == 2


def test_documenten_op_de_paginas(
    client, ingediende_versie, prt_gelderland, besluit, gemeente_arnhem
):
    client.force_login(prt_gelderland)
    versiepagina = reverse(
        "regietafels:versie",
        kwargs={"slug": "gelderland", "volgnummer": ingediende_versie.volgnummer},
    )
    html = client.get(versiepagina + "?cyclus=2026").content.decode()
    assert reverse("documenten:verslag", kwargs={"versie_pk": ingediende_versie.pk}) in html
    html = client.get(
        reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
    ).content.decode()
    assert "Beschikking Arnhem (PDF)" in html and "Beschikking Ede (PDF)" in html
    assert "Beschikking Zaanstad" not in html
    client.force_login(gemeente_arnhem)
    html = client.get(reverse("regietafels:gemeente")).content.decode()
    assert "Beschikking verdeelbesluit 2026, versie 1 (PDF)" in html
