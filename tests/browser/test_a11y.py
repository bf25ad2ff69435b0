"""Accessibility: axe-core (static/vendor-test/axe.min.js, vendored by
scripts/vendor-frontend.sh) over every page type, per role, on the system Chromium.

Pages are found by following the links from each role's start page (GET only, same site),
so a page added later is checked without editing this file. Page *types* are visited once per
role: /ramingen/3/ and /ramingen/4/ are one type. The error pages (403, 404, 500) are added
explicitly. A page passes when axe reports no violation of WCAG 2.0/2.1 level A or AA, at
1280 and at 375 px wide.
"""

from __future__ import annotations

import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from tests.inzicht.conftest import (  # noqa: F401 (fixtures)
    cijfers,
    kaartbestand,
    referentiegegevens,
)
from tests.inzicht.hulp import sessie_inloggen

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(settings.BASE_DIR) / "static" / "vendor-test" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_PAGINAS = 150
BREEDTES = (1280, 375)

# Never followed: the admin (Django's own), the API and its docs, signing out, and
# anything that changes state or downloads a file (the documents of /documenten/ are PDFs and
# zips without a suffix; only a bundle's progress page there is HTML).
OVERSLAAN = re.compile(
    r"^/(beheer|api)/|/uitloggen/|/oidc/|\.(csv|xlsx|ics|pdf|json|yaml)$|/download/|/bijlagen/\d+"
    r"|^/documenten/(?!bundels/\d+/$)"
)


