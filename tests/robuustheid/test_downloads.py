"""Every download (CSV, xlsx, iCalendar, PDF) answers bad parameters without a server error.

The downloads are found in the URLconf, not listed, so a new export is covered at once: every
route ending in .csv, .xlsx, .ics or .pdf (or in such a path segment) and every route of the
documents app. Each is requested as every role with its path parameters filled with usable and
with unusable values (a number beyond any column, text where a code is expected, a very long
value) and with query strings that give every parameter name the exports read an unusable
value (text for a year, 20+ digits, negative, a NUL byte, repeated)."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.inzicht.conftest import (  # noqa: F401 (fixtures)
    cijfers,
    kaartbestand,
    referentiegegevens,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

DOWNLOAD = re.compile(r"[./](csv|xlsx|ics|pdf)/?\$?$|^\^?documenten/")
PARAMETERS = (
    "cyclus",
    "jaar",
    "s",
    "basis",
    "provincie",
    "gemeente",
    "status",
    "sorteer",
    "zoek",
    "q",
    "niveau",
    "versie",
    "raming",
    "pagina",
    "van",
    "tot",
)
SLECHT = ("abc", "99999999999999999999999", "-1", "0", "a\x00b", "2024-13-45", "x" * 3000)
PADWAARDEN = {
    "int": ("2024", "99999999999999999999999", "0"),
    "str": ("PV25", "gemeenten", "x" * 500, "abc"),
    "slug": ("gelderland", "bestaat-niet"),
    "path": ("abc",),
}


def _downloads(resolver=None, prefix="") -> list[str]:
    """The route of every download in the URLconf (Django's path syntax, converters kept)."""
    uitkomst = []
    for patroon in (resolver or get_resolver()).url_patterns:
        route = prefix + str(patroon.pattern)
        if isinstance(patroon, URLResolver):
            uitkomst += _downloads(patroon, route)
        elif isinstance(patroon, URLPattern) and DOWNLOAD.search(route):
            uitkomst.append(route)
    return uitkomst


def _paden(route: str) -> list[str]:
    assert "(?P" not in route, f"een download met een regex-route: {route}"
    delen = re.split(r"<(?:(\w+):)?(\w+)>", route.lstrip("^"))
    vast, namen = delen[0::3], delen[1::3]
    keuzes = [PADWAARDEN[soort or "str"] for soort in namen]
    return [
        "/" + "".join(v + w for v, w in zip(vast, (*combinatie, ""), strict=True))
        for combinatie in itertools.product(*keuzes)
    ]


def test_downloads_gevonden():
    routes = _downloads()
    assert len(routes) >= 8, routes
    assert any(r.endswith(".ics") for r in routes) and any(".xlsx" in r for r in routes)


@pytest.mark.usefixtures("kaartbestand", "cijfers")
@pytest.mark.parametrize(
    "rol", ["anoniem", "ministerie", "coa", "prt_gelderland", "gemeente_arnhem"]
)
def test_downloads_met_slechte_parameters(client, rol, request):
    if rol != "anoniem":
        client.force_login(request.getfixturevalue(rol))
    fouten = []
    aangevraagd = 0
    queries = [urlencode({naam: waarde for naam in PARAMETERS}) for waarde in SLECHT]
    queries.append(urlencode([(naam, w) for naam in PARAMETERS for w in SLECHT[:3]]))
    for route in _downloads():
        # the bad query strings on the usable path; every other path once without a query
        for n, pad in enumerate(_paden(route)):
            for query in ["", *queries] if n == 0 else [""]:
                antwoord = client.get(f"{pad}?{query}" if query else pad)
                aangevraagd += 1
                if antwoord.status_code >= 500:
                    fouten.append(f"{pad}?{query[:80]} → {antwoord.status_code}")
    assert aangevraagd > 50
    assert not fouten, "\n".join(fouten)
