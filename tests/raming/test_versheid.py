"""Freshness of the raming's pages and API after its write services (as
``tests/regietafels/test_versheid.py`` for the regietafels): every page and API response is
read twice first (the second read is served from cachalot), then the raming is given new inputs,
computed again (its rows are removed with one raw DELETE), adopted and published; after each
write every page shows the new state, also the public page an anonymous visitor reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from raming import services
from raming.models import Invoerbesluit
from tests.factories import ministerie_actor

pytestmark = pytest.mark.django_db


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode().replace(" ", "")


def test_invoer_berekening_en_publicatie_overal_zichtbaar(client, concept, cyclus, ministerie):
    client.force_login(ministerie)
    pagina = reverse("raming:raming", kwargs={"pk": concept.pk})
    api = f"/api/v1/ramingen/{concept.pk}/"
    verdeling = f"/api/v1/ramingen/{concept.pk}/verdeling/"
    openbaar = reverse("raming:openbaar_raming", kwargs={"jaar": cyclus.jaar})
    for url in (pagina, api, verdeling, pagina, api, verdeling):
        assert "91.234" not in _pagina(client, url) and "91234" not in _pagina(client, url)
    anoniem = Client()
    assert anoniem.get(openbaar).status_code == 404

    besluit = services.invoerbesluit_vastleggen(
        cyclus=cyclus,
        soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
        datum=dt.date(2025, 10, 1),
        referentie="MPP 2025-III",
        landelijk_aantal=91_234,
        amv_aantal=7_480,
        door=ministerie_actor(),
    )
    raming = services.raming_invoer_wijzigen(
        raming=concept, invoerbesluit=besluit, door=ministerie_actor()
    )
    assert "91.234" in _pagina(client, pagina)
    assert '"landelijk_aantal":91234' in _pagina(client, api)

    voor = _pagina(client, verdeling)
    raming = services.raming_berekenen(raming=raming, door=ministerie_actor())
    na = _pagina(client, verdeling)
    assert na != voor  # the new numbers per gemeente, not the cached ones

    # on the real clock: cachalot dates its results and invalidations by it (ADR 0011)
    raming = services.raming_vaststellen(raming=raming, door=ministerie)
    assert '"status":"vastgesteld"' in _pagina(client, api)
    services.raming_publiceren(
        raming=raming,
        staatscourant_referentie="Stcrt. 2026, 1234",
        gepubliceerd_op=timezone.localdate(),
        door=ministerie_actor(),
    )
    assert '"status":"gepubliceerd"' in _pagina(client, api)
    assert "91.234" in _pagina(anoniem, openbaar)
