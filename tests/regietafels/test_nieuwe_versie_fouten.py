"""A new version of a fixed verdeelbesluit without a (valid) reason: the besluit's page comes
back with the error summary, the message at the field and the reason as typed; nothing is made."""

import pytest
from django.urls import reverse

from regietafels.models import Verdeelbesluit
from tests.factories import vastgesteld_verdeelbesluit

pytestmark = pytest.mark.django_db


@pytest.fixture
def besluit(cyclus, ministerie):
    return vastgesteld_verdeelbesluit(cyclus=cyclus, door=ministerie)


def _sturen(client, besluit, reden):
    return client.post(
        reverse("regietafels:verdeelbesluit_nieuwe_versie", kwargs={"pk": besluit.pk}),
        {"reden": reden},
    )


def test_zonder_reden_de_pagina_met_foutsamenvatting(client, ministerie, besluit):
    client.force_login(ministerie)
    antwoord = _sturen(client, besluit, "   ")
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Er is 1 fout gevonden" in tekst
    assert 'href="#id_reden"' in tekst  # the summary links to the field
    assert 'aria-invalid="true"' in tekst
    assert "<title>Fout: " in tekst
    assert Verdeelbesluit.objects.filter(cyclus=besluit.cyclus).count() == 1


def test_te_lange_reden_blijft_staan(client, ministerie, besluit):
    client.force_login(ministerie)
    reden = "Na de beslissing op bezwaar van Arnhem. " + "x" * 5_000
    antwoord = _sturen(client, besluit, reden)
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert reden in tekst  # the typed reason comes back in the textarea
    assert "Er is 1 fout gevonden" in tekst
    assert Verdeelbesluit.objects.filter(cyclus=besluit.cyclus).count() == 1


def test_weigering_van_de_dienst_houdt_de_reden(client, ministerie, besluit):
    client.force_login(ministerie)
    assert _sturen(client, besluit, "Herziening na bezwaar.").status_code == 302
    # the first version is superseded: a second new version from it is refused by the service
    antwoord = _sturen(client, besluit, "Nog een versie van hetzelfde besluit.")
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Er is 1 fout gevonden" in tekst
    assert "Nog een versie van hetzelfde besluit." in tekst
    assert Verdeelbesluit.objects.filter(cyclus=besluit.cyclus).count() == 2
