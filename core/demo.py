"""The demo data of `make run`: each installed app's ``demo.laad(stdout=…)``, in the order of
``INSTALLED_APPS`` (an app comes after the apps whose data it builds on).

Core names no domain app: an app takes part by having a ``demo`` module. Every loader is
idempotent: a second `make run` changes nothing.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps


def laders() -> list[str]:
    paden = []
    for config in apps.get_app_configs():
        pad = f"{config.name}.demo"
        if config.name != "core" and importlib.util.find_spec(pad) is not None:
            paden.append(pad)
    return paden


def laad_alles(*, stdout) -> None:
    for pad in laders():
        importlib.import_module(pad).laad(stdout=stdout)
