"""Freshness of the term pages' fragments (as ``tests/regietafels/test_versheid.py``): "Mijn
termijnen" (``/termijnen/``) and every open term (``/termijnen/alle/``, also
``?van=anderen``) keep their counts, tables and pages as one cached fragment each, keyed on
cachalot's last invalidation of the tables named in ``herinneringen.views.TERMIJN_TABELLEN``.
Checked here: the fragments read no table they do not name (every query captured with the
query cache off, per role), and each page is redrawn after a milestone moved, an extension
requested and granted, a term extended for every regietafel, a verslag submitted (its term
met), a raw SQL write and a rolled-back transaction. Each page is read twice first (the
second read is served from the fragment). On the real clock: cachalot dates its results and
invalidations by it."""

from __future__ import annotations

import datetime as dt

import pytest
from cachalot.api import cachalot_disabled
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.fragmenten import tabellen_van
from herinneringen import views
from herinneringen.services import ical_token_vernieuwen
from raming.models import Gemeente, Mijlpaal
from raming.services import mijlpaal_wijzigen
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_aanvragen,
    verlenging_toekennen,
    verlengingsverzoek_besluiten,
    verslag_indienen,
    verslag_opslaan,
)
from tests.factories import uitruil_zaanstad_purmerend, verslag_van
from tests.regietafels.conftest import cyclus, raming, regels_invoer  # noqa: F401 (fixtures)
from tests.versheid import Terug, gewarmd, ingelogd, tabellen_gelezen

pytestmark = pytest.mark.django_db

MIJN = reverse("herinneringen:mijn")
ALLE = reverse("herinneringen:alle")
ANDEREN = ALLE + "?van=anderen"


def test_termijnfragmenten_noemen_elke_tabel_die_ze_lezen(
    cyclus,  # noqa: F811
    ministerie,
    coa,
    prt_gelderland,
    gemeente_zaanstad,
    gemeente_arnhem,
):
    """Every table the term pages' fragments read (with the query cache off, so every query
    runs) is one they name: a table left out would leave the fragment stale after a write."""
    verslag = verslag_van(prt_gelderland, cyclus)
    verlenging_aanvragen(
        verslag=verslag,
        reden="Tabellen",
        gevraagde_datum=dt.date(2026, 12, 20),
        door=prt_gelderland,
    )
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 1),
        afwijkingsreden="Tabellen van de termijnen",
        door=ministerie,
    )
    realisatie_melden(
        gemeente=Gemeente.objects.get(naam="Arnhem"),
        cyclus=cyclus,
        datum=dt.date(2026, 12, 2),
        aantal=5,
        door=ministerie,
    )
    uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=4, motivatie="Tabellen van de termijnen"
    )
    genoemd = set(tabellen_van(views.TERMIJN_TABELLEN))
    vandaag = timezone.localdate()
    gelezen_totaal = set()
    for user in (ministerie, coa, prt_gelderland, gemeente_zaanstad, gemeente_arnhem):
        pagina_s = [("mijn", views.mijn_context)]
        if user.is_ministerie or user.is_coa:
            pagina_s += [
                ("alle", lambda r, v: views.alle_context(r, v, False)),
                ("anderen", lambda r, v: views.alle_context(r, v, True)),
            ]
        for naam, context_van in pagina_s:
            request = RequestFactory().get("/", {"pagina": "2"} if naam == "alle" else {})
            request.user = user
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                context = context_van(request, vandaag)
                render_to_string(
                    "herinneringen/_tabel.html",
                    {**context, "user": user, "tabel_label": naam},
                    request,
                )
            gelezen = tabellen_gelezen(sql.captured_queries)
            assert gelezen or user.is_coa, (user.rol, naam)  # COA has no terms of its own
            assert gelezen <= genoemd, (user.rol, naam, sorted(gelezen - genoemd))
            gelezen_totaal |= gelezen
        # the calendar feed, kept like the fragments on the same tables
        for van in (None, "eigen", "anderen"):
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                views.agenda_termijnen(user, vandaag=vandaag, van=van)
            gelezen = tabellen_gelezen(sql.captured_queries)
            assert gelezen <= genoemd, (user.rol, "agenda", van, sorted(gelezen - genoemd))
    # the kinds of term were there to be read: verslag, extension request, verdeelbesluit and
    # realisation, exchange, bezwaar, the register of locations
    for tabel in (
        "regietafels_verslag",
        "regietafels_verlengingsverzoek",
        "regietafels_verdeelbesluitregel",
        "regietafels_realisatiemelding",
        "uitruil_uitruilpartij",
        "bezwaar_bezwaar",
        "locaties_opvanglocatie",
        "raming_mijlpaal",
    ):
        assert tabel in gelezen_totaal, tabel


