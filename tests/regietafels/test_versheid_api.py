"""API responses kept whole (core/api/bewaard.py, ADR 0016): each names every table it reads,
is kept per scope of the access rules, and shows a write at once.

The other freshness tests (``test_versheid.py`` here, in tests/raming, tests/locaties and
tests/integriteit) read the API responses after each write service, a raw SQL write, a
rolled-back transaction and a write by a Celery worker; this file adds what is particular to
whole responses."""

from __future__ import annotations

import datetime as dt

import pytest
from cachalot.api import cachalot_disabled
from cachalot.utils import is_cachable
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from core.api.bewaard import BewaardAntwoord
from core.fragmenten import tabellen_van
from locaties.models import Soort
from locaties.services import locatie_aanmaken
from locaties.views import LIJST_TABELLEN
from raming.models import Gemeente
from regietafels.services import (
    realisatie_melden,
    verlenging_aanvragen,
)
from tests.factories import uitruil_zaanstad_purmerend, vastgesteld_verdeelbesluit, verslag_van
from tests.versheid import Terug, ingelogd
from tests.versheid import tabellen_gelezen as _tabellen

pytestmark = pytest.mark.django_db


def _json(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode().replace(" ", "")


@pytest.fixture
def gegevens(cyclus, ministerie, prt_gelderland, gemeente_zaanstad):
    """A fixed verdeelbesluit, a verslag with an extension request, a realisation report, an
    exchange and a location: every kept response has rows to read."""
    verslag = verslag_van(prt_gelderland, cyclus)
    verlenging_aanvragen(
        verslag=verslag,
        reden="Raadsbesluit volgt later.",
        gevraagde_datum=dt.date(2026, 12, 20),
        door=prt_gelderland,
    )
    besluit = vastgesteld_verdeelbesluit(cyclus=cyclus, door=ministerie)
    arnhem = Gemeente.objects.get(naam="Arnhem")
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 1),
        aantal=5,
        bevestigd=True,
        door=ministerie,
    )
    locatie = locatie_aanmaken(
        door=prt_gelderland,
        gemeente=arnhem,
        gegevens={"naam": "Kazerne", "capaciteit_regulier": 250, "soort": Soort.REGULIER_AZC},
        fase_sinds=dt.date(2026, 3, 1),
    )
    uitruil = uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad, cyclus=cyclus, aantal=3, motivatie="Bewaarde antwoorden"
    )
    return {
        "verslag": verslag,
        "besluit": besluit,
        "locatie": locatie,
        "uitruil": uitruil,
        "arnhem": arnhem,
        "jaar": cyclus.jaar,
    }


def _urls(g) -> list[str]:
    return [
        "/api/v1/provincies/",
        "/api/v1/gemeenten/",
        f"/api/v1/gemeenten/{g['arnhem'].pk}/",
        "/api/v1/cycli/",
        f"/api/v1/cycli/{g['jaar']}/",
        "/api/v1/ramingen/",
        "/api/v1/regietafels/",
        "/api/v1/verslagen/",
        f"/api/v1/verslagen/{g['verslag'].pk}/",
        f"/api/v1/verslagen/{g['verslag'].pk}/versies/",
        "/api/v1/verslagtermijnen/",
        "/api/v1/termijnverlengingen/",
        "/api/v1/verlengingsverzoeken/",
        "/api/v1/verdeelbesluiten/",
        f"/api/v1/verdeelbesluiten/{g['besluit'].pk}/",
        "/api/v1/realisatiemeldingen/",
        "/api/v1/opvanglocaties/",
        f"/api/v1/opvanglocaties/{g['locatie'].pk}/",
        "/api/v1/meerjarig-beschikbaar/",
        "/api/v1/uitruil/",
        f"/api/v1/uitruil/{g['uitruil'].pk}/",
        "/api/v1/uitruil-grootboek/provincies/gelderland/",
        "/api/v1/uitruil-grootboek/gemeenten/GM0202/",
        "/api/v1/bezwaren/",
        "/api/v1/documenten/",
        "/api/v1/scenarios/",
        "/api/v1/termijnen/",
    ]


def test_elk_bewaard_antwoord_noemt_de_tabellen_die_het_leest(
    gegevens, ministerie, coa, prt_gelderland, gemeente_arnhem
):
    """With the cache off (every query runs), each table a kept response reads beyond what
    every request reads anyway (session, user, token) is one its view names: a table left out
    would leave the response stale after a write to it."""
    gelezen_totaal = 0
    for user in (ministerie, coa, prt_gelderland, gemeente_arnhem):
        client = ingelogd(user)
        for url in _urls(gegevens):
            cache.clear()
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                eerst = client.get(url)
            if eerst.status_code != 200:
                assert eerst.status_code in (403, 404), (user.rol, url, eerst.status_code)
                continue
            view = resolve(url.split("?")[0]).func.cls
            assert issubclass(view, BewaardAntwoord), url
            with cachalot_disabled(), CaptureQueriesContext(connection) as bewaard:
                weer = client.get(url)
            assert eerst.content == weer.content, url  # the second is the kept response
            gelezen = _tabellen(sql.captured_queries) - _tabellen(bewaard.captured_queries)
            gelezen_totaal += len(gelezen)
            vergeten = gelezen - set(tabellen_van(view.antwoord_tabellen))
            assert not vergeten, (user.rol, url, sorted(vergeten))
            # a write to a table cachalot leaves alone gets no stamp: never noticed
            assert all(is_cachable(t) for t in gelezen), (user.rol, url, sorted(gelezen))
    assert gelezen_totaal > 100  # the responses did read their tables


