"""Freshness of the verslag page (see tests/regietafels/test_versheid.py for the other pages):
the verslag with its totals is kept in the cache and its table of rows, its register section and
the ministry's list of its last changes are cached fragments. Each reads no table it does not
name, and the page shows each kind of write that changes it, for the ministry (read-only) and
the PRT (the form), also a raw SQL write and never a rolled-back one; a form sent back with
errors is never served from (or stored in) the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from cachalot.api import cachalot_disabled
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.fragmenten import tabellen_van
from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels import selectors
from regietafels.models import Verslag
from regietafels.services import (
    verlenging_toekennen,
    verslag_beoordelen,
    verslag_indienen,
    verslag_opslaan,
)
from regietafels.verslag_pagina import (
    GESCHIEDENIS_TABELLEN,
    VERSLAGLOCATIES_TABELLEN,
    VERSLAGTABEL_TABELLEN,
    _locatie_opbouw,
    _rijen,
    geschiedenis,
    verslag_met_totalen,
)
from tests.factories import verslag_van
from tests.versheid import Terug, gewarmd, ingelogd
from tests.versheid import tabellen_gelezen as _tabellen_gelezen

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db


@pytest.fixture
def verslag(cyclus, prt_gelderland):
    return verslag_van(prt_gelderland, cyclus)


def test_verslagtabel_noemt_elke_tabel_die_ze_leest(cyclus, ministerie, prt_gelderland, verslag):
    for user in (ministerie, prt_gelderland):
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            # what is kept: the verslag with its totals; and the table of rows
            v, _, regels = verslag_met_totalen(user, slug="gelderland", jaar=cyclus.jaar)
            _, netto, _ = v.uitruil
            _rijen(regels, netto)
        gelezen = _tabellen_gelezen(sql.captured_queries)
        vergeten = gelezen - set(tabellen_van(VERSLAGTABEL_TABELLEN))
        assert gelezen and not vergeten, sorted(vergeten)
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            v = selectors.verslag_voor_pagina(user, slug="gelderland", jaar=cyclus.jaar)
            _locatie_opbouw(v, selectors.verslag_regels(v))
        gelezen = _tabellen_gelezen(sql.captured_queries)
        vergeten = gelezen - set(tabellen_van(VERSLAGLOCATIES_TABELLEN))
        assert "locaties_opvanglocatie" in gelezen and not vergeten, sorted(vergeten)
    # the ministry's list of the last changes: the verslag's history (written only with the
    # verslag's own table, so keyed on that one) and its users
    with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
        [str(h.history_user) for h in geschiedenis(verslag)]
    gelezen = _tabellen_gelezen(sql.captured_queries)
    historie = Verslag.history.model._meta.db_table
    assert historie in gelezen and "regietafels.verslag" in GESCHIEDENIS_TABELLEN
    vergeten = gelezen - {historie} - set(tabellen_van(GESCHIEDENIS_TABELLEN))
    assert not vergeten, sorted(vergeten)


def test_verslagtabel_toont_elke_schrijfactie(cyclus, ministerie, prt_gelderland, verslag):
    url = reverse("regietafels:verslag", args=["gelderland"]) + f"?cyclus={cyclus.jaar}"
    ministerie_client, prt_client = ingelogd(ministerie), ingelogd(prt_gelderland)

    def lezen(client) -> str:
        return gewarmd(client, url)  # the second read is served from the fragment

    assert "9.876" not in lezen(ministerie_client)
    assert 'value="9876"' not in lezen(prt_client)

    verslag.refresh_from_db()
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem={"bestaande_locaties": 9876}),
        door=prt_gelderland,
        bevestigd=True,
    )
    assert "9.876" in lezen(ministerie_client)
    assert 'value="9876"' in lezen(prt_client)

    # a form sent back with an error shows the input, and is not kept for the next reader
    verslag.refresh_from_db()
    arnhem = Gemeente.objects.get(naam="Arnhem")
    fout = prt_client.post(
        url,
        {"versie": verslag.versie, f"regel-{arnhem.pk}-bestaande_locaties": "veel", "opslaan": "1"},
    )
    assert fout.status_code == 400 and 'value="veel"' in fout.content.decode()
    assert 'value="veel"' not in lezen(prt_client)

    # a location in the register: the section "Uit het locatieregister" lists its gemeente
    assert 'id="locatieregels"' not in lezen(ministerie_client)
    Opvanglocatie.objects.create(
        gemeente=arnhem,
        naam="Azc Versheid",
        capaciteit_regulier=80,
        soort="regulier_azc",
        fase="in_gebruik",
        fase_sinds=dt.date(2024, 1, 1),
    )
    assert 'id="locatieregels"' in lezen(ministerie_client)
    assert 'id="locatieregels"' in lezen(prt_client)

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Arnhem-Vers", "Arnhem"]
        )
    assert "Arnhem-Vers" in lezen(ministerie_client)
    assert "Arnhem-Vers" in lezen(prt_client)

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Arnhem-Vers").update(naam="Arnhem-Nooit")
        assert "Arnhem-Nooit" in lezen(ministerie_client)
        raise Terug
    html = lezen(ministerie_client)
    assert "Arnhem-Nooit" not in html and "Arnhem-Vers" in html


def test_verslagpagina_toont_elke_schrijfactie(cyclus, ministerie, prt_gelderland, verslag):
    """The verslag kept with its totals and the ministry's list of its last changes are
    redrawn after saving, submitting, an extension, an assessment, raw SQL, and never show a
    rolled-back write."""
    url = reverse("regietafels:verslag", args=["gelderland"]) + f"?cyclus={cyclus.jaar}"
    ministerie_client, prt_client = ingelogd(ministerie), ingelogd(prt_gelderland)

    def lezen(client) -> str:
        return gewarmd(client, url)  # the second read is served from the cache

    def geschiedenis_van(html) -> str:
        return html.split("Wijzigingsgeschiedenis</h2>", 1)[1].split("</table>", 1)[0]

    verslag.refresh_from_db()
    assert f'name="versie" value="{verslag.versie}"' in lezen(prt_client)
    assert ">Concept<" in lezen(ministerie_client)
    regels = geschiedenis_van(lezen(ministerie_client)).count("<tr")

    # saved: the totals, the version of the form, a line more in the list of changes
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(verslag, Arnhem={"bestaande_locaties": 9876}),
        door=prt_gelderland,
        bevestigd=True,
    )
    verslag.refresh_from_db()
    html = lezen(prt_client)
    assert f'name="versie" value="{verslag.versie}"' in html
    totaal = sum(r.aangeboden for r in verslag.regels.all())
    assert f'id="totaal-aangeboden" aria-live="polite">{totaal:,}<'.replace(",", ".") in html
    html = lezen(ministerie_client)
    assert geschiedenis_van(html).count("<tr") == regels + 1
    assert f'rt-getal">{verslag.versie}</td>' in geschiedenis_van(html)

    # submitted: status, versions, no form any more
    verslag_indienen(verslag=verslag, door=prt_gelderland)
    html = lezen(ministerie_client)
    assert ">Ingediend<" in html and "Ingediende versies (1)" in html
    assert "Beoordelen of terugsturen" in html
    assert ">Ingediend</td>" in geschiedenis_van(html)
    assert 'id="verslag-form"' not in lezen(prt_client)

    # an extension for all: the deadline
    verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 29), reden="Late raming", door=ministerie
    )
    assert "29 december 2026" in lezen(ministerie_client)
    assert "29 december 2026" in lezen(prt_client)

    # assessed: the status and the assessment
    verslag_beoordelen(
        verslag=Verslag.objects.get(pk=verslag.pk),
        oordeel="voldoende",
        opmerkingen="Helder",
        door=ministerie,
    )
    html = lezen(prt_client)
    assert ">Beoordeeld<" in html and "Helder" in html
    assert ">Beoordeeld</td>" in geschiedenis_van(lezen(ministerie_client))

    # raw SQL: the verslag's text and a name in the list of changes
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE regietafels_verslag SET knelpunten = %s WHERE id = %s",
            ["Knelpunt uit SQL", verslag.pk],
        )
        cursor.execute(
            "UPDATE accounts_gebruiker SET first_name = %s, last_name = %s WHERE id = %s",
            ["Secretaris", "Vers", prt_gelderland.pk],
        )
    html = lezen(ministerie_client)
    assert "Knelpunt uit SQL" in html and "Secretaris Vers" in geschiedenis_van(html)

    # rolled back: shown inside the transaction, never after it
    with pytest.raises(Terug), transaction.atomic():
        Verslag.objects.filter(pk=verslag.pk).update(knelpunten="Knelpunt dat nooit was")
        assert "Knelpunt dat nooit was" in lezen(ministerie_client)
        raise Terug
    html = lezen(ministerie_client)
    assert "Knelpunt dat nooit was" not in html and "Knelpunt uit SQL" in html
