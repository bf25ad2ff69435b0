"""A stored extension to 9999-12-31 (or a date of 0001-01-01) renders on every page, export and
feed without a server error."""

import datetime as dt

import pytest
from django.urls import reverse

from regietafels.models import Regietafel, Termijnverlenging

pytestmark = pytest.mark.django_db

from tests.inzicht.conftest import cijfers, kaartbestand, referentiegegevens  # noqa: E402,F401


@pytest.fixture
def verre_verlenging(cijfers):  # noqa: F811
    Termijnverlenging.objects.create(
        cyclus=cijfers,
        regietafel=Regietafel.objects.get(provincie__code="PV22"),
        nieuwe_datum=dt.date(9999, 12, 31),
        reden="Tot het einde der tijden.",
    )
    Termijnverlenging.objects.create(
        cyclus=cijfers,
        regietafel=Regietafel.objects.get(provincie__code="PV20"),
        nieuwe_datum=dt.date(1, 1, 1),
        reden="Van het begin der tijden.",
    )
    return cijfers


@pytest.mark.parametrize("rol", ["ministerie", "coa", "prt_gelderland"])
def test_inzicht_en_tijdlijn_csv(client, kaartbestand, verre_verlenging, rol, request):  # noqa: F811
    client.force_login(request.getfixturevalue(rol))
    assert client.get(reverse("inzicht:overzicht")).status_code == 200
    antwoord = client.get("/inzicht/csv/tijdlijn.csv")
    assert antwoord.status_code == 200
    assert b"9999" in antwoord.content or rol == "prt_gelderland"


def test_agenda_van_ministerie(client, verre_verlenging, ministerie):
    from herinneringen import services

    token = services.ical_token_vernieuwen(gebruiker=ministerie)
    antwoord = client.get(reverse("herinneringen:agenda", args=[token]))
    assert antwoord.status_code == 200
    assert b"BEGIN:VCALENDAR" in antwoord.content


@pytest.mark.parametrize("pad", ["/termijnen/", "/termijnen/alle/", "/regietafels/verlengingen/"])
def test_termijnpaginas(client, verre_verlenging, ministerie, pad):
    client.force_login(ministerie)
    assert client.get(pad).status_code in (200, 302)


@pytest.mark.parametrize("datum", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_agenda_met_verre_termijn(datum):
    from django.utils import timezone

    from herinneringen import ical
    from herinneringen.termijnen import Termijn

    termijn = Termijn(
        sleutel="verlenging-1", soort="verslag", titel="Verslag", schema="x", datum=datum, pad="/"
    )
    inhoud = ical.agenda([termijn], naam="Termijnen", nu=timezone.now())
    assert (
        f"DTSTART;VALUE=DATE:{datum:%Y%m%d}" in inhoud.replace(f"{datum.year}", f"{datum.year:04d}")
        or "DTSTART" in inhoud
    )


@pytest.mark.slow
@pytest.mark.parametrize("rol", ["ministerie", "coa", "prt_gelderland"])
@pytest.mark.usefixtures("kaartbestand")
def test_elke_pagina_export_en_feed_met_verre_datums(client, verre_verlenging, rol, request):  # noqa: F811
    """The crawl of tests/robuustheid/test_kruipen.py over the world with the far dates: every
    page, CSV, xlsx and calendar feed a link leads to answers without an error."""
    from tests.robuustheid.test_kruipen import _kruip

    client.force_login(request.getfixturevalue(rol))
    fouten, bezocht = _kruip(client, ["/", "/termijnen/"])
    assert bezocht > 20
    assert not fouten, "\n".join(fouten)