def _paginatype(pad: str, slugs: set[str]) -> str:
    delen = []
    for deel in pad.strip("/").split("/"):
        if deel.isdigit():
            delen.append("<n>")
        elif deel in slugs:
            delen.append("<slug>")
        else:
            delen.append(deel)
    return "/" + "/".join(delen)


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    resultaat = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({
                    target: n.target.join(' '), html: n.html.slice(0, 200),
                    summary: (n.failureSummary || '').slice(0, 300)
                }))
            }));
        }""",
        WCAG_TAGS,
    )
    return resultaat


def _axe_breedtes(page) -> list[dict]:
    """axe at every width of ``BREEDTES``, each violation tagged with its width."""
    uitkomst = []
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        uitkomst += [{**v, "help": f"{v['help']} ({breedte} px)"} for v in _axe(page)]
    page.set_viewport_size({"width": BREEDTES[0], "height": 900})
    return uitkomst


def _controleer_site(
    page, live_server, startpaden: list[str], slugs: set[str], bezochte: list[str] | None = None
) -> dict:
    """Crawl from ``startpaden`` and run axe on each new page type: {url: violations}."""
    basis = live_server.url
    gezien_types: set[str] = set()
    wachtrij = deque(startpaden)
    bevindingen: dict[str, list] = {}
    bezocht = 0
    while wachtrij and bezocht < MAX_PAGINAS:
        pad = wachtrij.popleft()
        soort = _paginatype(pad, slugs)
        if soort in gezien_types or OVERSLAAN.search(pad):
            continue
        gezien_types.add(soort)
        antwoord = page.goto(basis + pad)
        if antwoord is None or "text/html" not in (antwoord.headers.get("content-type") or ""):
            continue
        bezocht += 1
        if bezochte is not None:
            bezochte.append(f"{pad} ({antwoord.status})")
        eind = urlparse(page.url).path
        if eind != pad:
            gezien_types.add(_paginatype(eind, slugs))
        # at the desktop width, then at 375 px (a phone; WCAG 1.4.10 reflow), the same page
        # re-laid out without reloading
        for breedte in BREEDTES:
            page.set_viewport_size({"width": breedte, "height": 900})
            overtredingen = _axe(page)
            if overtredingen:
                bevindingen[f"{pad} ({antwoord.status}, {breedte} px)"] = overtredingen
        page.set_viewport_size({"width": BREEDTES[0], "height": 900})
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            href, _frag = urldefrag(href)
            doel = urlparse(href)
            if f"{doel.scheme}://{doel.netloc}" != basis or not doel.path:
                continue
            if _paginatype(doel.path, slugs) not in gezien_types:
                wachtrij.append(doel.path)
    assert bezocht > 0
    # every kind of page a link led to was checked, not only the first MAX_PAGINAS
    rest = {_paginatype(p, slugs) for p in wachtrij if not OVERSLAAN.search(p)} - gezien_types
    assert not rest, f"na {bezocht} pagina's niet gecontroleerd: {sorted(rest)}"
    return bevindingen


def _slugs() -> set[str]:
    from raming.models import Gemeente, Provincie

    return set(Provincie.objects.values_list("slug", flat=True)) | set(
        Gemeente.objects.values_list("slug", flat=True)
    )


def _rapport(bevindingen: dict) -> str:
    regels = []
    for url, overtredingen in bevindingen.items():
        for v in overtredingen:
            regels.append(f"{url}: [{v['impact']}] {v['id']}: {v['help']}")
            for n in v["nodes"]:
                regels.append(f"    {n['target']}  {n['html']}")
    return "\n".join(regels)


@pytest.fixture
def axe_context(browser):
    # Playwright injects axe as an inline script, which the site's CSP rightly blocks.
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    yield context
    context.close()


ROLLEN = ["ministerie", "coa", "prt_gelderland", "gemeente_arnhem"]
STARTPADEN_ANONIEM = [
    "/account/inloggen/",
    "/raming/openbaar/",
    "/inzicht/openbaar/kaart/",
    "/bestaat-niet/",
]
STARTPADEN_INGELOGD = ["/", "/inzicht/", "/inzicht/provincie/PV25/", "/account/profiel/"]


def _foutpaginas(page, live_server) -> dict:
    """403 (a gemeente user on the insight pages), 404, and the standalone 500 page."""
    bevindingen = {}
    antwoord = page.goto(f"{live_server.url}/inzicht/")
    assert antwoord.status == 403
    bevindingen["403 /inzicht/"] = _axe_breedtes(page)
    antwoord = page.goto(f"{live_server.url}/bestaat-echt-niet/")
    assert antwoord.status == 404
    bevindingen["404 /bestaat-echt-niet/"] = _axe_breedtes(page)
    html = render_to_string("500.html")
    page.route(
        f"{live_server.url}/__500",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    page.goto(f"{live_server.url}/__500")
    assert page.locator("h1").inner_text() == "Er ging iets mis"
    bevindingen["500"] = _axe_breedtes(page)
    return {k: v for k, v in bevindingen.items() if v}


@pytest.mark.usefixtures("kaartbestand", "cijfers")
def test_axe_over_elk_paginatype_per_rol(axe_context, live_server, request, tmp_path):
    """One test for all roles: the data (342 gemeenten, a whole cycle) is built once."""
    page = axe_context.new_page()
    page.set_default_timeout(20000)
    slugs = _slugs()
    alles: dict[str, dict] = {}
    bezochte: dict[str, list[str]] = {rol: [] for rol in ["anoniem", *ROLLEN]}
    alles["anoniem"] = _controleer_site(
        page, live_server, STARTPADEN_ANONIEM, slugs, bezochte["anoniem"]
    )
    for rol in ROLLEN:
        user = request.getfixturevalue(rol)
        sessie_inloggen(axe_context, live_server, user)
        alles[rol] = _controleer_site(page, live_server, STARTPADEN_INGELOGD, slugs, bezochte[rol])
    alles["foutpaginas"] = _foutpaginas(page, live_server)
    (tmp_path / "axe.json").write_text(
        json.dumps({"bezocht": bezochte, "overtredingen": alles}, indent=2)
    )
    # every role reached more than its start pages
    assert all(len(paden) >= 3 for paden in bezochte.values()), bezochte
    gevonden = {f"{rol}: {url}": v for rol, per_url in alles.items() for url, v in per_url.items()}
    assert not gevonden, "axe vond WCAG-overtredingen:\n" + _rapport(gevonden)
