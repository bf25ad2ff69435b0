"""Provenance as fields (issue 18): every provincial figure and every meerjarig-beschikbaar
figure says whether it is a recorded fact (with its source, reference date and link), computed
by Regietafel, or illustrative; the pages show it beside the figure."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from raming import services
from raming.models import Herkomst, Provincie
from tests.factories import ministerie_actor

pytestmark = pytest.mark.django_db

STCRT = "https://zoek.officielebekendmakingen.nl/stcrt-2024-3320.html"


def test_berekende_opgaven_noemen_hun_invoer(concept):
    rijen = list(concept.provincies.all())
    assert len(rijen) == 12
    assert {p.herkomst for p in rijen} == {Herkomst.BEREKEND}
    assert {p.bron for p in rijen} == {
        "Verdeelsleutel van Regietafel: inwonertal op 01-01-2023, SES-WOA 2022, "
        "per gemeente afgerond (praktijk 2024)"
    }
    assert {p.bron_peildatum for p in rijen} == {dt.date(2023, 1, 1)}


def test_vastgelegde_raming_en_illustratief_beschikbaar_op_de_openbare_pagina(client):
    door = ministerie_actor()
    with time_machine.travel(dt.datetime(2024, 1, 31, 12, tzinfo=dt.UTC), tick=False):
        cyclus = services.cyclus_aanmaken(jaar=2024, door=door)
        services.meerjarig_beschikbaar_vastleggen(
            cyclus=cyclus,
            provincie=Provincie.objects.get(code="PV29"),
            aantal=500,
            peildatum=dt.date(2024, 1, 1),
            bron="Voorbeeldcijfer",
            herkomst=Herkomst.ILLUSTRATIEF,
            door=door,
        )
        opgaven = {p.code: 1000 + i for i, p in enumerate(Provincie.objects.order_by("code"))}
        raming = services.historische_raming_vastleggen(
            cyclus=cyclus,
            landelijk_aantal=sum(opgaven.values()),
            amv_aantal=0,
            opgaven=opgaven,
            gepubliceerd_op=dt.date(2024, 1, 31),
            staatscourant_referentie="Stcrt. 2024, 3320",
            toelichting="Vastgelegd zoals gepubliceerd.",
            bron_url=STCRT,
            door=door,
        )
    zeeland = raming.provincies.get(provincie__code="PV29")
    assert (zeeland.herkomst, zeeland.bron, zeeland.bron_peildatum, zeeland.bron_url) == (
        Herkomst.VASTGELEGD,
        "Capaciteitsraming 2024, Stcrt. 2024, 3320",
        dt.date(2024, 1, 31),
        STCRT,
    )
    pagina = client.get(reverse("raming:openbaar_raming", kwargs={"jaar": 2024})).text
    tabel = pagina[pagina.index("Provinciale opgave per provincie") :]
    rij = tabel[tabel.index(">Zeeland</th>") :].split("</tr>")[0]
    # the link's text is the source itself, and says which figure it is the source of
    assert (
        f'Vastgelegd feit</span>: <a class="utrecht-link" href="{STCRT}" rel="noopener">'
        "Capaciteitsraming 2024, Stcrt. 2024, 3320"
        '<span class="rt-visueel-verborgen"> (bron van Zeeland)</span></a>'
    ) in rij
    assert "vindplaats" not in tabel
    assert "Meerjarig beschikbaar: <span" in rij and "Illustratief</span>: Voorbeeldcijfer" in rij
    groningen = tabel[tabel.index(">Groningen</th>") :].split("</tr>")[0]
    assert "Meerjarig beschikbaar" not in groningen  # nothing recorded, nothing claimed
