"""Freshness of the gemeente's own page and of the realisation page's list of the last reports
(as ``test_versheid.py``): what they show besides their forms is drawn in fragments keyed on
the tables the views name (``GEMEENTE_TABELLEN``, ``MELDINGEN_TABELLEN``). Each fragment reads
no table it does not name, and after each kind of write that changes it (a realisation report,
a location changed, reports tied to a location, a verdeelbesluit fixed, raw SQL, a rolled-back
transaction) the pages show the new state. Forms sent back with errors keep what was typed."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from cachalot.api import cachalot_disabled
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.fragmenten import tabellen_van
from locaties.models import Opvanglocatie, Soort
from locaties.services import locatie_aanmaken, locatie_wijzigen
from raming.models import Gemeente
from regietafels.models import Regietafel
from regietafels.realisatie_views import (
    GEMEENTE_TABELLEN,
    MELDINGEN_TABELLEN,
    laatste_meldingen,
)
from regietafels.services import (
    meldingen_aan_locatie_koppelen,
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verslag_aanmaken,
)
from tests.versheid import Terug, ingelogd
from tests.versheid import pagina as _pagina
from tests.versheid import tabellen_gelezen as _tabellen

pytestmark = pytest.mark.django_db

EIGEN = "/regietafels/gemeente/?cyclus=2026"
REALISATIE = "/regietafels/realisatie/?cyclus=2026"


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')


def _tweemaal(client, url) -> str:
    """The page as drawn, then as served from its fragments: the same but for the forms'
    tokens."""
    eerst = _pagina(client, url)
    tweede = _pagina(client, url)
    assert _TOKEN.sub("", eerst) == _TOKEN.sub("", tweede)
    return tweede


@pytest.fixture
def besluit(cyclus, ministerie):
    return verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)


@pytest.fixture
def arnhem(gemeenten):
    return Gemeente.objects.get(naam="Arnhem")


def _vaststellen(besluit, ministerie):
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 9, 1),
        afwijkingsreden="Versheid van de realisatie",
        door=ministerie,
    )


def _locatie(arnhem, ministerie, naam="Azc Arnhem-Zuid", plekken=150):
    return locatie_aanmaken(
        door=ministerie,
        gemeente=arnhem,
        gegevens={
            "naam": naam,
            "capaciteit_regulier": plekken,
            "soort": Soort.REGULIER_AZC,
            "overeenkomst_gesloten_op": dt.date(2026, 1, 5),
            "beschikbaar_vanaf": dt.date(2026, 10, 1),
        },
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
    )


def test_gemeentepagina_leest_alleen_de_tabellen_die_zij_noemt(
    cyclus, besluit, ministerie, prt_gelderland, gemeente_arnhem, arnhem
):
    """Every query the page makes only while drawing its fragments (the page drawn, then served
    from the fragments, both with cachalot off so that every query runs) reads a table of
    ``GEMEENTE_TABELLEN``."""
    verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie=prt_gelderland.provincie),
        cyclus=cyclus,
        door=prt_gelderland,
    )
    _vaststellen(besluit, ministerie)
    locatie = _locatie(arnhem, ministerie)
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 2),
        aantal=None,
        locatie=locatie,
        door=gemeente_arnhem,
    )
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 3),
        aantal=12,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    client = ingelogd(gemeente_arnhem)
    with cachalot_disabled():
        with CaptureQueriesContext(connection) as getekend:
            tekst = _pagina(client, EIGEN)
        with CaptureQueriesContext(connection) as bewaard:
            assert _TOKEN.sub("", _pagina(client, EIGEN)) == _TOKEN.sub("", tekst)
    assert 'id="eigen-regel-form"' in tekst and "Azc Arnhem-Zuid" in tekst
    # the session's query carries the time of the request: it is read by every request
    alleen_getekend = Counter(
        q["sql"] for q in getekend.captured_queries if "django_session" not in q["sql"]
    ) - Counter(q["sql"] for q in bewaard.captured_queries)
    gelezen = _tabellen([{"sql": sql} for sql in alleen_getekend])
    # the reports, the locations, the cycles with a besluit, the beschikkingen
    assert {"regietafels_realisatiemelding", "locaties_opvanglocatie"} <= gelezen
    assert gelezen <= set(tabellen_van(GEMEENTE_TABELLEN)), sorted(
        gelezen - set(tabellen_van(GEMEENTE_TABELLEN))
    )


def test_laatste_meldingen_lezen_alleen_de_tabellen_die_zij_noemen(
    cyclus, besluit, ministerie, coa, prt_gelderland, gemeente_arnhem, arnhem
):
    _vaststellen(besluit, ministerie)
    locatie = _locatie(arnhem, ministerie)
    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 2),
        aantal=None,
        locatie=locatie,
        door=gemeente_arnhem,
    )
    for user in (ministerie, coa, prt_gelderland):
        request = RequestFactory().get(REALISATIE)
        request.user = user
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            tekst = render_to_string(
                "regietafels/_realisatie_meldingen.html",
                {"meldingen": laatste_meldingen(user, cyclus), "user": user},
                request,
            )
        assert "Azc Arnhem-Zuid" in tekst
        gelezen = _tabellen(sql.captured_queries)
        assert gelezen and gelezen <= set(tabellen_van(MELDINGEN_TABELLEN)), sorted(
            gelezen - set(tabellen_van(MELDINGEN_TABELLEN))
        )


def test_na_elke_schrijfactie_vers(
    cyclus, besluit, ministerie, prt_gelderland, gemeente_arnhem, arnhem
):
    """The gemeente's page (as its user) and the realisation page (as the ministry), each read
    twice before every write (the second read is served from the fragments): a verdeelbesluit
    fixed, a report, a location registered and changed, reports tied to it, raw SQL and a
    rolled-back transaction each show at once."""
    eigen, ministerie_client = ingelogd(gemeente_arnhem), ingelogd(ministerie)

    def pagina(welke) -> str:
        if welke == "eigen":
            return _tweemaal(eigen, EIGEN)
        return _tweemaal(ministerie_client, REALISATIE)

    assert 'id="geen-besluit"' in pagina("eigen")
    _vaststellen(besluit, ministerie)
    tekst = pagina("eigen")
    assert 'id="eigen-besluit"' in tekst and "Gerealiseerd</dt><dd>0: 0 in locaties" in tekst
    assert "Laatste meldingen" not in pagina("realisatie")

    realisatie_melden(
        gemeente=arnhem,
        cyclus=cyclus,
        datum=dt.date(2026, 10, 2),
        aantal=180,
        bevestigd=True,
        door=gemeente_arnhem,
    )
    assert "2 oktober 2026: 180 plekken" in pagina("eigen")
    assert "Gerealiseerd</dt><dd>180: 0 in locaties" in pagina("eigen")
    assert "Arnhem, 2 oktober 2026: 180 plekken" in pagina("realisatie")

    locatie = _locatie(arnhem, ministerie)
    tekst = pagina("eigen")
    assert "Azc Arnhem-Zuid: 150 plekken" in tekst and 'id="mogelijk-dubbel"' in tekst
    assert "Gerealiseerd</dt><dd>330: 150 in locaties" in tekst
    locatie_wijzigen(
        door=ministerie,
        locatie=Opvanglocatie.objects.get(pk=locatie.pk),
        gegevens={
            "naam": "Azc Arnhem-Zuid",
            "capaciteit_regulier": 160,
            "soort": Soort.REGULIER_AZC,
            "overeenkomst_gesloten_op": dt.date(2026, 1, 5),
            "beschikbaar_vanaf": dt.date(2026, 10, 1),
        },
    )
    assert "Azc Arnhem-Zuid: 160 plekken" in pagina("eigen")
    # the form's select of the locations in gebruik
    assert f'<option value="{locatie.pk}">' in pagina("eigen")

    meldingen_aan_locatie_koppelen(
        gemeente=arnhem, cyclus=cyclus, locatie=locatie, reden="Ons azc.", door=gemeente_arnhem
    )
    tekst = pagina("eigen")
    assert 'id="mogelijk-dubbel"' not in tekst and "in Azc Arnhem-Zuid (locatie uit het" in tekst
    assert "<dd>180: 160 in locaties in gebruik volgens het register, 20 gemeld zonder" in tekst
    assert "in Azc Arnhem-Zuid (locatie uit het register" in pagina("realisatie")

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Arnhem-Vers", "Arnhem"]
        )
        cursor.execute(
            "UPDATE regietafels_realisatiemelding SET opmerking = %s WHERE gemeente_id = %s",
            ["Met ruwe SQL", arnhem.pk],
        )
    tekst = pagina("eigen")
    assert "Arnhem-Vers: opgave 2026" in tekst and "— Met ruwe SQL" in tekst
    assert "Arnhem-Vers, 2 oktober 2026" in pagina("realisatie")

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(pk=arnhem.pk).update(naam="Arnhem-Nooit")
        assert "Arnhem-Nooit: opgave 2026" in pagina("eigen")
        assert "Arnhem-Nooit, 2 oktober 2026" in pagina("realisatie")
        raise Terug
    tekst = pagina("eigen")
    assert "Arnhem-Nooit" not in tekst and "Arnhem-Vers: opgave 2026" in tekst
    tekst = pagina("realisatie")
    assert "Arnhem-Nooit" not in tekst and "Arnhem-Vers, 2 oktober 2026" in tekst


def test_formulieren_houden_de_invoer_bij_fouten(
    cyclus, besluit, ministerie, prt_gelderland, gemeente_arnhem, arnhem
):
    """Both forms of the gemeente's page are drawn from the fragments when empty, and with what
    was typed when sent back with errors; the next read shows the stored state again."""
    verslag = verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie=prt_gelderland.provincie),
        cyclus=cyclus,
        door=prt_gelderland,
    )
    _vaststellen(besluit, ministerie)
    client = ingelogd(gemeente_arnhem)
    veld = f"regel-{arnhem.pk}-bestaande_locaties"
    assert f'name="{veld}" value="0"' in _tweemaal(client, EIGEN)
    antwoord = client.post(EIGEN, {"regel": "1", "versie": str(verslag.versie), veld: "veel"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and f'name="{veld}" value="veel"' in tekst
    assert f'id="{veld}-fout"' in tekst
    assert f'name="{veld}" value="0"' in _tweemaal(client, EIGEN)

    antwoord = client.post(EIGEN, {"datum": "31-13-2026", "aantal": "7", "opmerking": "Getypt"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and 'value="31-13-2026"' in tekst
    assert 'value="7"' in tekst and "Getypt</textarea>" in tekst
    tekst = _tweemaal(client, EIGEN)
    assert "31-13-2026" not in tekst and "Getypt" not in tekst
