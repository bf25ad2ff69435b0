"""No Python file of the project is longer than 600 lines (the house rule, issue #16).

A module that grows past it is split into a package by responsibility (as ``raming.services``,
``regietafels.models`` or ``inzicht.svg``). Counted: every ``.py`` file of the apps,
``config``, ``bench``, ``scripts`` (when it holds Python) and ``manage.py``. Not counted:
migrations (generated, never edited by hand) and the test modules. A test module is a flat list
of independent cases about one subject (the query budgets of every page, the role table of
every service); its length hides no structure, and splitting it would only scatter the fixtures
its cases share.
"""

from pathlib import Path

from django.conf import settings

BASIS = Path(settings.BASE_DIR)
GRENS = 600
NIET_GETELD = {".venv", "venv", "var", "node_modules", "tests", "migrations", "__pycache__"}


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


def test_de_telling_vindt_de_apps_bench_en_scripts():
    namen = {pad.relative_to(BASIS).parts[0] for pad in _bronbestanden()}
    assert {"core", "accounts", "raming", "regietafels", "inzicht", "config", "bench"} <= namen
    assert "manage.py" in namen


def test_geen_bestand_boven_600_regels():
    te_lang = {
        str(pad.relative_to(BASIS)): n for pad in _bronbestanden() if (n := _regels(pad)) > GRENS
    }
    assert not te_lang, f"splits deze modules per verantwoordelijkheid: {te_lang}"
