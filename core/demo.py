"""The demo data of `make run`: each app's ``demo.laad(stdout=…)``, in dependency order.

Every loader is idempotent: a second `make run` changes nothing.
"""

from __future__ import annotations

import importlib

LADERS = [
    "accounts.demo",
    "raming.demo",
    "regietafels.demo",
    "regietafels.uitruil.demo",
    "regietafels.herinneringen.demo",
    "raming.scenarios.demo",
]


def laad_alles(*, stdout) -> None:
    for pad in LADERS:
        try:
            module = importlib.import_module(pad)
        except ModuleNotFoundError as exc:
            if exc.name == pad:
                continue
            raise
        module.laad(stdout=stdout)
