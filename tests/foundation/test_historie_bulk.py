"""Rows whose changes simple_history records are never written past it (issue #16).

``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` send no signals, so the history
of a tracked model would miss the change. The apps write such rows one by one (``save()``) or
with ``simple_history.utils.bulk_create_with_history`` / ``bulk_update_with_history``. This
test reads the apps' code (migrations, tests and the benchmark's seeding aside) and fails on
``Model.objects…update(…)``, ``…bulk_create(…)`` or ``…bulk_update(…)`` of a tracked model.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASIS = Path(settings.BASE_DIR)
BULK = {"update", "bulk_create", "bulk_update"}


def _gevolgde_modellen() -> set[str]:
    return {
        m.__name__
        for m in apps.get_models()
        if getattr(m, "history", None) is not None and not m.__name__.startswith("Historical")
    }


def _wortel(knoop):
    while isinstance(knoop, ast.Attribute | ast.Call):
        knoop = knoop.value if isinstance(knoop, ast.Attribute) else knoop.func
    return knoop


def _bulk_schrijven(bron: str, modellen: set[str]) -> list[tuple[int, str]]:
    gevonden = []
    for knoop in ast.walk(ast.parse(bron)):
        if not (
            isinstance(knoop, ast.Call)
            and isinstance(knoop.func, ast.Attribute)
            and knoop.func.attr in BULK
        ):
            continue
        wortel = _wortel(knoop.func.value)
        keten = ast.unparse(knoop.func.value)
        if isinstance(wortel, ast.Name) and wortel.id in modellen and ".objects" in keten:
            gevonden.append((knoop.lineno, f"{wortel.id}.{knoop.func.attr}"))
    return gevonden


def test_geen_bulk_schrijven_langs_de_historie():
    modellen = _gevolgde_modellen()
    assert {"Verslag", "Gemeentefusie", "Voorkeur", "ScenarioDeling"} <= modellen
    apps_mappen = [p.parent for p in BASIS.glob("*/apps.py")]
    fout = []
    for map_ in apps_mappen:
        for pad in map_.rglob("*.py"):
            if "migrations" in pad.parts or "tests" in pad.parts:
                continue
            for regel, wat in _bulk_schrijven(pad.read_text(encoding="utf-8"), modellen):
                fout.append(f"{pad.relative_to(BASIS)}:{regel} {wat}")
    assert not fout, f"schrijf met save() of *_with_history: {fout}"


def test_de_controle_ziet_een_update_over_regels_heen():
    bron = "def f():\n    Verslag.objects.filter(\n        pk=1\n    ).update(status='x')\n"
    assert _bulk_schrijven(bron, {"Verslag"}) == [(2, "Verslag.update")]
    assert _bulk_schrijven("Andere.objects.bulk_create([])\n", {"Verslag"}) == []
