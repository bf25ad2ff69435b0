"""A crawl as each role from the home page, following every link (GET, same site): no page
answers 5xx, 403 or 404 to a link the same user was shown. (The axe-core check over these page
types at 1280 and 375 px is tests/browser/test_a11y.py.)

Every link found is followed to its kind of page: pages that differ only in a number, or in a
gemeente of the same province, are one kind, and up to two of each kind are fetched (the
province is kept, since what a role may see differs per province). The crawl must end
because every link was followed, not because it hit its limit."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest

from tests.inzicht.conftest import (  # noqa: F401 (fixtures)
    cijfers,
    kaartbestand,
    referentiegegevens,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

OVERSLAAN = re.compile(r"^/(beheer|api)/|/uitloggen/|/oidc/|/bijlagen/\d+")
MAX_PER_TYPE = 2
MAX_PAGINAS = 900


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _gemeenten() -> dict[str, str]:
    """A gemeente's slug and CBS code → its province's code."""
    from raming.models import Gemeente, Provincie

    provincies = set(Provincie.objects.values_list("slug", flat=True))
    uit = {}
    for slug, code, provincie in Gemeente.objects.values_list("slug", "code", "provincie__code"):
        uit[code] = provincie
        if slug not in provincies:
            uit[slug] = provincie
    return uit


def _type(pad: str, gemeenten: dict[str, str]) -> str:
    delen = re.sub(r"/\d+(?=/|$)", "/<n>", pad).split("/")
    return "/".join(f"<gemeente {gemeenten[d]}>" if d in gemeenten else d for d in delen)


def _kruip(client, start: list[str]) -> tuple[list[str], int]:
    gemeenten = _gemeenten()
    fouten, bezocht, per_type = [], 0, {}
    gezien = set(start)
    wachtrij = deque((pad, "start") for pad in start)
    while wachtrij and bezocht < MAX_PAGINAS:
        pad, van = wachtrij.popleft()
        soort = _type(urlparse(pad).path, gemeenten)
        if per_type.get(soort, 0) >= MAX_PER_TYPE:
            continue
        per_type[soort] = per_type.get(soort, 0) + 1
        antwoord = client.get(pad)
        bezocht += 1
        if antwoord.status_code >= 500 or antwoord.status_code in (403, 404, 405):
            fouten.append(f"{pad} → {antwoord.status_code} (link op {van})")
            continue
        if "text/html" not in antwoord.get("Content-Type", ""):
            continue
        lezer = _Links()
        lezer.feed(antwoord.content.decode())
        for href in lezer.links:
            href, _ = urldefrag(href)
            doel = urlparse(href)
            if doel.scheme or doel.netloc or not doel.path.startswith("/"):
                continue
            volledig = doel.path + (f"?{doel.query}" if doel.query else "")
            if OVERSLAAN.search(doel.path) or volledig in gezien:
                continue
            gezien.add(volledig)
            wachtrij.append((volledig, pad))
    assert not wachtrij, f"na {bezocht} pagina's nog {len(wachtrij)} links niet gevolgd"
    return fouten, bezocht


@pytest.fixture
def prt_flevoland(db):
    """The secretary of a province without a verslag in the cycle."""
    from accounts.models import Rol
    from raming.models import Provincie
    from tests.factories import GebruikerFactory

    return GebruikerFactory(
        username="t-prt-flevoland",
        rol=Rol.PRT_SECRETARIS,
        provincie=Provincie.objects.get(code="PV24"),
    )


@pytest.mark.usefixtures("kaartbestand", "cijfers")
@pytest.mark.parametrize(
    "rol",
    ["anoniem", "ministerie", "coa", "prt_gelderland", "prt_flevoland", "gemeente_arnhem"],
)
def test_elke_link_werkt_voor_wie_hem_ziet(client, rol, request):
    if rol != "anoniem":
        client.force_login(request.getfixturevalue(rol))
    # a visitor who is not signed in is sent from the home page to the sign-in page
    fouten, bezocht = _kruip(client, ["/", "/account/inloggen/"] if rol == "anoniem" else ["/"])
    assert bezocht >= 5
    assert not fouten, "\n".join(fouten)
