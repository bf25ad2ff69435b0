"""Query budgets: the register pages, exports and the API list read as many queries for 1
location as for 120 (more than two pages), within MAX_QUERIES. Times at 2,000 locations are
measured by `make bench` (bench/, docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from locaties.models import Opvanglocatie
from raming.models import Gemeente

pytestmark = pytest.mark.django_db

MAX_QUERIES = 16


def locaties_maken(aantal: int, *, begin: int = 0) -> None:
    # Arnhem first: every filtered page shows rows at 1 location already
    gemeenten = sorted(
        Gemeente.objects.filter(provincie__code__in=["PV25", "PV27"]),
        key=lambda g: (g.naam != "Arnhem", g.pk),
    )
    Opvanglocatie.objects.bulk_create(
        Opvanglocatie(
            gemeente=gemeenten[(begin + i) % len(gemeenten)],
            naam=f"Locatie {begin + i:05d}",
            capaciteit_regulier=50 + i,
            soort="regulier_azc",
            fase=["planvorming", "realisatie", "in_gebruik"][i % 3],
            fase_sinds="2026-01-01",
        )
        for i in range(aantal)
    )


def _tel(client, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url, data or {})
    assert antwoord.status_code == 200, url
    return len(queries)


def _metingen(client, api, ministerie, prt_gelderland, gemeente_arnhem, coa, arnhem):
    uit = {}
    lijst = reverse("locaties:lijst")
    client.force_login(ministerie)
    uit["lijst ministerie"] = _tel(client, lijst)
    uit["lijst gefilterd"] = _tel(client, lijst, {"fase": "planvorming", "bevestigd": "nee"})
    uit["lijst pagina 2"] = _tel(client, lijst, {"pagina": "2"})
    uit["csv"] = _tel(client, reverse("locaties:export_csv"))
    uit["xlsx"] = _tel(client, reverse("locaties:export_xlsx"))
    client.force_login(coa)
    uit["lijst coa"] = _tel(client, lijst)
    client.force_login(prt_gelderland)
    uit["lijst prt"] = _tel(client, lijst, {"gemeente": arnhem.pk})
    client.force_login(gemeente_arnhem)
    uit["lijst gemeente"] = _tel(client, lijst)
    api.force_authenticate(coa)
    uit["api"] = _tel(api, "/api/v1/opvanglocaties/")
    uit["api gefilterd"] = _tel(api, "/api/v1/opvanglocaties/", {"fase": "planvorming"})
    return uit


def test_queries_gelijk_bij_1_en_120_locaties(
    client, ministerie, prt_gelderland, gemeente_arnhem, coa, arnhem, zonder_cache
):
    api = APIClient()
    args = (client, api, ministerie, prt_gelderland, gemeente_arnhem, coa, arnhem)
    locaties_maken(1)
    _metingen(*args)  # warm-up: first-use lookups
    een = _metingen(*args)
    locaties_maken(119, begin=1)
    honderdtwintig = _metingen(*args)
    for naam, aantal in een.items():
        assert aantal == honderdtwintig[naam], (
            f"{naam}: {aantal} queries bij 1, {honderdtwintig[naam]} bij 120"
        )
        assert aantal <= MAX_QUERIES, f"{naam}: {aantal} queries"


def test_lijst_binnen_het_budget(
    client, ministerie, arnhem, django_assert_max_num_queries, zonder_cache
):
    locaties_maken(120)
    client.force_login(ministerie)
    client.get(reverse("locaties:lijst"))  # warm-up
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("locaties:lijst"), {"pagina": "3"}).status_code == 200
