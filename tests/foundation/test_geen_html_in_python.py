"""No markup is built in Python: HTML and SVG live in templates (the house rule, issue #16).

Every string literal of the application's Python code (tests and migrations aside) is read
with ``tokenize``, so prose in comments does not count but any literal tag does, and the names
that mark a string as safe HTML may not be used at all.
"""

import io
import re
import tokenize
from pathlib import Path

from django.conf import settings

BASIS = Path(settings.BASE_DIR)
TAG = re.compile(
    r"<\s*/?\s*(svg|g|path|rect|line|circle|polyline|text|tspan|title|desc|pattern|defs|"
    r"table|thead|tbody|tr|td|th|caption|div|span|p|a|ul|ol|li|strong|em|br|form|input|"
    r"button|label|select|option|h[1-6]|img|figure|section|nav|abbr|code|pre)[\s/>]",
    re.IGNORECASE,
)
VERBODEN_NAMEN = {"mark_safe", "SafeString", "SafeText", "format_html_join"}


def _bronbestanden() -> list[Path]:
    apps = [p.parent for p in BASIS.glob("*/apps.py")] + [BASIS / "config"]
    assert len(apps) >= 8, apps
    bestanden = []
    for app in apps:
        for pad in app.rglob("*.py"):
            if "migrations" in pad.parts or "tests" in pad.parts:
                continue
            bestanden.append(pad)
    return bestanden


def _overtredingen(bron: str) -> list[str]:
    gevonden = []
    for token in tokenize.generate_tokens(io.StringIO(bron).readline):
        if token.type == tokenize.STRING and TAG.search(token.string):
            gevonden.append(f"regel {token.start[0]}: {token.string[:60]}")
        elif token.type == tokenize.NAME and token.string in VERBODEN_NAMEN:
            gevonden.append(f"regel {token.start[0]}: {token.string}")
    return gevonden


def test_de_controle_vindt_opmaak_in_python():
    assert _overtredingen("x = f'<svg viewBox=\"{b}\">'\n")
    assert _overtredingen("x = '<td>' + y\n")
    assert _overtredingen("from django.utils.safestring import mark_safe\n")
    assert not _overtredingen("# a <div> in a comment\nx = 'regel-<gemeente>-<veld>'\n")


def test_geen_html_of_svg_in_python_code():
    fouten = {}
    for pad in _bronbestanden():
        gevonden = _overtredingen(pad.read_text(encoding="utf-8"))
        if gevonden:
            fouten[str(pad.relative_to(BASIS))] = gevonden
    assert fouten == {}
