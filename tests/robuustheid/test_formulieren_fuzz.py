"""Every HTML form a role reaches, posted with malformed values: never a server error, and a
form that comes back with errors shows what was typed.

The forms are found, not listed: as each role the test follows every link from the home page
(as tests/robuustheid/test_kruipen.py does) and reads every ``<form method="post">`` on the
pages it reaches, with its fields as the page renders them (hidden fields, management forms of
formsets, selects, checkboxes). A new form is covered without touching this file.

Each form is posted once per kind of bad input, the value put in every field a user types in
(text, number, date, textarea; selects get it too): a number beyond any column (20+ digits),
one below a column's minimum, a far future and a far past date, a NUL byte, a formula with
non-ASCII text, empty, very long, and the formset management fields left out (those hidden
fields are the only ones changed). Hidden fields otherwise keep their values, so the request
reaches the form's validation instead of stopping at a missing id.

Then each form is posted HYPOTHESIS_VOORBEELDEN more times with values hypothesis draws per
field from its type (derandomized, so every run sends the same): for a number field integers
far beyond any column (either sign) and numbers in other notations, for a date field any date
from 0001 to 9999 in several notations, for a text field any printable text, formulas, NUL and
other control characters and very long text, for a select a value it does not offer.

Checks per post: the status is below 500; where the page comes back with an error (the error
summary or a field marked invalid), every value typed in a text, number or date field or a
textarea is in the page again (HTML-escaped), so nothing typed is lost. Passwords and files
are not re-shown by design and are left out. Values with control characters (refused with a
message) and empty values are not looked for."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.inzicht.conftest import (  # noqa: F401 (fixtures)
    cijfers,
    kaartbestand,
    referentiegegevens,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

OVERSLAAN = re.compile(r"^/(beheer|api|static)/|/uitloggen/|/oidc/|/bijlagen/\d+")
MAX_PER_TYPE = 1
MAX_PAGINAS = 250
TYPVELDEN = {"text", "number", "date", "email", "search", "tel", "url", "textarea", ""}
BEHEERVELDEN = re.compile(r"-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)$")

SOORTEN = {
    "te-groot": "99999999999999999999999",
    "te-klein": "-2147483649",
    "verre-toekomst": "31-12-9999",
    "ver-verleden": "01-01-0001",
    "nul-teken": "ab\x00cd",
    "formule": '=HYPERLINK("http://x.example","klik") Ærø €',
    "leeg": "",
    "lang": "lang " * 4000,
}
ZONDER_BEHEER = "zonder-beheervelden"
HYPOTHESIS_VOORBEELDEN = 4
BESTURING = re.compile(r"[\x00-\x1f\x7f]")


def _datumtekst(datum: dt.date, vorm: str) -> str:
    return vorm.format(j=f"{datum.year:04d}", m=f"{datum.month:02d}", d=f"{datum.day:02d}")


_GETAL = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["2147483648", "9223372036854775808", "-0", "1e400", "NaN", "1.5", "0x10"]),
)
_DATUM = st.one_of(
    st.builds(
        _datumtekst,
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.sampled_from(["{j}-{m}-{d}", "{d}-{m}-{j}", "{d}/{m}/{j}", "{j}{m}{d}"]),
    ),
    st.sampled_from(["2024-02-30", "0000-00-00", "31-12-99999", "9999-12-31T23:59"]),
)
_TEKST = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["=1+1", "@SUM(A1)", "+31", '=HYPERLINK("http://x.example")', "a\x00b"]),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=3).map(
        lambda t: t * 2000
    ),
)


@dataclass
class Veld:
    naam: str
    soort: str
    waarde: str
    aan: bool = True


@dataclass
class Formulier:
    actie: str
    velden: list[Veld] = field(default_factory=list)


class _Lezer(HTMLParser):
    """The links and the POST forms of a page, with their fields."""

    def __init__(self, pad: str):
        super().__init__(convert_charrefs=True)
        self.pad = pad
        self.links: list[str] = []
        self.formulieren: list[Formulier] = []
        self._formulier: Formulier | None = None
        self._select: Veld | None = None
        self._textarea: Veld | None = None
        self._knop = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._formulier = Formulier(actie=a.get("action") or self.pad)
        elif self._formulier is None or not a.get("name"):
            return
        elif tag == "input":
            soort = (a.get("type") or "text").lower()
            if soort in ("submit", "image", "button", "reset"):
                if not self._knop:
                    self._knop = True
                    self._formulier.velden.append(Veld(a["name"], "knop", a.get("value") or ""))
                return
            aan = soort not in ("checkbox", "radio") or "checked" in a
            self._formulier.velden.append(Veld(a["name"], soort, a.get("value") or "", aan))
        elif tag == "button" and (a.get("type") or "submit") == "submit" and not self._knop:
            self._knop = True
            self._formulier.velden.append(Veld(a["name"], "knop", a.get("value") or ""))
        elif tag == "select":
            self._select = Veld(a["name"], "select", "")
            self._formulier.velden.append(self._select)
        elif tag == "option" and self._select is not None:
            if not self._select.waarde or "selected" in a:
                self._select.waarde = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = Veld(a["name"], "textarea", "")
            self._formulier.velden.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.waarde += data

    def handle_endtag(self, tag):
        if tag == "form" and self._formulier is not None:
            self.formulieren.append(self._formulier)
            self._formulier, self._knop = None, False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _type(pad: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/<n>", pad)


def _formulieren_vinden(client) -> dict[tuple, tuple[str, Formulier]]:
    """Every distinct POST form reachable by links from the home page: (page, form) keyed by
    the kind of action URL and the field names."""
    gevonden: dict[tuple, tuple[str, Formulier]] = {}
    per_type: dict[str, int] = {}
    gezien = {"/"}
    wachtrij = deque(["/"])
    bezocht = 0
    while wachtrij and bezocht < MAX_PAGINAS:
        pad = wachtrij.popleft()
        soort = _type(urlparse(pad).path)
        if per_type.get(soort, 0) >= MAX_PER_TYPE:
            continue
        per_type[soort] = per_type.get(soort, 0) + 1
        antwoord = client.get(pad, follow=True)
        bezocht += 1
        if antwoord.status_code != 200 or "text/html" not in antwoord.get("Content-Type", ""):
            continue
        if antwoord.redirect_chain:
            doel = urlparse(antwoord.redirect_chain[-1][0])
            pad = doel.path + (f"?{doel.query}" if doel.query else "")
        lezer = _Lezer(pad)
        lezer.feed(antwoord.content.decode())
        for formulier in lezer.formulieren:
            doel = urlparse(formulier.actie)
            if doel.netloc or OVERSLAAN.search(doel.path or pad):
                continue
            sleutel = (_type(doel.path or pad), tuple(sorted({v.naam for v in formulier.velden})))
            gevonden.setdefault(sleutel, (pad, formulier))
        for href in lezer.links:
            href, _ = urldefrag(href)
            doel = urlparse(href)
            if doel.scheme or doel.netloc or not doel.path.startswith("/"):
                continue
            volledig = doel.path + (f"?{doel.query}" if doel.query else "")
            if OVERSLAAN.search(doel.path) or volledig in gezien:
                continue
            gezien.add(volledig)
            wachtrij.append(volledig)
    return gevonden


def _gegevens(formulier: Formulier, soort: str) -> tuple[dict[str, list[str]], list[Veld]]:
    """The POST data for one kind of bad input, and the typed fields that carry it."""
    data: dict[str, list[str]] = {}
    getypt = []
    for veld in formulier.velden:
        if not veld.aan or veld.soort == "file":
            continue
        waarde = veld.waarde
        if soort == ZONDER_BEHEER:
            if BEHEERVELDEN.search(veld.naam):
                continue
        elif veld.soort in TYPVELDEN or veld.soort == "select":
            waarde = SOORTEN[soort]
            if veld.soort != "select":
                getypt.append(veld)
        data.setdefault(veld.naam, []).append(waarde)
    return data, getypt


def _strategie(veld: Veld):
    if veld.soort == "number":
        return _GETAL
    if veld.soort == "date":
        return _DATUM
    if veld.soort == "select":
        return st.sampled_from([veld.waarde, "onzin", "9" * 25])
    return st.one_of(_TEKST, _GETAL, _DATUM)


def _getrokken(client, gebruiker, actie: str, pad: str, formulier: Formulier, fouten: list):
    """HYPOTHESIS_VOORBEELDEN posts of ``formulier`` with values drawn per field."""
    velden = [
        v
        for v in formulier.velden
        if v.aan
        and v.soort != "file"
        and (v.soort in TYPVELDEN or v.soort == "select")
        and not BEHEERVELDEN.search(v.naam)
    ]
    if not velden:
        return
    namen = sorted({v.naam for v in velden})
    eerste = {v.naam: v for v in reversed(velden)}

    @hsettings(
        max_examples=HYPOTHESIS_VOORBEELDEN,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({naam: _strategie(eerste[naam]) for naam in namen}))
    def post(waarden):
        data: dict[str, list[str]] = {}
        for veld in formulier.velden:
            if veld.aan and veld.soort != "file":
                data.setdefault(veld.naam, []).append(waarden.get(veld.naam, veld.waarde))
        if gebruiker is not None:
            client.force_login(gebruiker)
        antwoord = client.post(actie, data)
        waar = f"{actie} (formulier op {pad}, getrokken {waarden!r:.300})"
        if antwoord.status_code >= 500:
            fouten.append(f"{waar} → {antwoord.status_code}")
            return
        html = antwoord.content.decode(errors="replace")
        if antwoord.status_code not in (200, 400, 409, 422) or not _met_fout(html):
            return
        kwijt = [
            naam
            for naam in namen
            if eerste[naam].soort != "select"
            and waarden[naam].strip()
            and not BESTURING.search(waarden[naam])
            and escape(waarden[naam]) not in html
        ]
        if kwijt:
            fouten.append(f"{waar}: ingevulde waarde niet terug in {', '.join(kwijt)}")

    post()


def _met_fout(html: str) -> bool:
    return "data-foutsamenvatting" in html or "utrecht-form-field--invalid" in html


@pytest.fixture
def huidige_cyclus(cijfers, gemeenten, prt_gelderland):  # noqa: F811 (the imported fixture)
    """Beside the finished 2024 cycle, a running one with Gelderland's verslag in draft, so
    the forms of a cycle in progress are reached too."""
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming

    raming = _maak_raming(2026)
    verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV25"),
        cyclus=raming.cyclus,
        door=prt_gelderland,
    )
    return raming.cyclus


@pytest.mark.usefixtures("kaartbestand", "huidige_cyclus")
@pytest.mark.parametrize(
    "rol", ["anoniem", "ministerie", "coa", "prt_gelderland", "gemeente_arnhem"]
)
def test_elk_formulier_met_slechte_invoer(client, rol, request):
    gebruiker = None if rol == "anoniem" else request.getfixturevalue(rol)
    if gebruiker is not None:
        client.force_login(gebruiker)
    formulieren = _formulieren_vinden(client)
    assert formulieren, "geen formulier gevonden"
    fouten: list[str] = []
    for pad, formulier in formulieren.values():
        actie = formulier.actie if urlparse(formulier.actie).path else pad
        for soort in [*SOORTEN, ZONDER_BEHEER]:
            if gebruiker is not None:
                client.force_login(gebruiker)  # an earlier post may have ended the session
            data, getypt = _gegevens(formulier, soort)
            antwoord = client.post(actie, data)
            waar = f"{actie} (formulier op {pad}, {soort})"
            if antwoord.status_code >= 500:
                fouten.append(f"{waar} → {antwoord.status_code}")
                continue
            if antwoord.status_code not in (200, 400, 409, 422):
                continue
            html = antwoord.content.decode(errors="replace")
            if not _met_fout(html) or soort in ("nul-teken", "leeg"):
                continue
            kwijt = [v.naam for v in getypt if escape(SOORTEN[soort]) not in html]
            if kwijt:
                fouten.append(f"{waar}: ingevulde waarde niet terug in {', '.join(kwijt)}")
        _getrokken(client, gebruiker, actie, pad, formulier, fouten)
    assert not fouten, f"{len(formulieren)} formulieren; " + "\n".join(fouten)
