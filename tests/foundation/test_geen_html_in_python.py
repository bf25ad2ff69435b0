"""No markup is built in Python: HTML and SVG live in templates (the house rule, issue #16).

Every string literal of the project's own Python code (every app, ``config``, ``bench`` and
``manage.py``; tests and migrations aside) is read with ``tokenize``, so prose in comments does
not count but any literal tag does, in f-strings too (Python 3.12 splits those into parts of
their own). The names that mark a string as safe HTML or build it may not be used at all. A
case that must stay is listed in ``UITZONDERINGEN`` with its reason; there is none today. And
no HTML template lets markup from Python through: no ``|safe``, ``|safeseq`` or
``{% autoescape off %}`` (the plain-text mail templates, ``.txt``, switch escaping off rightly).
"""

import io
import os
import re
import tokenize
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASIS = Path(settings.BASE_DIR)
NIET_DOORZOCHT = {"tests", "migrations", "node_modules", "var", "static", "__pycache__"}

# a tag: "<" and the name of an element of HTML or of the SVG the charts draw ("template" is
# left out: a placeholder such as ``<template>.txt`` reads the same)
ELEMENTEN = """
a abbr address area article aside audio b bdi bdo blockquote body br button canvas caption cite
code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
legend li link main map mark menu meta meter nav noscript object ol optgroup option output p
picture pre progress q rp rt ruby s samp script search section select small source span strong
style sub summary sup table tbody td textarea tfoot th thead time title tr track u ul var video
wbr
svg g path rect line circle ellipse polygon polyline text tspan textPath desc defs pattern use
symbol marker clipPath mask linearGradient radialGradient stop image foreignObject
""".split()
TAG = re.compile(
    r"</?(" + "|".join(sorted(ELEMENTEN, key=len, reverse=True)) + r")(?=[\s/>])",
    re.IGNORECASE,
)
VERBODEN_NAMEN = {
    "mark_safe",
    "SafeString",
    "SafeText",
    "SafeData",
    "format_html",
    "format_html_join",
    "html_safe",
    "__html__",
}
TEKSTDELEN = {tokenize.STRING} | (
    {tokenize.FSTRING_MIDDLE} if hasattr(tokenize, "FSTRING_MIDDLE") else set()
)

ONGEESCAPET = re.compile(r"\|\s*safe(seq)?\b|\{%\s*autoescape\s+off")

# path relative to the project → (a piece of the literal, why it may stay)
UITZONDERINGEN: dict[str, tuple[str, str]] = {}


def _bronbestanden() -> list[Path]:
    bestanden = []
    for map_, mappen, namen in os.walk(BASIS):
        mappen[:] = [m for m in mappen if not m.startswith(".") and m not in NIET_DOORZOCHT]
        bestanden += [Path(map_) / n for n in namen if n.endswith(".py")]
    return bestanden


def _overtredingen(bron: str) -> list[str]:
    gevonden = []
    for token in tokenize.generate_tokens(io.StringIO(bron).readline):
        if token.type in TEKSTDELEN and TAG.search(token.string):
            gevonden.append(f"regel {token.start[0]}: {token.string[:60]}")
        elif token.type == tokenize.NAME and token.string in VERBODEN_NAMEN:
            gevonden.append(f"regel {token.start[0]}: {token.string}")
    return gevonden


def test_de_controle_vindt_opmaak_in_python():
    assert _overtredingen("x = f'<svg viewBox=\"{b}\">'\n")
    assert _overtredingen("x = f'{a}<td class=\"getal\">{b}</td>'\n")
    assert _overtredingen("x = '<td>' + y\n")
    assert _overtredingen("x = '<b>%s</b>' % y\n")
    assert _overtredingen("x = '<a href=\"{}\">{}</a>'.format(u, t)\n")
    assert _overtredingen("x = b'<html><body>'\n")
    assert _overtredingen("x = '<LinearGradient id=\"v\"/>'\n")
    assert _overtredingen("from django.utils.safestring import mark_safe\n")
    assert _overtredingen("from django.utils.html import format_html\n")
    assert _overtredingen("def __html__(self):\n    return self.x\n")
    assert not _overtredingen(
        "# a <div> in a comment\nx = 'regel-<gemeente>-<veld>'\n"
        "path('<int:pk>/<slug:slug>/', v)\ny = '``<template>.txt``'\nz = 'a < b > c'\n"
    )


def _eigen_apps() -> list[Path]:
    """The project's own apps: under the project's directory, but not in a virtualenv kept
    there (``.venv``, which a fresh checkout's ``make`` creates inside the project)."""
    eigen = []
    for app in apps.get_app_configs():
        pad = Path(app.path).resolve()
        if not pad.is_relative_to(BASIS.resolve()):
            continue
        delen = pad.relative_to(BASIS.resolve()).parts
        if not any(d.startswith(".") or d == "site-packages" for d in delen):
            eigen.append(Path(app.path))
    return eigen


def test_elke_app_van_het_project_wordt_doorzocht():
    doorzocht = {p.parent for p in _bronbestanden()}
    eigen = _eigen_apps()
    assert len(eigen) >= 11, eigen
    for app in eigen:
        assert app in doorzocht, app
    for map_ in ("config", "bench"):
        assert BASIS / map_ in doorzocht, map_
    assert BASIS / "manage.py" in _bronbestanden()


def test_geen_html_of_svg_in_python_code():
    fouten = {}
    gebruikt = set()
    for pad in _bronbestanden():
        naam = str(pad.relative_to(BASIS))
        gevonden = _overtredingen(pad.read_text(encoding="utf-8"))
        if naam in UITZONDERINGEN:
            stuk, _reden = UITZONDERINGEN[naam]
            if any(stuk in g for g in gevonden):
                gebruikt.add(naam)
            gevonden = [g for g in gevonden if stuk not in g]
        if gevonden:
            fouten[naam] = gevonden
    assert fouten == {}
    # an exception whose case is gone is struck from the list
    assert gebruikt == set(UITZONDERINGEN)


def test_geen_sjabloon_laat_opmaak_uit_python_door():
    mappen = [BASIS / "templates"] + [app / "templates" for app in _eigen_apps()]
    sjablonen = [p for m in mappen if m.is_dir() for p in m.rglob("*") if p.is_file()]
    assert len(sjablonen) > 100
    fouten = [
        str(p.relative_to(BASIS))
        for p in sjablonen
        if p.suffix != ".txt" and ONGEESCAPET.search(p.read_text(encoding="utf-8"))
    ]
    assert fouten == []
    assert ONGEESCAPET.search("{{ x|safe }}") and ONGEESCAPET.search("{% autoescape off %}")
    assert not ONGEESCAPET.search("{{ x|safe_naam }}")
