"""A crawl as each role from the home page, following every link (GET, same site): no page
answers 5xx, 403 or 404 to a link the same user was shown. (The axe-core check over these page
types at 1280 px is tests/browser/test_a11y.py.)"""

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
MAX_PAGINAS = 400


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def _type(pad: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/<n>", pad)


def _kruip(client) -> tuple[list[str], int]:
    fouten, bezocht, per_type = [], 0, {}
    gezien = {"/"}
    wachtrij = deque([("/", "start")])
    while wachtrij and bezocht < MAX_PAGINAS:
        pad, van = wachtrij.popleft()
        soort = _type(urlparse(pad).path)
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
    return fouten, bezocht


@pytest.mark.usefixtures("kaartbestand", "cijfers")
@pytest.mark.parametrize("rol", ["ministerie", "coa", "prt_gelderland", "gemeente_arnhem"])
def test_elke_link_werkt_voor_wie_hem_ziet(client, rol, request):
    client.force_login(request.getfixturevalue(rol))
    fouten, bezocht = _kruip(client)
    assert bezocht >= 5
    assert not fouten, "\n".join(fouten)
