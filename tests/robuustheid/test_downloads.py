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


FORMULE = '=HYPERLINK("http://x.example","klik")'


def _cellen(antwoord) -> list[str]:
    """Every text cell of a CSV or xlsx answer (and an xlsx sheet's title)."""
    import csv
    import io

    from openpyxl import load_workbook

    from core.exports import veilige_cel

    soort = antwoord.get("Content-Type", "")
    inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    if "spreadsheetml" in soort:
        boek = load_workbook(io.BytesIO(inhoud))
        cellen = [blad.title for blad in boek.worksheets]
        for blad in boek.worksheets:
            for rij in blad.iter_rows():
                for cel in rij:
                    if cel.data_type == "f":
                        # the workbook's own sums (=D2+E2+F2) are meant; a function is not
                        if re.search(r"[A-Za-z]+\(", str(cel.value)):
                            cellen.append(f"=formule in {blad.title}!{cel.coordinate}")
                    elif isinstance(cel.value, str) and cel.number_format != "@":
                        cellen.append(cel.value)
                    elif isinstance(cel.value, str):
                        # a cell formatted as text: a spreadsheet program keeps it text, also
                        # when it is edited (the verslag workbook's remarks, read back on upload)
                        cellen.append(veilige_cel(cel.value))
        return cellen
    if "csv" in soort:
        tekst = inhoud.decode("utf-8-sig", errors="replace")
        scheiding = ";" if tekst.count(";") > tekst.count(",") else ","
        return [c for rij in csv.reader(io.StringIO(tekst), delimiter=scheiding) for c in rij]
    return []


def _formule(cel: str) -> bool:
    if cel[:1] in ("=", "+", "@", "\t", "\r"):
        return True
    return cel[:1] == "-" and not re.fullmatch(r"-[\d.,]+", cel)


@pytest.mark.usefixtures("kaartbestand", "cijfers")
@pytest.mark.parametrize("rol", ["ministerie", "prt_gelderland"])
def test_geen_formule_in_een_download(client, rol, request):
    """Every free text stored (each text column of every table) is a formula; no CSV or xlsx
    download hands one to a spreadsheet program as a formula."""
    from django.apps import apps
    from django.db import DatabaseError, models, transaction

    for model in apps.get_models():
        velden = [
            v.name
            for v in model._meta.concrete_fields
            if isinstance(v, models.TextField) and not v.choices and not v.unique
        ]
        if velden and not model._meta.proxy:
            try:
                with transaction.atomic():
                    model._base_manager.update(**dict.fromkeys(velden, FORMULE))
            except DatabaseError:
                continue  # an append-only table (the audit trail) refuses; rightly
    client.force_login(request.getfixturevalue(rol))
    fouten, gezien = [], 0
    for route in _downloads():
        if not re.search(r"csv|xlsx", route):
            continue
        pad = _paden(route)[0]
        antwoord = client.get(pad)
        if antwoord.status_code != 200:
            continue
        for cel in _cellen(antwoord):
            gezien += FORMULE in cel
            if _formule(cel):
                fouten.append(f"{pad}: {cel[:80]!r}")
    assert gezien, "geen download met de opgeslagen tekst"
    assert not fouten, "\n".join(fouten)
