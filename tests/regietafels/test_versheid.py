"""Freshness: after every kind of write, every cached page and API response shows the new state.

Pages and API responses read their query results from cachalot's cache and the heavy tables
from page fragments keyed with cachalot's last invalidation. Each test first reads every
page (twice, so that the second read is served from the caches), then writes, and then reads
every page again: each must show the write. Covered: the write services of the verdeelbesluit,
the realisation and the verslag, an exchange, an extension, a raw SQL write, a write inside a
transaction that is rolled back (its state must never be served), a ``union()`` read, a read
with a ``WITH`` (CTE) query, and a write made by a real Celery worker on Redis.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cachalot.api import cachalot_disabled
from django.conf import settings
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.fragmenten import tabellen_van
from core.registry import _panels_van
from inzicht import selectors as inzicht_selectors
from inzicht import views as inzicht_views
from raming.models import Gemeente
from regietafels import views as regietafels_views
from regietafels.models import VerdeelbesluitRegel
from regietafels.services import (
    gemeente_vrijstellen,
    realisatie_melden,
    regel_aanpassen,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_toekennen,
    verslag_indienen,
    verslag_opslaan,
)
from tests.factories import uitruil_zaanstad_purmerend, verslag_van
from tests.versheid import Terug, gewarmd, ingelogd
from tests.versheid import pagina as _pagina
from tests.versheid import tabellen_gelezen as _tabellen_gelezen
from tests.versheid import warm as _warm

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db


@pytest.fixture
def besluit(cyclus, ministerie):
    return verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)


def _urls(besluit) -> list[str]:
    return [
        "/",
        reverse("regietafels:overzicht") + f"?cyclus={besluit.cyclus.jaar}",
        reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk}),
        reverse("regietafels:verdeelbesluiten") + f"?cyclus={besluit.cyclus.jaar}",
        reverse("regietafels:realisatie") + f"?cyclus={besluit.cyclus.jaar}",
        reverse("uitruil:lijst"),
        reverse("inzicht:overzicht"),
        "/api/v1/verdeelbesluiten/",
        f"/api/v1/verdeelbesluiten/{besluit.pk}/",
        "/api/v1/verslagen/",
        "/api/v1/gemeenten/?page_size=400",
        "/api/v1/realisatiemeldingen/",
        "/api/v1/termijnen/",
    ]


def _overal(client, besluit, tekst: str, *, urls=None) -> None:
    """``tekst`` is on each page that shows the row it belongs to (``urls``)."""
    for url in urls or _urls(besluit):
        assert tekst in _pagina(client, url), (url, tekst)


def test_verdeelbesluit_schrijfdiensten(client, cyclus, ministerie, besluit):
    client.force_login(ministerie)
    pagina = reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
    api = f"/api/v1/verdeelbesluiten/{besluit.pk}/"
    _warm(client, _urls(besluit))

    ede = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente__naam="Ede")
    gemeente_vrijstellen(regel=ede, vrijgesteld=True, reden="Crisisnoodopvang", door=ministerie)
    assert "Vrijgesteld: Crisisnoodopvang" in _pagina(client, pagina)

    arnhem = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente__naam="Arnhem")
    regel_aanpassen(regel=arnhem, aantal=12345, reden="Bezwaar gegrond", door=ministerie)
    assert "12.345" in _pagina(client, pagina)
    assert '"aantal":12345' in _pagina(client, api).replace(" ", "")

    realisatie = reverse("regietafels:realisatie") + f"?cyclus={cyclus.jaar}"
    assert "Er is nog geen vastgesteld verdeelbesluit" in _pagina(client, realisatie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    html = _pagina(client, pagina)
    assert "Nieuwe versie maken" in html and "1 maart 2027" in html
    assert '"status":"vastgesteld"' in _pagina(client, api).replace(" ", "")
    html = _pagina(client, realisatie)
    assert "verdeelbesluit versie 1" in html and "12.345" in html

    arnhem_gemeente = Gemeente.objects.get(naam="Arnhem")
    realisatie_melden(
        gemeente=arnhem_gemeente,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 1),
        aantal=4321,
        door=ministerie,
    )
    assert "4.321" in _pagina(client, realisatie)
    # the realisation over time on the insight page
    assert "4.321" in _pagina(client, reverse("inzicht:overzicht") + f"?cyclus={cyclus.jaar}")
    assert '"aantal":4321' in _pagina(client, "/api/v1/realisatiemeldingen/").replace(" ", "")


def test_verslag_en_verlenging(client, cyclus, ministerie, prt_gelderland, besluit):
    verslag = verslag_van(prt_gelderland, cyclus)
    client.force_login(ministerie)
    overzicht = reverse("regietafels:overzicht") + f"?cyclus={cyclus.jaar}"
    inzicht = reverse("inzicht:overzicht") + f"?cyclus={cyclus.jaar}"
    _warm(client, [overzicht, inzicht, "/api/v1/verslagen/"])
    assert "9.876" not in _pagina(client, overzicht)
    assert "9.876" not in _pagina(client, inzicht)

    verslag.refresh_from_db()
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem={"bestaande_locaties": 9876}),
        door=prt_gelderland,
        bevestigd=True,
    )
    assert "9.876" in _pagina(client, overzicht)  # the offered total of Gelderland
    verslag.refresh_from_db()
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    assert "Ingediend" in _pagina(client, overzicht)
    assert "9.876" in _pagina(client, inzicht)  # offered, in the progress chart's table
    assert '"status":"ingediend"' in _pagina(client, "/api/v1/verslagen/").replace(" ", "")

    verlenging_toekennen(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2026, 12, 29),  # within the cycle (before 31-12)
        reden="Late raming",
        door=ministerie,
    )
    assert "29 december 2026" in _pagina(client, overzicht)
    assert "29-12-2026" in _pagina(client, inzicht)  # the timeline's table


def test_uitruil_en_ruwe_sql(client, cyclus, ministerie, gemeente_zaanstad, besluit):
    client.force_login(ministerie)
    lijst = reverse("uitruil:lijst")
    _warm(client, [*_urls(besluit), lijst, "/api/v1/uitruil/"])
    u = uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=7, motivatie="Versheid"
    )
    assert f">Uitruil {u.pk}</a>" in _pagina(client, lijst)
    assert f'"id":{u.pk}' in _pagina(client, "/api/v1/uitruil/").replace(" ", "")

    # a write in raw SQL on Django's connection
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Zaanstad-Vers", "Zaanstad"]
        )
    _overal(
        client,
        besluit,
        "Zaanstad-Vers",
        urls=[
            reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk}),
            lijst,
            "/api/v1/gemeenten/?page_size=400",
            "/api/v1/uitruil/",
        ],
    )


def test_teruggedraaide_transactie_wordt_nooit_getoond(client, cyclus, ministerie, besluit):
    client.force_login(ministerie)
    urls = [
        reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk}),
        reverse("uitruil:lijst") + "?gemeente=Zaan",
        "/api/v1/gemeenten/?page_size=400",
        f"/api/v1/verdeelbesluiten/{besluit.pk}/",
    ]
    _warm(client, urls)

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Zaanstad").update(naam="Zaanstad-Nooit")
        # read (and cache) every page inside the transaction
        for url in urls[:1] + urls[2:]:
            assert "Zaanstad-Nooit" in _pagina(client, url), url
        raise Terug
    for url in urls:
        html = _pagina(client, url)
        assert "Zaanstad-Nooit" not in html, url
    for url in urls[:1] + urls[2:]:
        assert "Zaanstad" in _pagina(client, url)


def test_union_en_cte_lezen(cyclus, ministerie):
    def union():
        return sorted(
            Gemeente.objects.filter(naam="Ede")
            .values_list("naam", flat=True)
            .union(Gemeente.objects.filter(naam="Arnhem").values_list("naam", flat=True))
        )

    def cte():
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH g AS (SELECT naam FROM raming_gemeente WHERE naam IN ('Ede', 'Arnhem')) "
                "SELECT naam FROM g ORDER BY naam"
            )
            return [r[0] for r in cursor.fetchall()]

    assert union() == union() == ["Arnhem", "Ede"]
    assert cte() == cte() == ["Arnhem", "Ede"]
    Gemeente.objects.filter(naam="Ede").update(naam="Ede-Vers")
    assert union() == ["Arnhem"]
    assert cte() == ["Arnhem"]
    Gemeente.objects.filter(naam="Arnhem").update(naam="Ede")
    assert union() == ["Ede"]
    assert cte() == ["Ede"]


# --- a write from a real Celery worker (another process) on Redis -----------------------------

BASE_DIR = Path(settings.BASE_DIR)


@pytest.mark.celery_worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_schrijven_door_celery_worker(client, gemeenten, ministerie):
    from config.celery import app

    with app.connection_for_write() as verbinding:
        verbinding.default_channel.queue_purge("celery")
    client.force_login(ministerie)
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    urls = ["/api/v1/gemeenten/?page_size=400", f"/api/v1/gemeenten/{zaanstad.pk}/"]
    _warm(client, urls)
    assert "Zaanstad-Worker" not in _pagina(client, urls[0])

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "PYTHONPATH": str(BASE_DIR),
    }
    proces = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            "celery",
            "-I",
            "tests.regietafels.versheid_taak",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        resultaat = app.send_task(
            "tests.regietafels.versheid_taak.hernoemen",
            args=["Zaanstad", "Zaanstad-Worker"],
        )
        einde = time.monotonic() + 120
        while time.monotonic() < einde:
            if Gemeente.objects.filter(naam="Zaanstad-Worker").exists():
                break
            time.sleep(0.5)
        assert Gemeente.objects.filter(naam="Zaanstad-Worker").exists(), resultaat
        # the worker's write reached the pages through the shared cache
        for url in urls:
            assert "Zaanstad-Worker" in _pagina(client, url), url
        assert json.loads(_pagina(client, urls[1]))["naam"] == "Zaanstad-Worker"
    finally:
        proces.terminate()
        try:
            proces.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.communicate()


# --- the home page: each role's panels are one fragment keyed by the tables they name --------


def test_home_panelen_noemen_elke_tabel_die_ze_lezen(
    cyclus, ministerie, coa, prt_gelderland, gemeente_zaanstad, gemeente_arnhem, besluit
):
    """Every table a panel reads (with the cache off, so every query runs) is one the panel
    names in ``register_home_panel(tabellen=…)``: a table left out would leave the fragment
    stale after a write to it."""
    verslag_van(prt_gelderland, cyclus)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=ministerie
    )
    uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=3, motivatie="Tabellen"
    )
    gelezen_totaal = 0
    for user in (ministerie, coa, prt_gelderland, gemeente_zaanstad, gemeente_arnhem):
        for panel in _panels_van(user):
            request = RequestFactory().get("/")
            request.user = user
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                context = panel.context(request)
                if context is not None:
                    render_to_string(panel.template, {"p": context, "user": user}, request)
            gelezen = _tabellen_gelezen(sql.captured_queries)
            gelezen_totaal += len(gelezen)
            vergeten = gelezen - set(tabellen_van(panel.tabellen))
            assert not vergeten, (user.rol, panel.template, sorted(vergeten))
    assert gelezen_totaal > 20  # the panels did read their tables


def test_home_toont_elke_schrijfactie(
    cyclus, ministerie, prt_gelderland, gemeente_zaanstad, gemeente_arnhem, besluit
):
    """Each role's home page (its panels one cached fragment) after each kind of write that
    changes a panel: a verslag saved and submitted, an extension, an exchange, a verdeelbesluit
    fixed, a raw SQL write and a rolled-back transaction."""
    # one session per user, logged in once (tests/versheid.py)
    clients = {
        user.pk: ingelogd(user)
        for user in (ministerie, prt_gelderland, gemeente_zaanstad, gemeente_arnhem)
    }

    def home(user) -> str:
        return gewarmd(clients[user.pk], "/")  # the second read is served from the fragment

    verslag = verslag_van(prt_gelderland, cyclus)
    assert "0 van 12 verslagen ingediend" in home(ministerie)
    assert "Ingediend op" not in home(prt_gelderland)
    assert "Nog geen vastgesteld verdeelbesluit" in home(gemeente_arnhem)
    assert "Zaanstad in de capaciteitsraming" in home(gemeente_zaanstad)

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
    verslag.refresh_from_db()
    # after its term (1 November, on a later day of running) the panel says so
    na = " (waarvan 1 na de termijn)" if verslag.te_laat else ""
    assert f"1 van 12 verslagen ingediend{na}, 1 te beoordelen" in home(ministerie)
    assert "Ingediend op" in home(prt_gelderland)

    verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 29), reden="Late raming", door=ministerie
    )
    assert "29 december 2026" in home(ministerie)

    assert "<dt>Lopend</dt><dd>0</dd>" in home(ministerie).replace("\n", "")
    uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=5, motivatie="Versheid van de startpagina"
    )
    assert "<dt>Lopend</dt><dd>1</dd>" in home(ministerie).replace("\n", "")

    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 1),
        afwijkingsreden="Versheid van de startpagina",
        door=ministerie,
    )
    html = home(gemeente_arnhem)
    assert "Nog geen vastgesteld verdeelbesluit" not in html and "Verdeelbesluit: " in html

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Zaanstad-Vers", "Zaanstad"]
        )
    assert "Zaanstad-Vers in de capaciteitsraming" in home(gemeente_zaanstad)

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Zaanstad-Vers").update(naam="Zaanstad-Nooit")
        assert "Zaanstad-Nooit in de capaciteitsraming" in home(gemeente_zaanstad)
        raise Terug
    html = home(gemeente_zaanstad)
    assert "Zaanstad-Nooit" not in html and "Zaanstad-Vers in de capaciteitsraming" in html


def test_overzichten_noemen_elke_tabel_die_ze_lezen(
    cyclus, ministerie, coa, prt_gelderland, besluit
):
    """The overview of the regietafels (rows and map) and the insight page are one cached
    fragment each: every table their figures read is one they name."""
    verslag_van(prt_gelderland, cyclus)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 12, 1),
        afwijkingsreden="Tabellen van de overzichten",
        door=ministerie,
    )
    realisatie_melden(
        gemeente=Gemeente.objects.get(naam="Arnhem"),
        cyclus=cyclus,
        datum=dt.date(2026, 10, 1),
        aantal=5,
        door=ministerie,
    )
    for user in (ministerie, coa, prt_gelderland):
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            inzicht_views._overzicht_grafieken(user, cyclus, "opgave")
        gelezen = _tabellen_gelezen(sql.captured_queries)
        assert gelezen and gelezen <= set(tabellen_van(inzicht_views.OVERZICHT_TABELLEN)), sorted(
            gelezen - set(tabellen_van(inzicht_views.OVERZICHT_TABELLEN))
        )
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            regietafels_views._overzicht_regels(cyclus, user, "provincie")
            inzicht_selectors.provincie_overzicht(user, cyclus)  # the map
        gelezen = _tabellen_gelezen(sql.captured_queries)
        assert gelezen and gelezen <= set(tabellen_van(regietafels_views.OVERZICHT_TABELLEN)), (
            sorted(gelezen - set(tabellen_van(regietafels_views.OVERZICHT_TABELLEN)))
        )
