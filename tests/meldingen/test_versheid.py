"""Freshness of the notices (as ``tests/regietafels/test_versheid.py``): the notice list and the
unread count in the header of every page (also the home page, whose panels are one cached
fragment) after a write service records a notice (bezwaar lodged, registered, withdrawn: the
gemeente's users are told), after one notice and after all notices are
marked read, and after a transaction that recorded a notice is rolled back (its notice must
never be counted). Each page is read twice first (the second read is served from the caches).
Notices have no API."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bezwaar.services import bezwaar_indienen, bezwaar_intrekken, bezwaar_registreren
from meldingen import opdrachten, services
from meldingen.models import Melding
from tests.bezwaar.conftest import maak_besluit, regel_van

pytestmark = pytest.mark.django_db

LIJST = reverse("meldingen:lijst")


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


def _teller(client, url="/") -> int:
    """The unread count in the page header (0 when the header shows none)."""
    _pagina(client, url)
    kop = _pagina(client, url).split("<main", 1)[0]  # the second read: from the caches
    gevonden = re.search(r'rt-teller">(\d+)<', kop)
    return int(gevonden.group(1)) if gevonden else 0


def test_melding_lijst_en_teller(gemeenten, ministerie, prt_gelderland, gemeente_arnhem):
    # on the real clock: cachalot dates its results and invalidations by it (ADR 0011)
    regel = regel_van(maak_besluit(timezone.localdate() - dt.timedelta(days=7)), "Arnhem")
    client = Client()
    client.force_login(gemeente_arnhem)
    for url in ("/", LIJST):
        assert _teller(client, url) == 0
    assert "Bezwaar" not in _pagina(client, LIJST)

    bezwaar = bezwaar_indienen(regel=regel, gronden="Versheid", door=prt_gelderland)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    (melding,) = Melding.objects.filter(ontvanger=gemeente_arnhem)
    for url in ("/", LIJST, reverse("herinneringen:mijn")):
        assert _teller(client, url) == 1, url
    assert melding.titel in _pagina(client, LIJST)

    services.gelezen_markeren(gebruiker=gemeente_arnhem, melding_id=melding.pk)
    assert _teller(client) == 0
    assert melding.titel in _pagina(client, LIJST)  # read, still listed

    # a notice recorded in a transaction that is rolled back is never counted nor listed,
    # also not when a page was drawn inside it
    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        bezwaar_intrekken(bezwaar=bezwaar, reden="Nooit-ingetrokken", door=prt_gelderland)
        opdrachten.alles_uitvoeren()  # its notices written, then all of it rolled back
        assert _teller(client) == 1
        assert "ingetrokken" in _pagina(client, LIJST)
        raise Terug
    assert _teller(client) == 0
    assert "ingetrokken" not in _pagina(client, LIJST)

    # two unread, then all marked read at once
    bezwaar_intrekken(bezwaar=bezwaar, reden="Overeenstemming", door=prt_gelderland)
    bezwaar_registreren(
        regel=regel,
        indiener="gemeente",
        ontvangen_op=timezone.localdate(),
        gronden="Per post",
        door=ministerie,
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert _teller(client) == 2
    assert "ingetrokken" in _pagina(client, LIJST)
    assert services.alles_gelezen(gebruiker=gemeente_arnhem) == 2
    for url in ("/", LIJST):
        assert _teller(client, url) == 0, url
