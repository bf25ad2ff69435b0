"""Freshness of the bezwaar pages and API after its write services (as
``tests/regietafels/test_versheid.py``). Here, not in ``tests/bezwaar/``: those tests travel in
time and so run without the query cache; this one keeps the real clock, which cachalot dates
its results and invalidations by. Each page and response is read twice first (the second read
is served from cachalot), then a bezwaar is lodged and its decision postponed; after each write
every page shows the new state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from bezwaar.services import bezwaar_indienen, verdagen
from tests.bezwaar.conftest import maak_besluit, regel_van

pytestmark = pytest.mark.django_db


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode()


def test_bezwaar_schrijfdiensten_overal_zichtbaar(client, gemeenten, gemeente_arnhem, ministerie):
    besluit = maak_besluit(timezone.localdate() - dt.timedelta(days=7))
    client.force_login(ministerie)
    lijst, api = reverse("bezwaar:lijst"), "/api/v1/bezwaren/"
    for url in (lijst, api, lijst, api):
        assert "Grond-versheid" not in _pagina(client, url)

    bezwaar = bezwaar_indienen(
        regel=regel_van(besluit, "Arnhem"), gronden="Grond-versheid", door=gemeente_arnhem
    )
    assert "Arnhem" in _pagina(client, lijst)
    assert "Grond-versheid" in _pagina(client, api)
    detail = reverse("bezwaar:detail", kwargs={"pk": bezwaar.pk})
    api_detail = f"{api}{bezwaar.pk}/"
    for url in (detail, api_detail, detail, api_detail):
        assert "Verdaging-versheid" not in _pagina(client, url)

    verdagen(bezwaar=bezwaar, reden="Verdaging-versheid", door=ministerie)
    assert "Verdaging-versheid" in _pagina(client, detail)
    assert "Verdaging-versheid" in _pagina(client, api_detail)
