"""SQL queries per request are constant in the data size (issue #9): the check of
tests/performance/test_queries_api.py, test_queries_paginas.py and test_queries_beheer.py, the
cases' shape and what a response shows.

Every list-like page and every GET list endpoint of the API is built with 1 row and then with
50 rows of what it lists, and requested as the role that reads it. Both times the number of
queries must be the same and at most 15, the response must be 200 and it must really show the
1 or 50 rows (so an empty page cannot pass). Each size is measured twice after a first request
of the same client (per-process caches, session): with warm caches, the steady state that
``make bench`` measures, and with an empty cache, the first request after a change, when the
cached pages (published raming, exports) and the data cache read their rows.

Only the equality of the two counts and the budget are asserted, never an exact number: the
pages may get cheaper without a test to change.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from cachalot.api import invalidate
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from regietafels.models import Verdeelbesluit

from .bouwers_regietafels import b_besluitregels
from .omgeving import BUDGET, JAAR, VEEL, Maak, Omgeving


def tekst(response) -> str:
    inhoud = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    if "spreadsheetml" in response.get("Content-Type", ""):
        from openpyxl import load_workbook

        boek = load_workbook(io.BytesIO(inhoud), read_only=True)
        return "\n".join(
            " ".join("" if c is None else str(c) for c in rij)
            for blad in boek.worksheets
            for rij in blad.iter_rows(values_only=True)
        )
    return inhoud.decode("utf-8")


def markers(patroon: str = r"prf-(\d{3})") -> Callable:
    """The number of different rows shown: distinct matches of ``patroon``."""
    regex = re.compile(patroon)
    return lambda response: len(set(regex.findall(tekst(response))))


GEMEENTEN = markers(r"Prfgemeente (\d{3})")


def api_rijen(response) -> int:
    data = response.json()
    return len(data["results"] if isinstance(data, dict) else data)


def grootboek_provincie_rijen(response) -> int:
    return len(response.json()["bevestigde_uitruil"])


def grootboek_gemeente_rijen(response) -> int:
    return len({b["uitruil"] for taak in response.json()["taken"] for b in taak["boekingen"]})


def verlengde_termijnen(response) -> int:
    """Regietafels whose effective deadline is the extended one (so extensions were read)."""
    return sum(1 for r in response.json() if r["effectief"] != r["oorspronkelijk"])


def admin_rijen(response) -> int:
    return tekst(response).count('<th class="field-')


@dataclass(frozen=True)
class Geval:
    naam: str
    rol: str  # ministerie | superuser | token | gemeente-token | prt | anoniem
    opbouw: Callable[[Omgeving], tuple[str, Maak]]
    tellen: Callable
    vast: int | None = None  # rows shown regardless of the data size (instead of 1 / 50)


def url(url: str, builder) -> Callable[[Omgeving], tuple[str, Maak]]:
    return lambda o: (url, builder(o))


def verdeelbesluit_opbouw(pad: str, *, vastgesteld: bool = False, meldingen: bool = False):
    """A verdeelbesluit of the cycle (concept, or fixed on 1 December) whose rows (and
    realisation reports) grow; ``pad`` names its page or export."""

    def opbouw(o):
        besluit = Verdeelbesluit.objects.create(
            cyclus=o.cyclus,
            versie=1,
            status=Verdeelbesluit.Status.VASTGESTELD if vastgesteld else "concept",
            besluitdatum=dt.date(JAAR, 12, 1) if vastgesteld else None,
            aangemaakt_door=o.ministerie,
        )
        url = pad.format(pk=besluit.pk, jaar=JAAR)
        return url, b_besluitregels(o, besluit, meldingen=meldingen)

    return opbouw


def params(gevallen):
    return [pytest.param(g, id=g.naam) for g in gevallen]


def _inloggen(client, rol: str, o: Omgeving) -> dict:
    if rol.endswith("token"):
        gebruiker = o.gemeentegebruiker if rol == "gemeente-token" else o.ministerie
        return {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user=gebruiker)[1]}"}
    if rol == "superuser":
        o.ministerie.is_superuser = True
        o.ministerie.save(update_fields=["is_superuser"])
    if rol in ("ministerie", "superuser"):
        client.force_login(o.ministerie)  # with its confirmed TOTP device: 2FA verified
    elif rol == "prt":
        client.force_login(o.prt)
    return {}


def _meten(client, url: str, headers: dict) -> dict[str, tuple[list[str], object]]:
    """The queries of a request with warm caches (the steady state ``make bench`` measures)
    and of one with an empty cache (the first request after a change: computes everything)."""
    cache_legen()  # the rows changed: nothing cached from before may be served
    eerste = client.get(url, **headers)  # per-process caches, session
    assert eerste.status_code == 200, (url, eerste.status_code)
    metingen = {}
    for soort in ("warm", "koud"):
        if soort == "koud":
            cache_legen()
        with CaptureQueriesContext(connection) as vastgelegd:
            response = client.get(url, **headers)
        metingen[soort] = ([q["sql"] for q in vastgelegd.captured_queries], response)
    return metingen


def cache_legen() -> None:
    """Empty the cache as a write to every table would, and more: ``cache.clear()`` (this run's
    keys: query results, fragments, kept files, sessions) and cachalot's invalidation of every
    table. The test runs in a transaction, where cachalot keeps its results and invalidations in
    a layer of its own until the commit, which ``cache.clear()`` does not reach; ``invalidate()``
    does, and gives every table a new stamp (so no fragment key of before matches)."""
    cache.clear()
    invalidate()


def _vorm(sql: str) -> str:
    return re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "S", sql))[:300]


def _verschil(een: list[str], veel: list[str]) -> str:
    extra = Counter(map(_vorm, veel)) - Counter(map(_vorm, een))
    return "\n".join(f"  {n}x {sql}" for sql, n in extra.most_common(5))


def queries_constant_en_binnen_budget(client, ministerie, geval: Geval) -> None:
    """Built with 1 and then 50 rows, requested with warm and with empty caches: 200, every
    row shown, the same number of queries for both sizes and at most ``BUDGET``."""
    o = Omgeving(ministerie)
    url, maak = geval.opbouw(o)
    headers = _inloggen(client, geval.rol, o)
    per_grootte = []
    for van, tot in ((0, 1), (1, VEEL)):
        maak(van, tot)
        metingen = _meten(client, url, headers)
        for soort, (_queries, response) in metingen.items():
            assert response.status_code == 200, (url, soort, response.status_code)
            assert geval.tellen(response) == (geval.vast or tot), f"{url} ({soort}): rows shown"
        per_grootte.append(metingen)
    een, veel = per_grootte
    print(
        f"queries {geval.naam}: warm {len(een['warm'][0])} / {len(veel['warm'][0])}, "
        f"koud {len(een['koud'][0])} / {len(veel['koud'][0])}"
    )
    for soort in ("warm", "koud"):
        weinig, vijftig = een[soort][0], veel[soort][0]
        assert len(vijftig) == len(weinig), (
            f"{url} ({soort} cache): {len(weinig)} queries with 1 row, {len(vijftig)} with "
            f"{VEEL}; repeated:\n" + _verschil(weinig, vijftig)
        )
        assert len(vijftig) <= BUDGET, f"{url} ({soort} cache): {len(vijftig)} queries > {BUDGET}"
