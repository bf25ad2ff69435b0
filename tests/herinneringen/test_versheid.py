"""Freshness of the term lists (as ``tests/regietafels/test_versheid.py``): "Mijn termijnen",
the home panels (one cached fragment per user), the calendar feed and ``/api/v1/termijnen/``
of each party after a term opens and closes through the write services: an exchange proposed
(Purmerend must answer; the ministry sees it among the others' terms), accepted (closed for
Purmerend, open for Noord-Holland's PRT to confirm), confirmed (closed), an exchange withdrawn
in a transaction that is rolled back (its closing is never shown), and the verslag deadline
moved by an extension (its date in the lists, the API and the calendar feed). Each page is read
twice first (the second read is served from the caches). On the real clock: cachalot dates its
results and invalidations by it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import Rol
from herinneringen.services import ical_token_vernieuwen
from raming.models import Gemeente
from regietafels.services import verlenging_toekennen
from tests.factories import GebruikerFactory
from tests.regietafels.conftest import cyclus, raming  # noqa: F401 (fixtures)
from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer, accepteren, bevestigen, intrekken, voorstellen

pytestmark = pytest.mark.django_db

MIJN = reverse("herinneringen:mijn")
API = "/api/v1/termijnen/"


def _pagina(client, url) -> str:
    _ = client.get(url)
    antwoord = client.get(url)  # the second read: from the caches
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


def _client(user) -> Client:
    # logged in once: a login writes the user's row, which would redraw every fragment
    client = Client()
    client.force_login(user)
    return client


def _overal(client, urls, tekst: str, *, aanwezig: bool) -> None:
    for url in urls:
        assert (tekst in _pagina(client, url)) == aanwezig, (url, tekst, aanwezig)


def test_termijn_open_en_dicht_overal(
    cyclus,  # noqa: F811
    ministerie,
    gemeente_zaanstad,
    prt_noord_holland,
):
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    purmerend = Gemeente.objects.get(naam="Purmerend")
    gemeente_purmerend = GebruikerFactory(
        username="t-gemeente-purmerend", rol=Rol.GEMEENTE, gemeente=purmerend
    )
    p, prt, m = _client(gemeente_purmerend), _client(prt_noord_holland), _client(ministerie)
    prt_feed = reverse(
        "herinneringen:agenda", args=[ical_token_vernieuwen(gebruiker=prt_noord_holland)]
    )
    # the feed holds the terms with a date (an exchange term has none: it is open since a day)
    purmerend_urls = ["/", MIJN, API]
    prt_urls = ["/", MIJN, API]
    ministerie_urls = [MIJN, "/", reverse("herinneringen:alle") + "?van=anderen", API]
    antwoorden = "Uitruilvoorstel van Zaanstad beantwoorden (Purmerend)"
    _overal(p, purmerend_urls, antwoorden, aanwezig=False)
    _overal(m, ministerie_urls, antwoorden, aanwezig=False)

    uitruil = voorstellen(
        door=gemeente_zaanstad,
        cyclus=cyclus,
        partijen=[
            PartijInvoer(
                gemeente=zaanstad, taak=Taak.ASIELOPVANG, richting=Richting.NEEMT_OP, aantal=5
            ),
            PartijInvoer(
                gemeente=zaanstad, taak=Taak.OEKRAINE, richting=Richting.GEEFT_AF, aantal=5
            ),
            PartijInvoer(
                gemeente=purmerend, taak=Taak.ASIELOPVANG, richting=Richting.GEEFT_AF, aantal=5
            ),
            PartijInvoer(
                gemeente=purmerend, taak=Taak.OEKRAINE, richting=Richting.NEEMT_OP, aantal=5
            ),
        ],
        motivatie="Versheid van de termijnen",
    )
    _overal(p, purmerend_urls, antwoorden, aanwezig=True)
    # the ministry: under "Termijnen van anderen" (and in the API), not among its own terms
    _overal(
        m, [MIJN, reverse("herinneringen:alle") + "?van=anderen", API], antwoorden, aanwezig=True
    )
    eigen = _pagina(m, MIJN).split(">Termijnen van anderen</h2>", 1)[0]
    assert antwoorden not in eigen
    assert "termijnen van anderen (1)" in _pagina(m, "/")

    # a withdrawal rolled back: the term stays open everywhere
    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        intrekken(uitruil=uitruil, door=gemeente_zaanstad, reden="Nooit")
        assert antwoorden not in _pagina(p, MIJN)
        raise Terug
    _overal(p, purmerend_urls, antwoorden, aanwezig=True)

    bevestigen_tekst = f"Uitruil {uitruil.pk} (Noord-Holland) wacht op bevestiging"
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=False)
    accepteren(uitruil=uitruil, door=gemeente_purmerend)
    _overal(p, purmerend_urls, antwoorden, aanwezig=False)
    _overal(m, ministerie_urls, antwoorden, aanwezig=False)
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=True)
    assert "termijnen van anderen (1)" in _pagina(m, "/")  # now the PRT's

    bevestigen(uitruil=uitruil, door=prt_noord_holland)
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=False)
    _overal(m, ministerie_urls, bevestigen_tekst, aanwezig=False)

    # a dated term: the PRT's verslag deadline, in its lists and its calendar feed, moved by
    # an extension for every regietafel
    indienen = "Verslag regietafel Noord-Holland 2026 indienen"
    _overal(prt, [*prt_urls, prt_feed], indienen, aanwezig=True)
    assert "20261229" not in _pagina(prt, prt_feed)
    verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 29), reden="Versheid", door=ministerie
    )
    assert "DTSTART;VALUE=DATE:20261229" in _pagina(prt, prt_feed)
    assert "29 december 2026" in _pagina(prt, MIJN)
    assert '"datum":"2026-12-29"' in _pagina(prt, API).replace(" ", "")
