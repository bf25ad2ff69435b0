"""Freshness of the verslag page, whose table of rows is a cached fragment (see
tests/regietafels/test_versheid.py for the other pages): the table reads no table it does not
name, and it shows each kind of write that changes it, for the ministry (read-only) and the
PRT (the form), also a raw SQL write and never a rolled-back one; a form sent back with errors
is never served from (or stored in) the cache."""

from __future__ import annotations

import datetime as dt

import pytest
from cachalot.api import cachalot_disabled
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.fragmenten import tabellen_van
from locaties.models import Opvanglocatie
from raming.models import Gemeente
from regietafels import selectors, services
from regietafels.models import Regietafel
from regietafels.services import verslag_aanmaken, verslag_opslaan
from regietafels.verslag_views import (
    VERSLAGLOCATIES_TABELLEN,
    VERSLAGTABEL_TABELLEN,
    _locatie_opbouw,
    _rijen,
)

from .conftest import regels_invoer
from .test_versheid import _pagina, _tabellen_gelezen

pytestmark = pytest.mark.django_db


@pytest.fixture
def verslag(cyclus, prt_gelderland):
    tafel = Regietafel.objects.get(provincie=prt_gelderland.provincie)
    return verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_gelderland)


def test_verslagtabel_noemt_elke_tabel_die_ze_leest(cyclus, ministerie, prt_gelderland, verslag):
    for user in (ministerie, prt_gelderland):
        with cachalot_disabled(), CaptureQueriesContext(connection) as sql:
            v = selectors.verslag_voor_pagina(user, slug="gelderland", jaar=cyclus.jaar)
            regels = selectors.verslag_regels(v)
            _, netto, _ = v.uitruil
            services.verslag_samenvatting(v, regels, opgave=v.opgave_aantal)
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


def test_verslagtabel_toont_elke_schrijfactie(cyclus, ministerie, prt_gelderland, verslag):
    url = reverse("regietafels:verslag", args=["gelderland"]) + f"?cyclus={cyclus.jaar}"
    ministerie_client, prt_client = Client(), Client()
    ministerie_client.force_login(ministerie)
    prt_client.force_login(prt_gelderland)

    def lezen(client) -> str:
        _pagina(client, url)
        return _pagina(client, url)  # the second read is served from the fragment

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

    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        Gemeente.objects.filter(naam="Arnhem-Vers").update(naam="Arnhem-Nooit")
        assert "Arnhem-Nooit" in lezen(ministerie_client)
        raise Terug
    html = lezen(ministerie_client)
    assert "Arnhem-Nooit" not in html and "Arnhem-Vers" in html
