"""The demo is loaded once per run, moment after moment, into template databases that the demo
tests copy.

Loading the whole demo into an empty database runs two years of the cycle through the services
(hundreds of realisation reports, dozens of PDFs): 35–67 s of CPU per load, and the demo tests
loaded it afresh for each moment they check, six times two years. Now the first process of a
run that needs a moment makes a template of it: the first moment is a fresh load, as a first
`make run` on that day loads it; each later moment is a copy of the moment before it
(``CREATE DATABASE … TEMPLATE``) loaded up to its own moment, as a later `make run` adds only
what happened since. Each step of the demo thus runs once per run. A PostgreSQL advisory lock
per template makes the workers take turns (as for the migrated template in
tests/testdatabase.py).

A test that asks for ``demo`` (tests/conftest.py) calls ``demo.laden(moment)``: its process's
copy of the latest template at or before that moment, loaded up to the moment inside a
transaction that is rolled back when the test ends. ``demo.los_geladen(*momenten)`` gives a
database of its own outside the chain (a fresh load at the first moment, then each later one),
for the one test that compares a load before the chain's first moment with it; it is dropped
after its block.

The templates belong to one run (the run id of config/settings/test.py): the code they were
loaded with is the code under test. The process that started the run drops them at the end;
templates left by an interrupted run are dropped by the next run that makes one.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from contextlib import contextmanager

from django.utils import timezone

from .testdatabase import _bestaat, _beurt, _sjabloonnaam, migratiehash

# A moment in each phase of the 2026 cycle (tests/demo/test_tijdlijn.py checks the demo at each):
# the raming postponed and not yet published; the PRTs drafting; the verslagen in and being
# assessed; the verdeelbesluit fixed with the realisation term running; realisation; the next
# cycle started. In this order each is loaded from the one before.
MOMENTEN = {
    "februari-2026": dt.datetime(2026, 2, 15, 12, 0),
    "maart-2026": dt.datetime(2026, 3, 1, 12, 0),
    "december-2026": dt.datetime(2026, 12, 5, 12, 0),
    "januari-2027": dt.datetime(2027, 1, 15, 12, 0),
    "juli-2027": dt.datetime(2027, 7, 1, 12, 0),
    "maart-2028": dt.datetime(2028, 3, 1, 12, 0),
}
KETEN = sorted(MOMENTEN.values())
DEMO_INFIX = "_demo_"
KOPIE = f"{DEMO_INFIX}kopie"


def _basis(testnaam: str) -> str:
    """The name of the run's test database without the pytest-xdist suffix ("_gw0")."""
    return re.sub(r"_gw\d+$", "", testnaam)


def _voorvoegsel(testnaam: str) -> str:
    run = os.environ.get("RT_TEST_RUN", "")
    return f"{_basis(testnaam)[: 63 - len(DEMO_INFIX) - len(run) - 2]}{DEMO_INFIX}{run}"


def sjabloonnaam(testnaam: str, stap: int) -> str:
    return f"{_voorvoegsel(testnaam)}_{stap}"


def kopienaam(testnaam: str) -> str:
    return f"{testnaam[: 63 - len(KOPIE)]}{KOPIE}"


@contextmanager
def verbonden_met(naam: str):
    """The default connection on database ``naam`` for the block (closed before and after)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connections

    verbinding = connections["default"]
    oud = verbinding.settings_dict["NAME"]
    verbinding.close()
    verbinding.settings_dict["NAME"] = naam
    # nothing read from the other database may be served here (query cache, content type ids)
    cache.clear()
    ContentType.objects.clear_cache()
    try:
        yield verbinding
    finally:
        verbinding.close()
        verbinding.settings_dict["NAME"] = oud
        cache.clear()
        ContentType.objects.clear_cache()


@contextmanager
def teruggedraaid(verbinding):
    """The block in a transaction that is rolled back, as Django's ``TestCase`` runs a test:
    the deferred constraints are checked first, as a commit would."""
    from django.db import transaction

    atomic = transaction.atomic(using=verbinding.alias)
    atomic._from_testcase = True  # as TestCase's own
    atomic.__enter__()
    try:
        yield
        if not verbinding.needs_rollback and verbinding.is_usable():
            verbinding.check_constraints()
    finally:
        transaction.set_rollback(True, using=verbinding.alias)
        atomic.__exit__(None, None, None)


def laden(moment: dt.datetime) -> None:
    """Every app's demo loaded with the clock at ``moment`` (naive, Dutch time)."""
    import time_machine
    from django.core.cache import cache

    from core.demo import laad_alles

    with time_machine.travel(timezone.make_aware(moment), tick=False):
        laad_alles(stdout=io.StringIO())
    # the query cache dates its invalidations by the clock: what was read before the load, on
    # today's clock, would look newer than what the load wrote on its own
    cache.clear()


