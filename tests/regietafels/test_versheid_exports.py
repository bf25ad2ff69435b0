"""Exports kept whole (core/bewaard_bestand.py, ADR 0017): each names every table it reads, is
kept per scope of the access rules, and shows a write at once.

The files are read back as text (CSV decoded, xlsx through openpyxl), so what is checked is what
a spreadsheet program would show."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cachalot.api import cachalot_disabled
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from openpyxl import load_workbook

from core.fragmenten import tabellen_van
from locaties.models import Soort
from locaties.services import locatie_aanmaken
from raming.models import Gemeente
from regietafels import werkboek
from tests.factories import uitruil_zaanstad_purmerend, verslag_van
from tests.versheid import Terug, ingelogd
from tests.versheid import tabellen_gelezen as _tabellen
from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer, voorstellen

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tekst(antwoord) -> str:
    """What the file shows: CSV as text, every cell of every sheet of an xlsx."""
    if antwoord["Content-Type"] == XLSX:
        boek = load_workbook(io.BytesIO(antwoord.content), read_only=True)
        return "\n".join(
            "|".join("" if w is None else str(w) for w in rij)
            for blad in boek.worksheets
            for rij in blad.iter_rows(values_only=True)
        )
    return antwoord.content.decode("utf-8-sig")


def _lees(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return _tekst(antwoord)


def _genoemd(url: str) -> tuple[str, ...]:
    """The tables the export at ``url`` names as its key."""
    view = resolve(url.split("?")[0]).func
    if hasattr(view, "bestand_tabellen"):
        return view.bestand_tabellen
    assert url.startswith("/api/v1/verslagen/") and url.endswith("/werkboek/"), url
    return werkboek.TABELLEN


@pytest.fixture
def gegevens(cyclus, prt_gelderland, gemeente_zaanstad):
    """A verslag of Gelderland, a location in Arnhem and an exchange between Zaanstad and
    Purmerend: every export has rows to show."""
    verslag = verslag_van(prt_gelderland, cyclus)
    arnhem = Gemeente.objects.get(naam="Arnhem")
    locatie_aanmaken(
        door=prt_gelderland,
        gemeente=arnhem,
        gegevens={"naam": "Kazerne", "capaciteit_regulier": 250, "soort": Soort.REGULIER_AZC},
        fase_sinds=dt.date(2026, 3, 1),
    )
    uitruil = uitruil_zaanstad_purmerend(
        door=gemeente_zaanstad,
        cyclus=cyclus,
        aantal=3,
        motivatie="Bewaarde bestanden",
        oekraine=False,
    )
    return {"verslag": verslag, "uitruil": uitruil, "jaar": cyclus.jaar, "arnhem": arnhem}


def _urls(g) -> list[str]:
    jaar = g["jaar"]
    return [
        "/locaties/export.csv",
        "/locaties/export.xlsx",
        "/locaties/export.xlsx?fase=realisatie",
        "/uitruil/export.csv",
        "/uitruil/export.xlsx",
        f"/raming/openbaar/{jaar}/gemeenten.csv",
        f"/raming/openbaar/{jaar}/provincies.csv",
        f"/raming/openbaar/{jaar}/raming.xlsx",
        "/inzicht/csv/kaart.csv",
        "/inzicht/csv/voortgang.csv",
        "/inzicht/csv/tijdlijn.csv",
        "/inzicht/csv/trends.csv",
        "/inzicht/provincie/PV25/voortgang.csv",
        "/inzicht/openbaar/kaart.csv",
        "/regietafels/gelderland/verslag/werkboek.xlsx",
        f"/api/v1/verslagen/{g['verslag'].pk}/werkboek/",
    ]


def test_elk_bewaard_bestand_noemt_de_tabellen_die_het_leest(
    gegevens, ministerie, coa, prt_gelderland, gemeente_arnhem
):
    """With the cache off (every query runs), each table an export reads beyond what every
    request reads anyway (session, user) is one its view names: a table left out would leave
    the file stale after a write to it."""
    gelezen_totaal = gelezen_bestanden = 0
    for user in (None, ministerie, coa, prt_gelderland, gemeente_arnhem):
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in _urls(gegevens):
            cache.clear()
            with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
                eerst = client.get(url)
            if eerst.status_code != 200:
                assert eerst.status_code in (302, 401, 403, 404), (user, url)
                continue
            with cachalot_disabled(), CaptureQueriesContext(connection) as bewaard:
                weer = client.get(url)
            assert eerst.content == weer.content, url  # the second is the kept file
            assert eerst.items() == weer.items(), url  # with its headers
            gelezen = _tabellen(sql.captured_queries) - _tabellen(bewaard.captured_queries)
            gelezen_totaal += len(gelezen)
            gelezen_bestanden += 1
            vergeten = gelezen - set(tabellen_van(_genoemd(url)))
            assert not vergeten, (getattr(user, "rol", "anoniem"), url, sorted(vergeten))
    assert gelezen_bestanden > 40 and gelezen_totaal > 80  # the exports did read their tables


def test_bewaard_bestand_blijft_een_download(gegevens, ministerie):
    """A kept file is served with the type and the file name it was built with, and still
    opens (openpyxl reads the kept xlsx)."""
    client = ingelogd(ministerie)
    for url in ("/uitruil/export.xlsx", "/locaties/export.csv"):
        eerst = client.get(url)
        weer = client.get(url)
        assert weer["Content-Type"] == eerst["Content-Type"]
        assert weer["Content-Disposition"] == eerst["Content-Disposition"]
        assert weer["Content-Disposition"].startswith("attachment; filename=")
        assert weer.content == eerst.content
    assert "Zaanstad" in _lees(client, "/uitruil/export.xlsx")


def test_per_bereik_bewaard(gegevens, ministerie, prt_gelderland, prt_noord_holland):
    """A file kept for one scope is never served to another: the ministry's exports hold
    Arnhem's location and the exchange in Noord-Holland, Gelderland's secretary sees only the
    location, Noord-Holland's only the exchange; the verslag's workbook is Gelderland's."""
    min_, gld, nh = ingelogd(ministerie), ingelogd(prt_gelderland), ingelogd(prt_noord_holland)
    for _ in range(2):
        for url in ("/locaties/export.csv", "/locaties/export.xlsx"):
            assert "Kazerne" in _lees(min_, url)
            assert "Kazerne" in _lees(gld, url)
            assert "Kazerne" not in _lees(nh, url)
        for url in ("/uitruil/export.csv", "/uitruil/export.xlsx"):
            assert "Purmerend" in _lees(min_, url)
            assert "Purmerend" not in _lees(gld, url)
            assert "Purmerend" in _lees(nh, url)
        assert "Arnhem" in _lees(gld, "/inzicht/provincie/PV25/voortgang.csv")
        assert nh.get("/inzicht/provincie/PV25/voortgang.csv").status_code == 404
        assert "Arnhem" in _lees(gld, "/regietafels/gelderland/verslag/werkboek.xlsx")
        assert nh.get("/regietafels/gelderland/verslag/werkboek.xlsx").status_code == 404
        pad = f"/api/v1/verslagen/{gegevens['verslag'].pk}/werkboek/"
        assert "Arnhem" in _lees(gld, pad)
        assert nh.get(pad).status_code == 404