def test_termijnpaginas_na_elke_schrijfactie(
    cyclus,  # noqa: F811
    ministerie,
    coa,
    prt_gelderland,
):
    m, c, prt = ingelogd(ministerie), ingelogd(coa), ingelogd(prt_gelderland)
    feed = reverse("herinneringen:agenda", args=[ical_token_vernieuwen(gebruiker=ministerie)])
    alle_feed = feed + "?van=alle"
    verslag = verslag_van(prt_gelderland, cyclus)
    indienen = "Verslag regietafel Gelderland 2026 indienen"
    for client, url in ((prt, MIJN), (m, ALLE), (c, ALLE)):
        assert indienen in gewarmd(client, url) or "Gelderland 2026 is niet ingediend" in (
            gewarmd(client, url)
        )
    assert "10 december 2026" not in gewarmd(m, ALLE)
    assert "20261210" not in gewarmd(c, alle_feed)

    # the verslag milestone moved: every PRT's term, on each page
    mijlpaal = Mijlpaal.objects.get(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG)
    mijlpaal_wijzigen(door=ministerie, mijlpaal=mijlpaal, datum=dt.date(2026, 12, 10), reden="Vers")
    assert "10 december 2026" in gewarmd(prt, MIJN)
    assert "10 december 2026" in gewarmd(m, ALLE)
    assert "10 december 2026" in gewarmd(c, ALLE)
    assert "DTSTART;VALUE=DATE:20261210" in gewarmd(c, alle_feed)

    # an extension requested: the ministry's own term to decide on it ...
    beslissen = "Verlengingsverzoek Gelderland 2026 (tot 18-12-2026) beslissen"
    assert beslissen not in gewarmd(m, MIJN)
    verzoek = verlenging_aanvragen(
        verslag=verslag, reden="Vers", gevraagde_datum=dt.date(2026, 12, 18), door=prt_gelderland
    )
    assert beslissen in gewarmd(m, MIJN)
    assert beslissen in gewarmd(c, ALLE)
    # ... granted: that term is gone, Gelderland's term moved
    verlengingsverzoek_besluiten(
        verzoek=verzoek, toekennen=True, besluit_reden="Toegekend", door=ministerie
    )
    assert beslissen not in gewarmd(m, MIJN)
    assert beslissen not in gewarmd(c, ALLE)
    assert "18 december 2026" in gewarmd(prt, MIJN)
    assert "18 december 2026" in gewarmd(m, ALLE)

    # a term extended for every regietafel
    verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 29), reden="Vers", door=ministerie
    )
    assert "29 december 2026" in gewarmd(prt, MIJN)
    assert "29 december 2026" in gewarmd(c, ALLE)
    assert "DTSTART;VALUE=DATE:20261229" in gewarmd(c, alle_feed)

    # the verslag submitted: the PRT's term is met, the ministry has to assess it
    beoordelen = "Ingediend verslag Gelderland 2026 beoordelen"
    assert beoordelen not in gewarmd(m, MIJN)
    verslag.refresh_from_db()
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag),
        door=prt_gelderland,
        bevestigd=True,
    )
    verslag.refresh_from_db()
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert indienen not in gewarmd(prt, MIJN)
    assert indienen not in gewarmd(c, ALLE)
    assert indienen not in gewarmd(m, ANDEREN)
    assert beoordelen in gewarmd(m, MIJN)
    assert beoordelen in gewarmd(m, ALLE)

    # a write in raw SQL on Django's connection
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_provincie SET naam = %s WHERE naam = %s",
            ["Gelderland-Vers", "Gelderland"],
        )
        cursor.execute(
            "UPDATE raming_provincie SET naam = %s WHERE naam = %s", ["Zeeland-Vers", "Zeeland"]
        )
    assert "Ingediend verslag Gelderland-Vers 2026 beoordelen" in gewarmd(m, MIJN)
    assert "Ingediend verslag Gelderland-Vers 2026 beoordelen" in gewarmd(c, ALLE)
    zeeland = "SUMMARY:Verslag regietafel Zeeland-Vers 2026 indienen"
    assert zeeland in gewarmd(c, alle_feed).replace("\r\n ", "")

    # a write in a transaction that is rolled back is never shown
    with pytest.raises(Terug), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE raming_provincie SET naam = %s WHERE naam = %s",
                ["Gelderland-Nooit", "Gelderland-Vers"],
            )
            cursor.execute(
                "UPDATE raming_provincie SET naam = %s WHERE naam = %s",
                ["Zeeland-Nooit", "Zeeland-Vers"],
            )
        assert "Gelderland-Nooit" in gewarmd(m, MIJN)
        assert "Gelderland-Nooit" in gewarmd(m, ALLE)
        assert "Zeeland-Nooit" in gewarmd(c, alle_feed).replace("\r\n ", "")
        raise Terug
    for client, url in ((m, MIJN), (m, ALLE), (c, ALLE), (c, alle_feed)):
        html = gewarmd(client, url).replace("\r\n ", "")
        assert "Gelderland-Nooit" not in html and "Zeeland-Nooit" not in html, url
    assert "Gelderland-Vers" in gewarmd(m, MIJN)
    assert zeeland in gewarmd(c, alle_feed).replace("\r\n ", "")
