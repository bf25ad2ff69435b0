"""Tables on screen sit in the one scroll wrapper ``{% tabelvak %}``: on a narrow screen the
wrapper scrolls, is reachable by keyboard and has a name (WCAG 2.1.1, 1.4.10, 4.1.2). A table
written without it would make the page scroll sideways or be a scroll region a keyboard cannot
reach; tests/browser/test_a11y.py finds that at 375 px only on the pages its crawl reaches."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

SJABLONEN = Path(settings.BASE_DIR) / "templates"
# PDFs and mails are not scrolled
NIET_OP_HET_SCHERM = {"pdf", "email"}


def _schermsjablonen():
    for pad in sorted(SJABLONEN.rglob("*.html")):
        if not NIET_OP_HET_SCHERM & set(pad.relative_to(SJABLONEN).parts):
            yield pad


def test_elke_tabel_op_het_scherm_staat_in_een_tabelvak():
    zonder = []
    for pad in _schermsjablonen():
        tekst = pad.read_text()
        tabellen = len(re.findall(r"<table\b", tekst))
        in_vak = len(re.findall(r"\{% tabelvak [^%]*%\}\s*<table\b", tekst))
        if tabellen != in_vak:
            zonder.append(f"{pad.relative_to(SJABLONEN)}: {tabellen - in_vak} van {tabellen}")
    assert not zonder, f"tabellen zonder {{% tabelvak %}}: {zonder}"
    # the wrapper is written in one place only
    met_de_hand = [
        str(p.relative_to(SJABLONEN))
        for p in _schermsjablonen()
        if "rt-tabel-container" in p.read_text() and p.name != "_tabelvak.html"
    ]
    assert not met_de_hand


def _render(bron: str, **context) -> str:
    return Template("{% load tabellen %}" + bron).render(Context(context))


def test_tabelvak_is_een_benoemde_focusbare_regio():
    html = _render(
        '{% tabelvak "Locaties van" naam %}<table></table>{% endtabelvak %}', naam="Ede <b>"
    )
    assert html.startswith(
        '<div class="rt-tabel-container" tabindex="0" role="region" '
        'aria-label="Locaties van Ede &lt;b&gt;, horizontaal scrollbaar"><table></table></div>'
    )


def test_tabelvak_met_bijschrift_id_en_klasse():
    html = _render(
        '{% tabelvak bijschrift="kop" id="vak" klasse="rt-extra" %}<table></table>{% endtabelvak %}'
    )
    assert 'class="rt-tabel-container rt-extra" id="vak"' in html
    assert 'aria-labelledby="kop"' in html
    assert "aria-label=" not in html


@pytest.mark.parametrize(
    "bron", ["{% tabelvak %}{% endtabelvak %}", '{% tabelvak "A" kleur="rood" %}{% endtabelvak %}']
)
def test_tabelvak_zonder_naam_of_met_onbekende_optie_is_een_fout(bron):
    with pytest.raises(TemplateSyntaxError):
        _render(bron)
