"""The demo data of `make run`: each installed app's ``demo.laad(stdout=…, klok=…)``, in the
order of ``INSTALLED_APPS`` (an app comes after the apps whose data it builds on).

Core names no domain app: an app takes part by having a ``demo`` module. Every loader is
idempotent: a second `make run` changes nothing.

The demo follows the real timeline of the Spreidingswet. Each step has its historical moment;
a step whose moment lies after the load moment has not happened yet and is left out, so the
demo shows one coherent picture on whatever day it is loaded. A step that did happen runs
through the normal services *at its moment* (the clock is set back while it runs), so every
timestamp, deadline check and history record carries the date it happened, and the demo
obeys the same rules as a user.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from contextlib import contextmanager

from django.apps import apps
from django.utils import timezone


class Klok:
    """The load moment and the historical moments of the demo."""

    def __init__(self, nu: dt.datetime | None = None):
        self.nu = nu or timezone.now()

    @property
    def vandaag(self) -> dt.date:
        return timezone.localdate(self.nu)

    @staticmethod
    def moment(datum: dt.date, uur: int = 10, minuut: int = 0) -> dt.datetime:
        """``datum`` at ``uur``:``minuut`` Dutch time."""
        return timezone.make_aware(dt.datetime.combine(datum, dt.time(uur, minuut)))

    def gebeurd(self, datum: dt.date, uur: int = 10, minuut: int = 0) -> bool:
        """Whether a step at that moment has happened by the load moment."""
        return self.moment(datum, uur, minuut) <= self.nu

    @contextmanager
    def op(self, datum: dt.date, uur: int = 10, minuut: int = 0):
        """Run the block with the clock standing at that (past) moment.

        cachalot dates its cached results and the writes that invalidate them by the clock:
        while the clock stands back nothing is read from or kept in its cache, and afterwards
        every table counts as written now."""
        import time_machine
        from cachalot.api import cachalot_disabled, invalidate

        moment = self.moment(datum, uur, minuut)
        if moment > self.nu:
            raise ValueError(f"Demostap in de toekomst ({moment:%d-%m-%Y %H:%M}).")
        try:
            with cachalot_disabled(all_queries=True), time_machine.travel(moment, tick=False):
                yield
        finally:
            invalidate()


def laders() -> list[str]:
    paden = []
    for config in apps.get_app_configs():
        pad = f"{config.name}.demo"
        if config.name != "core" and importlib.util.find_spec(pad) is not None:
            paden.append(pad)
    return paden


def laad_alles(*, stdout, klok: Klok | None = None) -> None:
    """Every app's demo, without cachalot's cache throughout: between the steps the clock may
    stand still (a test's frozen clock), and cachalot tells a result from a later write only by
    the clock. Afterwards every table counts as written."""
    from cachalot.api import cachalot_disabled, invalidate

    klok = klok or Klok()
    try:
        with cachalot_disabled(all_queries=True):
            for pad in laders():
                importlib.import_module(pad).laad(stdout=stdout, klok=klok)
    finally:
        invalidate()


def naar_rato(totaal: int, gewichten: dict, plafond: dict | None = None) -> dict:
    """Spread ``totaal`` over the keys pro rata their weights, whole numbers summing exactly
    (largest remainder); with ``plafond`` no key gets more than its ceiling (the excess goes to
    the others, as long as there is room). For the demo's illustrative splits."""
    uitkomst = {k: 0 for k in gewichten}
    open_ = {k: w for k, w in gewichten.items() if w > 0}
    rest = totaal
    while rest > 0 and open_:
        som = sum(open_.values())
        exact = {k: rest * w / som for k, w in open_.items()}
        deel = {k: int(v) for k, v in exact.items()}
        over = rest - sum(deel.values())
        for k in sorted(exact, key=lambda k: (-(exact[k] - deel[k]), str(k)))[:over]:
            deel[k] += 1
        rest = 0
        for k, d in deel.items():
            ruimte = None if plafond is None else plafond[k] - uitkomst[k]
            if ruimte is not None and d >= ruimte:
                uitkomst[k] += ruimte
                rest += d - ruimte
                del open_[k]
            else:
                uitkomst[k] += d
    return uitkomst


def spreiding(sleutel: str) -> float:
    """A fixed pseudo-random number in [0, 1) per key (the same on every load)."""
    import hashlib

    return int(hashlib.sha256(sleutel.encode()).hexdigest()[:8], 16) / 0x1_0000_0000