def test_per_bereik_bewaard(gegevens, ministerie, prt_gelderland, prt_noord_holland):
    """A response kept for one scope is never served to another: the ministry's list of
    verslagen holds Gelderland's, Noord-Holland's secretary sees none of it."""
    verslag = gegevens["verslag"]
    clients = {user.pk: ingelogd(user) for user in (ministerie, prt_gelderland, prt_noord_holland)}
    for _ in range(2):
        assert f'"id":{verslag.pk}' in _json(clients[ministerie.pk], "/api/v1/verslagen/")
        assert f'"id":{verslag.pk}' in _json(clients[prt_gelderland.pk], "/api/v1/verslagen/")
        assert f'"id":{verslag.pk}' not in _json(
            clients[prt_noord_holland.pk], "/api/v1/verslagen/"
        )
    assert clients[prt_noord_holland.pk].get(f"/api/v1/verslagen/{verslag.pk}/").status_code == 404


def test_browsbare_api_niet_bewaard(gegevens, ministerie):
    """The browsable API (HTML, with the user's name and a form) is built on every request."""
    client = ingelogd(ministerie)
    client.get("/api/v1/gemeenten/", HTTP_ACCEPT="text/html")
    Gemeente.objects.filter(naam="Arnhem").update(naam="Arnhem-Html")
    antwoord = client.get("/api/v1/gemeenten/?page_size=400", HTTP_ACCEPT="text/html")
    assert "Arnhem-Html" in antwoord.content.decode()


def test_schrijven_en_terugdraaien_in_bewaarde_antwoorden(gegevens, ministerie, prt_gelderland):
    """A write through a service or in raw SQL shows in the next kept response; what was read
    inside a transaction that was rolled back is never served afterwards."""
    client = ingelogd(ministerie)
    urls = [
        "/api/v1/gemeenten/?page_size=400",
        "/api/v1/opvanglocaties/",
        "/api/v1/uitruil-grootboek/provincies/gelderland/",
        "/api/v1/realisatiemeldingen/",
    ]
    for url in urls * 2:
        assert "Arnhem" in _json(client, url)

    realisatie_melden(
        gemeente=gegevens["arnhem"],
        cyclus=gegevens["besluit"].cyclus,
        datum=dt.date(2026, 11, 1),
        aantal=4321,
        bevestigd=True,
        door=ministerie,
    )
    assert '"aantal":4321' in _json(client, "/api/v1/realisatiemeldingen/")

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Arnhem-Vers", "Arnhem"]
        )
    for url in urls:
        assert "Arnhem-Vers" in _json(client, url), url

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Arnhem-Vers").update(naam="Arnhem-Nooit")
        for url in urls:  # read (and keep) every response inside the transaction
            assert "Arnhem-Nooit" in _json(client, url), url
        raise Terug
    for url in urls:
        tekst = _json(client, url)
        assert "Arnhem-Nooit" not in tekst and "Arnhem-Vers" in tekst, url


def test_locatieregister_noemt_de_tabellen_die_het_leest(
    gegevens, ministerie, coa, prt_gelderland, gemeente_arnhem
):
    """The register of locations (filter, totals and table one fragment): every table it reads
    beyond what each page reads anyway is one ``LIJST_TABELLEN`` names."""
    for user in (ministerie, coa, prt_gelderland, gemeente_arnhem):
        client = ingelogd(user)
        for url in ("/locaties/", "/locaties/?fase=planvorming&pagina=2"):
            cache.clear()
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                eerst = client.get(url)
            with cachalot_disabled(), CaptureQueriesContext(connection) as bewaard:
                weer = client.get(url)
            assert eerst.status_code == weer.status_code == 200
            assert "Kazerne" in eerst.content.decode() or "fase=" in url
            gelezen = _tabellen(sql.captured_queries) - _tabellen(bewaard.captured_queries)
            # the header's count of unread notices: kept for a moment by itself
            # (meldingen.selectors.ongelezen_aantal_kort), outside the fragment
            gelezen -= {"meldingen_melding"}
            assert "locaties_opvanglocatie" in gelezen
            vergeten = gelezen - set(tabellen_van(LIJST_TABELLEN))
            assert not vergeten, (user.rol, url, sorted(vergeten))
