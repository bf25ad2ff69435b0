"""COA's home page counts the locations that wait for its confirmation, per phase, linked to
the register filtered on them; a confirmation (or a change after it) shows at once."""

import datetime as dt

import pytest
from django.urls import reverse

from locaties.models import Opvanglocatie
from locaties.services import locatie_bevestigen, locatie_wijzigen
from raming.models import Gemeente

pytestmark = pytest.mark.django_db

KOP = "Te bevestigen opvanglocaties"


def _locatie(naam, fase, gemeente="Arnhem"):
    return Opvanglocatie.objects.create(
        gemeente=Gemeente.objects.get(naam=gemeente),
        naam=naam,
        capaciteit_regulier=100,
        soort="regulier_azc",
        fase=fase,
        fase_sinds=dt.date(2026, 10, 1),
    )


def _home(client):
    return client.get(reverse("home")).content.decode()


def test_per_fase_en_direct_bij_bevestigen(client, coa, gemeente_arnhem):
    eerste = _locatie("Azc Arnhem-Zuid", "in_gebruik")
    _locatie("Azc Nijmegen-Noord", "in_gebruik", gemeente="Nijmegen")
    _locatie("Paviljoen Ede", "realisatie", gemeente="Ede")
    _locatie("Azc oud", "gesloten")  # closed: nothing left to confirm
    client.force_login(coa)
    tekst = _home(client)
    assert KOP in tekst
    assert "3 locaties wachten op uw bevestiging" in tekst
    lijst = reverse("locaties:lijst")
    assert f'href="{lijst}?bevestigd=nee&amp;fase=in_gebruik">In gebruik: 2</a>' in tekst
    assert f'href="{lijst}?bevestigd=nee&amp;fase=realisatie">Realisatie: 1</a>' in tekst
    assert "Gesloten" not in tekst

    locatie_bevestigen(door=coa, locatie=eerste)
    tekst = _home(client)
    assert "2 locaties wachten op uw bevestiging" in tekst
    assert "In gebruik: 1</a>" in tekst

    # a change of capacity after the confirmation asks for it again
    eerste.refresh_from_db()
    locatie_wijzigen(
        door=gemeente_arnhem,
        locatie=eerste,
        gegevens={"naam": eerste.naam, "soort": eerste.soort, "capaciteit_regulier": 120},
    )
    assert "3 locaties wachten op uw bevestiging" in _home(client)


def test_niets_te_bevestigen(client, coa):
    client.force_login(coa)
    tekst = _home(client)
    assert "Geen locaties wachten op uw bevestiging." in tekst


def test_alleen_coa(client, ministerie, prt_gelderland, gemeente_arnhem):
    _locatie("Azc Arnhem-Zuid", "in_gebruik")
    for gebruiker in (ministerie, prt_gelderland, gemeente_arnhem):
        client.force_login(gebruiker)
        assert KOP not in _home(client)