def test_schrijven_en_terugdraaien_in_bewaarde_bestanden(
    gegevens, ministerie, prt_gelderland, gemeente_arnhem
):
    """A write through a service or in raw SQL shows in the next kept file; what was read
    inside a transaction that was rolled back is never served afterwards."""
    client, gld = ingelogd(ministerie), ingelogd(prt_gelderland)
    jaar = gegevens["jaar"]
    # every export that shows gemeente names
    urls = [
        (client, "/locaties/export.csv"),
        (client, "/locaties/export.xlsx"),
        (client, f"/raming/openbaar/{jaar}/gemeenten.csv"),
        (client, f"/raming/openbaar/{jaar}/raming.xlsx"),
        (client, "/inzicht/provincie/PV25/voortgang.csv"),
        (gld, "/regietafels/gelderland/verslag/werkboek.xlsx"),
        (gld, f"/api/v1/verslagen/{gegevens['verslag'].pk}/werkboek/"),
    ]
    for c, url in urls * 2:
        assert "Arnhem" in _lees(c, url), url

    # a service write in each app that exports: a location, an exchange
    locatie_aanmaken(
        door=prt_gelderland,
        gemeente=gegevens["arnhem"],
        gegevens={"naam": "Paviljoen", "capaciteit_regulier": 40, "soort": Soort.REGULIER_AZC},
        fase_sinds=dt.date(2026, 4, 1),
    )
    assert "Paviljoen" in _lees(client, "/locaties/export.csv")
    assert "Paviljoen" in _lees(client, "/locaties/export.xlsx")
    for url in ("/uitruil/export.csv", "/uitruil/export.xlsx"):
        assert "Nijmegen" not in _lees(client, url)
    nijmegen, arnhem = Gemeente.objects.get(naam="Nijmegen"), gegevens["arnhem"]
    voorstellen(
        door=gemeente_arnhem,
        cyclus=gegevens["verslag"].cyclus,
        partijen=[
            PartijInvoer(
                gemeente=nijmegen, taak=Taak.ASIELOPVANG, richting=Richting.NEEMT_OP, aantal=2
            ),
            PartijInvoer(
                gemeente=arnhem, taak=Taak.ASIELOPVANG, richting=Richting.GEEFT_AF, aantal=2
            ),
        ],
        motivatie="Tweede",
    )
    for url in ("/uitruil/export.csv", "/uitruil/export.xlsx"):
        assert "Nijmegen" in _lees(client, url)

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Arnhem-Vers", "Arnhem"]
        )
    for c, url in urls:
        assert "Arnhem-Vers" in _lees(c, url), url

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Arnhem-Vers").update(naam="Arnhem-Nooit")
        for c, url in urls:  # read (and keep) every file inside the transaction
            assert "Arnhem-Nooit" in _lees(c, url), url
        raise Terug
    for c, url in urls:
        tekst = _lees(c, url)
        assert "Arnhem-Nooit" not in tekst and "Arnhem-Vers" in tekst, url
