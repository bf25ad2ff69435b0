"""The test database is migrated once and copied after that.

Running the ~70 migrations costs every process that creates a test database tens of seconds of
CPU (rendering the migration states, not the SQL). The first process of a run migrates as
usual and keeps the result as a PostgreSQL template, named after a hash of every migration
file; every other process (the second pytest-xdist worker, the next ``make test``) copies it
with ``CREATE DATABASE … TEMPLATE`` in about a second and then runs ``migrate`` on the copy,
which finds nothing to apply. A changed, added or removed migration gives another hash and so
a fresh template (old templates of the same test database are dropped). A PostgreSQL advisory
lock makes the workers take turns.
"""

from __future__ import annotations

import hashlib
import re
import sys
from contextlib import contextmanager
from pathlib import Path

SJABLOON_INFIX = "_sjabloon_"


def migratiehash() -> str:
    """A hash over the migration files of every installed app (the project's and the
    libraries'): any change to one gives another template."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    h = hashlib.sha256()
    for sleutel in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[sleutel].__module__]
        h.update(repr(sleutel).encode())
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()[:12]


def _sjabloonnaam(testnaam: str, hash_: str) -> str:
    # the name of the run's test database without the pytest-xdist suffix ("_gw0")
    basis = re.sub(r"_gw\d+$", "", testnaam)
    return f"{basis[: 63 - len(SJABLOON_INFIX) - len(hash_)]}{SJABLOON_INFIX}{hash_}"


@contextmanager
def _beurt(cursor, naam: str):
    """One process at a time per template (a session-level advisory lock)."""
    sleutel = int.from_bytes(hashlib.sha256(naam.encode()).digest()[:8], "big", signed=True)
    cursor.execute("SELECT pg_advisory_lock(%s)", [sleutel])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [sleutel])


def _bestaat(cursor, naam: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
    return cursor.fetchone() is not None


def databases_opzetten(setup, *, aliases, serialized_aliases):
    """``setup_databases`` for the default PostgreSQL database, from the template when one
    exists (made by the first process when not). Returns what ``setup_databases`` returns."""
    from django.db import connections

    verbinding = connections["default"]
    if aliases and set(aliases) != {"default"} or verbinding.vendor != "postgresql":
        return setup(aliases=aliases, serialized_aliases=serialized_aliases, keepdb=False)

    creation = verbinding.creation
    testnaam = creation._get_test_db_name()
    sjabloon = _sjabloonnaam(testnaam, migratiehash())
    q = verbinding.ops.quote_name
    with creation._nodb_cursor() as cursor, _beurt(cursor, sjabloon):
        if _bestaat(cursor, sjabloon):
            cursor.execute(f"DROP DATABASE IF EXISTS {q(testnaam)}")
            cursor.execute(f"CREATE DATABASE {q(testnaam)} TEMPLATE {q(sjabloon)}")
            # the copy is complete: migrate finds nothing to apply (post_migrate still runs)
            return setup(aliases=aliases, serialized_aliases=serialized_aliases, keepdb=True)

        uitkomst = setup(aliases=aliases, serialized_aliases=serialized_aliases, keepdb=False)
        # the freshly migrated database, before any test wrote to it, becomes the template
        verbinding.close()
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [sjabloon.rsplit(SJABLOON_INFIX, 1)[0].replace("_", r"\_") + r"\_sjabloon\_%"],
        )
        for (oud,) in cursor.fetchall():
            cursor.execute(f"DROP DATABASE IF EXISTS {q(oud)}")
        cursor.execute(f"CREATE DATABASE {q(sjabloon)} TEMPLATE {q(testnaam)}")
        return uitkomst
