"""Freshness of the location register's pages and API after its write services (as
``tests/regietafels/test_versheid.py``): each page and response is read twice first (the second
read is served from cachalot), then a location is registered, changed, moved to another phase
and confirmed by COA; after each write every page shows the new state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from locaties.models import Fase, Soort
from locaties.services import fase_wijzigen, locatie_aanmaken, locatie_bevestigen, locatie_wijzigen

pytestmark = pytest.mark.django_db


def _gegevens(naam: str, capaciteit: int) -> dict:
    return {"naam": naam, "capaciteit_regulier": capaciteit, "soort": Soort.REGULIER_AZC}


def _pagina(client, url) -> str:
    antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return antwoord.content.decode().replace(" ", "")


def test_register_schrijfdiensten_overal_zichtbaar(client, arnhem, prt_gelderland, coa):
    client.force_login(coa)
    lijst, api = reverse("locaties:lijst"), "/api/v1/opvanglocaties/"
    for url in (lijst, api, lijst, api):
        assert "Kazerne" not in _pagina(client, url)

    locatie = locatie_aanmaken(
        door=prt_gelderland,
        gemeente=arnhem,
        gegevens=_gegevens("Kazerne", 250),
        fase_sinds=dt.date(2026, 3, 1),
    )
    detail = reverse("locaties:detail", kwargs={"pk": locatie.pk})
    assert "Kazerne" in _pagina(client, lijst) and "Kazerne" in _pagina(client, api)
    for url in (detail, f"{api}{locatie.pk}/", detail):
        assert "250" in _pagina(client, url)

    locatie_wijzigen(door=prt_gelderland, locatie=locatie, gegevens=_gegevens("Kazerne", 275))
    assert "275" in _pagina(client, detail)
    assert '"capaciteit_regulier":275' in _pagina(client, f"{api}{locatie.pk}/")

    fase_wijzigen(
        door=prt_gelderland, locatie=locatie, naar_fase=Fase.IN_GEBRUIK, datum=dt.date(2026, 6, 1)
    )
    assert f'"fase":"{Fase.IN_GEBRUIK}"' in _pagina(client, f"{api}{locatie.pk}/")

    locatie.refresh_from_db()
    assert locatie.coa_bevestigd_op is None
    assert '"coa_bevestigd_op":null' in _pagina(client, f"{api}{locatie.pk}/")
    locatie_bevestigen(door=coa, locatie=locatie)
    assert '"coa_bevestigd_op":null' not in _pagina(client, f"{api}{locatie.pk}/")