def _sjabloon(cursor, testnaam: str, stap: int) -> str:
    """The template of ``KETEN[stap]``, made (with the ones before it) when no process of the
    run has made it yet."""
    from django.db import connection

    from .conftest import _referentiegegevens_herstellen, gemeenten_aanmaken

    q = connection.ops.quote_name
    naam = sjabloonnaam(testnaam, stap)
    with _beurt(cursor, naam):
        if _bestaat(cursor, naam):
            return naam
        if stap == 0:
            _oude_sjablonen_weg(cursor, testnaam)
            # the freshly migrated database (tests/testdatabase.py), else this process's
            bron = _sjabloonnaam(testnaam, migratiehash())
            if not _bestaat(cursor, bron):
                bron = testnaam
        else:
            bron = _sjabloon(cursor, testnaam, stap - 1)
        connection.close()
        with _beurt(cursor, bron):  # nobody else copies it or connects to it meanwhile
            cursor.execute(f"CREATE DATABASE {q(naam)} TEMPLATE {q(bron)}")
        with verbonden_met(naam):
            if stap == 0:
                # a first `make run`: the CBS gemeenten (as the fixture ``gemeenten`` writes
                # them), then the demo
                _referentiegegevens_herstellen()
                gemeenten_aanmaken()
            laden(KETEN[stap])
    return naam


def kopie_op(testnaam: str, moment: dt.datetime) -> tuple[str, dt.datetime]:
    """This process's copy of the latest template at or before ``moment``: its name and the
    template's moment."""
    from django.db import connection

    eerder = [m for m in KETEN if m <= moment]
    if not eerder:
        raise ValueError(f"Geen demosjabloon op of voor {moment:%d-%m-%Y %H:%M}.")
    stap = len(eerder) - 1
    q = connection.ops.quote_name
    kopie = kopienaam(testnaam)
    with connection.creation._nodb_cursor() as cursor:
        sjabloon = _sjabloon(cursor, testnaam, stap)
        cursor.execute(f"DROP DATABASE IF EXISTS {q(kopie)}")
        with _beurt(cursor, sjabloon):
            cursor.execute(f"CREATE DATABASE {q(kopie)} TEMPLATE {q(sjabloon)}")
    return kopie, KETEN[stap]


def kopie_weg(testnaam: str) -> None:
    from django.db import connection

    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(kopienaam(testnaam))}")


def _oude_sjablonen_weg(cursor, testnaam: str) -> None:
    """Demo templates of the same test database left by an interrupted run."""
    from django.db import connection

    eigen = _voorvoegsel(testnaam)
    voorvoegsel = eigen.rsplit(DEMO_INFIX, 1)[0] + DEMO_INFIX
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname NOT LIKE %s",
        [_like(voorvoegsel) + "%", _like(eigen) + "%"],
    )
    for (oud,) in cursor.fetchall():
        if not oud.endswith(KOPIE):
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(oud)}")


def _like(tekst: str) -> str:
    return tekst.replace("_", r"\_")


def sjablonen_weg() -> None:
    """The run's demo templates, by the process that started the run (after its workers)."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    if connection.vendor != "postgresql":
        return
    naam = connection.settings_dict["NAME"]  # the test database's while it is kept (--reuse-db)
    if not naam.startswith(TEST_DATABASE_PREFIX):
        naam = connection.creation._get_test_db_name()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [_like(_voorvoegsel(naam) + "_") + "%"],
        )
        for (sjabloon,) in cursor.fetchall():
            with _beurt(cursor, sjabloon):
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(sjabloon)}")


@contextmanager
def los_geladen(testnaam: str, momenten: list[dt.datetime]):
    """A database of its own: a fresh load at ``momenten[0]``, then a load at each later
    moment (as `make run` on those days); the default connection on it for the block, then
    dropped."""
    from django.db import connection

    q = connection.ops.quote_name
    # ends like this process's copy: an earlier run's cleanup leaves it alone
    naam = f"{testnaam[: 63 - len(KOPIE) - 4]}_los{KOPIE}"
    with connection.creation._nodb_cursor() as cursor:
        bron = _sjabloonnaam(testnaam, migratiehash())
        if not _bestaat(cursor, bron):
            bron = testnaam
        cursor.execute(f"DROP DATABASE IF EXISTS {q(naam)}")
        connection.close()
        with _beurt(cursor, bron):
            cursor.execute(f"CREATE DATABASE {q(naam)} TEMPLATE {q(bron)}")
    try:
        from .conftest import _referentiegegevens_herstellen, gemeenten_aanmaken

        with verbonden_met(naam):
            _referentiegegevens_herstellen()
            gemeenten_aanmaken()
            for moment in momenten:
                laden(moment)
            yield
    finally:
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {q(naam)}")


class Demo:
    """What the fixture ``demo`` gives a test: ``laden(moment)`` once."""

    def __init__(self, testnaam: str, stapel):
        self._testnaam = testnaam
        self._stapel = stapel
        self.klok = None

    def laden(self, moment: dt.datetime):
        """The demo as loaded at ``moment`` (naive, Dutch time); returns its ``Klok``."""
        from core.demo import Klok

        if self.klok is not None:
            raise RuntimeError("De demo is in deze test al geladen.")
        kopie, sjabloonmoment = kopie_op(self._testnaam, moment)
        verbinding = self._stapel.enter_context(verbonden_met(kopie))
        self._stapel.enter_context(teruggedraaid(verbinding))
        if moment > sjabloonmoment:
            laden(moment)
        self.klok = Klok(timezone.make_aware(moment))
        return self.klok

    def los_geladen(self, *momenten: dt.datetime):
        """A database of its own loaded at ``momenten`` in turn (``los_geladen``), before
        ``laden``."""
        if self.klok is not None:
            raise RuntimeError("Eerst los laden, dan de demo uit de keten.")
        return los_geladen(self._testnaam, sorted(momenten))
