"""No Python file of the project is longer than 600 lines (the house rule, issue #16).

A module that grows past it is split into a package by responsibility (as ``raming.services``,
``regietafels.models`` or ``inzicht.svg``). Counted: every ``.py`` file of the apps,
``config``, ``bench``, ``scripts`` (when it holds Python), ``manage.py`` and the tests (a test
module that grows past it is split by subject, its shared data and helpers in a package beside
it, as ``tests/performance/schaal`` or ``tests/integriteit/rollen``). Not counted: migrations
(generated, never edited by hand).
"""

from pathlib import Path

from django.conf import settings

BASIS = Path(settings.BASE_DIR)
GRENS = 600
NIET_GETELD = {".venv", "venv", "var", "node_modules", "migrations", "__pycache__"}


def _bronbestanden() -> list[Path]:
    bestanden = []
    for pad in BASIS.rglob("*.py"):
        deel = pad.relative_to(BASIS).parts
        if NIET_GETELD & set(deel) or any(d.startswith(".") for d in deel):
            continue
        bestanden.append(pad)
    return bestanden


def _regels(pad: Path) -> int:
    return len(pad.read_text(encoding="utf-8").splitlines())


def test_de_telling_vindt_de_apps_bench_scripts_en_tests():
    namen = {pad.relative_to(BASIS).parts[0] for pad in _bronbestanden()}
    assert {"core", "accounts", "raming", "regietafels", "inzicht", "config", "bench", "tests"} <= (
        namen
    )
    assert "manage.py" in namen


def test_geen_bestand_boven_600_regels():
    te_lang = {
        str(pad.relative_to(BASIS)): n for pad in _bronbestanden() if (n := _regels(pad)) > GRENS
    }
    assert not te_lang, f"splits deze modules per verantwoordelijkheid: {te_lang}"
