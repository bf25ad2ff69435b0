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
from django.urls import reverse

from accounts.models import Rol
from herinneringen.services import ical_token_vernieuwen
from raming.models import Gemeente
from regietafels.services import verlenging_toekennen
from tests.factories import GebruikerFactory, uitruil_zaanstad_purmerend
from tests.regietafels.conftest import cyclus, raming  # noqa: F401 (fixtures)
from tests.versheid import Terug, gewarmd, ingelogd
from uitruil.services import accepteren, bevestigen, intrekken

pytestmark = pytest.mark.django_db

MIJN = reverse("herinneringen:mijn")
API = "/api/v1/termijnen/"


def _overal(client, urls, tekst: str, *, aanwezig: bool) -> None:
    for url in urls:
        assert (tekst in gewarmd(client, url)) == aanwezig, (url, tekst, aanwezig)


def test_termijn_open_en_dicht_overal(
    cyclus,  # noqa: F811
    ministerie,
    gemeente_zaanstad,
    prt_noord_holland,
):
    purmerend = Gemeente.objects.get(naam="Purmerend")
    gemeente_purmerend = GebruikerFactory(
        username="t-gemeente-purmerend", rol=Rol.GEMEENTE, gemeente=purmerend
    )
    p, prt, m = ingelogd(gemeente_purmerend), ingelogd(prt_noord_holland), ingelogd(ministerie)
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

    uitruil = uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=5, motivatie="Versheid van de termijnen"
    )
    _overal(p, purmerend_urls, antwoorden, aanwezig=True)
    # the ministry: under "Termijnen van anderen" (and in the API), not among its own terms
    _overal(
        m, [MIJN, reverse("herinneringen:alle") + "?van=anderen", API], antwoorden, aanwezig=True
    )
    eigen = gewarmd(m, MIJN).split(">Termijnen van anderen</h2>", 1)[0]
    assert antwoorden not in eigen
    assert "termijnen van anderen (1)" in gewarmd(m, "/")

    # a withdrawal rolled back: the term stays open everywhere
    with pytest.raises(Terug), transaction.atomic():
        intrekken(uitruil=uitruil, door=gemeente_zaanstad, reden="Nooit")
        assert antwoorden not in gewarmd(p, MIJN)
        raise Terug
    _overal(p, purmerend_urls, antwoorden, aanwezig=True)

    bevestigen_tekst = f"Uitruil {uitruil.pk} (Noord-Holland) wacht op bevestiging"
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=False)
    accepteren(uitruil=uitruil, door=gemeente_purmerend)
    _overal(p, purmerend_urls, antwoorden, aanwezig=False)
    _overal(m, ministerie_urls, antwoorden, aanwezig=False)
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=True)
    assert "termijnen van anderen (1)" in gewarmd(m, "/")  # now the PRT's

    bevestigen(uitruil=uitruil, door=prt_noord_holland)
    _overal(prt, prt_urls, bevestigen_tekst, aanwezig=False)
    _overal(m, ministerie_urls, bevestigen_tekst, aanwezig=False)

    # a dated term: the PRT's verslag deadline, in its lists and its calendar feed, moved by
    # an extension for every regietafel
    indienen = "Verslag regietafel Noord-Holland 2026 indienen"
    _overal(prt, [*prt_urls, prt_feed], indienen, aanwezig=True)
    assert "20261229" not in gewarmd(prt, prt_feed)
    verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 29), reden="Versheid", door=ministerie
    )
    assert "DTSTART;VALUE=DATE:20261229" in gewarmd(prt, prt_feed)
    assert "29 december 2026" in gewarmd(prt, MIJN)
    assert '"datum":"2026-12-29"' in gewarmd(prt, API).replace(" ", "")
