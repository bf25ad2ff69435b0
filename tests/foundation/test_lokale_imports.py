"""An import of a project module inside a function says why it is not at the top (issue #16).

Module level is the rule: it shows a module's dependencies where import-linter and the reader
look. The exceptions have a reason in a comment on the import or on the lines just above it:
an ``AppConfig.ready`` that loads modules reading models (they exist only once the app registry
is ready), a ``tasks`` module that imports the module calling it (loaded on first use), the
security log's package imported while the registry loads. Counted: the apps and ``config``.
Not counted: migrations, tests, and ``bench/``, whose scripts set Django up when they run
(``django.setup()`` in their ``main``) and can import models only after that.
"""

import ast
from pathlib import Path

from django.conf import settings

BASIS = Path(settings.BASE_DIR)


def _project_pakketten() -> set[str]:
    return {p.parent.name for p in BASIS.glob("*/apps.py")} | {"config"}


def _bronbestanden() -> list[Path]:
    bestanden = []
    for pakket in _project_pakketten():
        for pad in (BASIS / pakket).rglob("*.py"):
            if "migrations" not in pad.parts and "tests" not in pad.parts:
                bestanden.append(pad)
    return bestanden


def _met_reden(regels: list[str], regelnummer: int) -> bool:
    """A comment on the import's line, or on the lines above it up to the first line that is
    neither an import, a comment nor blank."""
    if "#" in regels[regelnummer - 1]:
        return True
    i = regelnummer - 2
    while i >= 0:
        regel = regels[i].strip()
        if regel.startswith("#"):
            return True
        if regel and not regel.startswith(("from ", "import ")):
            return False
        i -= 1
    return False


def _zonder_reden(pad: Path, pakketten: set[str], basis: Path = BASIS) -> list[str]:
    bron = pad.read_text(encoding="utf-8")
    regels = bron.splitlines()
    gevonden = []
    for functie in ast.walk(ast.parse(bron)):
        if not isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for knoop in ast.walk(functie):
            if isinstance(knoop, ast.ImportFrom):
                eigen = knoop.level > 0 or (knoop.module or "").split(".")[0] in pakketten
            elif isinstance(knoop, ast.Import):
                eigen = any(n.name.split(".")[0] in pakketten for n in knoop.names)
            else:
                continue
            if eigen and not _met_reden(regels, knoop.lineno):
                gevonden.append(f"{pad.relative_to(basis)}:{knoop.lineno}")
    return gevonden


def test_elke_import_in_een_functie_heeft_een_reden():
    pakketten = _project_pakketten()
    assert {"core", "raming", "bezwaar", "documenten", "locaties"} <= pakketten
    zonder = [r for pad in _bronbestanden() for r in _zonder_reden(pad, pakketten)]
    assert not zonder, f"naar boven, of zeg waarom niet: {sorted(set(zonder))}"


def test_de_controle_ziet_een_import_zonder_reden(tmp_path):
    pad = tmp_path / "module.py"
    pad.write_text("def f():\n    x = 1\n    from core import registry\n", encoding="utf-8")
    assert _zonder_reden(pad, {"core"}, tmp_path) == ["module.py:3"]
    pad.write_text("def f():\n    # reden\n    from core import registry\n", encoding="utf-8")
    assert _zonder_reden(pad, {"core"}, tmp_path) == []
    pad.write_text("def f():\n    from . import registry  # reden\n", encoding="utf-8")
    assert _zonder_reden(pad, {"core"}, tmp_path) == []
