"""Query budgets of the home page of every role and of the term lists (issue #9).

Each page is measured with 1 and with 50 open exchanges (each an open term): the number of
queries must be the same and at most 15. Measured twice: computed (data cache off, so every
panel reads its rows) and repeated (data cache on: the home page of a returning user reads
nothing but the session's user). The cached home page must still change when its data do.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.herinneringen import test_querybudget
from tests.herinneringen.test_querybudget import uitruilen_maken
from uitruil.models import Uitruil

volle_cyclus = test_querybudget.volle_cyclus
gebruikers = test_querybudget.gebruikers

BUDGET = 15
ROLLEN = ["ministerie", "coa", "prt-secretaris", "gemeente"]
TERMIJNLIJSTEN = [
    ("ministerie", "/termijnen/alle/"),
    ("coa", "/termijnen/alle/"),
    ("ministerie", "/termijnen/"),
    ("prt-secretaris", "/termijnen/"),
    ("gemeente", "/termijnen/"),
    ("ministerie", "/api/v1/termijnen/"),
]


def _tel(client, url, *, herhalingen: int = 1) -> int:
    """Queries of the request after ``herhalingen`` earlier ones (per-process caches)."""
    for _ in range(herhalingen):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return len(vastgelegd.captured_queries)


def _een_en_vijftig(client, url, volle_cyclus, ministerie, **kwargs) -> tuple[int, int]:
    uitruilen_maken(volle_cyclus, ministerie, 1)
    een = _tel(client, url, **kwargs)
    uitruilen_maken(volle_cyclus, ministerie, 49, begin=1)
    assert Uitruil.objects.count() == 50
    return een, _tel(client, url, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_home_berekend_constant(client, zonder_cache, volle_cyclus, gebruikers, ministerie, rol):
    client.force_login(gebruikers[rol])
    een, vijftig = _een_en_vijftig(client, "/", volle_cyclus, ministerie)
    assert vijftig <= BUDGET, f"{rol}: {vijftig} queries"
    assert een == vijftig, f"{rol}: {een} queries with 1 open exchange, {vijftig} with 50"


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_home_herhaald_uit_de_cache(client, volle_cyclus, gebruikers, ministerie, rol):
    client.force_login(gebruikers[rol])
    # The second request finds tables the test never wrote without a write number (counts
    # as written now); from the third on the kept panels are served.
    een, vijftig = _een_en_vijftig(client, "/", volle_cyclus, ministerie, herhalingen=2)
    assert een == vijftig
    assert vijftig <= 3, f"{rol}: {vijftig} queries for a repeated home page"


@pytest.mark.django_db
@pytest.mark.parametrize(("rol", "url"), TERMIJNLIJSTEN)
def test_termijnlijst_constant(
    client, zonder_cache, volle_cyclus, gebruikers, ministerie, rol, url
):
    client.force_login(gebruikers[rol])
    een, vijftig = _een_en_vijftig(client, url, volle_cyclus, ministerie)
    assert vijftig <= BUDGET, f"{rol} {url}: {vijftig} queries"
    assert een == vijftig, f"{rol} {url}: {een} queries with 1 open exchange, {vijftig} with 50"


@pytest.mark.django_db
def test_termijnlijst_toont_de_termijnen(
    client, zonder_cache, volle_cyclus, gebruikers, ministerie
):
    """The measured pages really list the exchange terms (an empty page cannot pass)."""
    uitruilen_maken(volle_cyclus, ministerie, 50)
    client.force_login(gebruikers["ministerie"])
    antwoord = client.get("/termijnen/alle/")
    # computed when the fragment is drawn (``core.fragmenten.lui``: callables)
    pagina = antwoord.context["pagina"]()
    assert pagina.paginator.count >= 50
    assert len(antwoord.context["regels"]()) == 50
    assert "Uitruilvoorstel van" in antwoord.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["ministerie", "gemeente", "prt-secretaris"])
def test_home_uit_de_cache_volgt_de_gegevens(client, volle_cyclus, gebruikers, ministerie, rol):
    """A kept home page (its panels one cached fragment) is not served once a table it read
    is written."""
    client.force_login(gebruikers[rol])
    uitruilen_maken(volle_cyclus, ministerie, 2)
    # the ministry oversees the exchange terms: counted under "termijnen van anderen"
    telling = re.compile(
        r"termijnen van anderen \((\d+)\)" if rol == "ministerie" else r"Alle termijnen \((\d+)\)"
    )
    for _ in range(3):
        eerst = client.get("/").content.decode()
    voor = int(telling.search(eerst).group(1))
    uitruilen_maken(volle_cyclus, ministerie, 6, begin=2)  # new terms for every role
    na = int(telling.search(client.get("/").content.decode()).group(1))
    assert na > voor


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "naam"), [("prt-secretaris", "Gelderland"), ("gemeente", "Arnhem")]
)
def test_home_uit_de_cache_noemt_provincie_of_gemeente(
    client, volle_cyclus, gebruikers, ministerie, rol, naam
):
    """The header and introduction name the user's province or gemeente, also when the
    panels come from the cache (kept with them: no query of its own)."""
    client.force_login(gebruikers[rol])
    for _ in range(3):
        client.get("/")
    with CaptureQueriesContext(connection) as vastgelegd:
        inhoud = client.get("/").content.decode()
    assert naam in inhoud.split("<main", 1)[0]  # the header
    assert naam in inhoud.split("utrecht-paragraph--lead", 1)[1].split("</p>", 1)[0]
    assert not any(
        '"raming_provincie"' in q["sql"] or '"raming_gemeente"' in q["sql"]
        for q in vastgelegd.captured_queries
    )
