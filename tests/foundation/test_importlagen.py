"""The allowed directions between the apps (docs/architecture.md), held by import-linter.

``lint-imports`` checks the contracts in pyproject.toml against the real code (``make test``
runs it too, before pytest). The contracts themselves are checked against small made-up
import graphs: an upward import must break them, so a contract that cannot fail would show."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

configure()  # import-linter's own settings (its timer), as its command line does

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]


def _contract(contract_id: str, soort):
    opties = next(c for c in CONFIG["contracts"] if c["id"] == contract_id)
    return soort(
        name=opties["name"],
        session_options={"root_packages": CONFIG["root_packages"]},
        contract_options={k: v for k, v in opties.items() if k not in ("id", "name", "type")},
    )


def _graaf(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graaf = grimp.ImportGraph()
    for pakket in CONFIG["root_packages"]:
        graaf.add_module(pakket)
        graaf.add_module(f"{pakket}.models")
    for importeur, geimporteerd in imports:
        graaf.add_import(importer=importeur, imported=geimporteerd, line_number=1, line_contents="")
    return graaf


def test_lint_imports_houdt_zich_aan_de_contracten():
    uit = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert " 0 broken" in uit.stdout


def test_elke_app_staat_in_de_contracten():
    """A new top-level app must be analysed (root_packages) and placed in a layer."""
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(CONFIG["root_packages"]), apps - set(CONFIG["root_packages"])
    lagen = next(c for c in CONFIG["contracts"] if c["id"] == "lagen")["layers"]
    assert apps <= {laag.strip("()") for laag in lagen}


@pytest.mark.parametrize(
    ("importeur", "geimporteerd", "toegestaan"),
    [
        ("regietafels.models", "raming.models", True),
        ("herinneringen.models", "regietafels.models", True),
        ("inzicht.models", "uitruil.models", True),
        ("raming.models", "regietafels.models", False),
        ("uitruil.models", "regietafels.models", False),
        ("regietafels.models", "herinneringen.models", False),
        ("accounts.models", "raming.models", False),
        ("core.models", "accounts.models", False),
    ],
)
def test_lagencontract_weigert_wat_omhoog_importeert(importeur, geimporteerd, toegestaan):
    check = _contract("lagen", LayersContract).check(
        _graaf((importeur, geimporteerd)), verbose=False
    )
    assert check.kept is toegestaan


@pytest.mark.parametrize("bron", ["core.models", "accounts.models"])
def test_core_en_accounts_importeren_geen_domein(bron):
    contract = _contract("infrastructuur", ForbiddenContract)
    assert contract.check(_graaf(), verbose=False).kept
    assert not contract.check(_graaf((bron, "inzicht.models")), verbose=False).kept
