"""Cache entries that hold cachalot's invalidation stamps of the tables they were built from.

An entry is read together with the current stamps of its tables in one ``MGET`` (one round
trip) and served only when every stamp is there and equals the one stored in the entry: a write
to one of the tables (through the ORM, in raw SQL, in a Celery worker) gives it a new stamp, so
the next request builds the entry again. The stamps are read before the value is built, so a
write committed while it is built makes the next request build it again.

The stamps are read through cachalot's cache for the database: inside a transaction that
sees the transaction's own invalidations, which no other process sees and which cachalot
replaces by new ones at the commit. An entry built inside a transaction that wrote one of its
tables therefore carries a stamp that never matches outside it: never served after a rollback,
nor to another request while the transaction runs.

A table without a stamp (never written, or its stamp expired with ``CACHALOT_TIMEOUT``) is given
one where there still is none (``add``, as cachalot gives its query results' tables one), and
the entry is kept only when that succeeded for every such table.

Used for whole API responses (``core.api.bewaard``) and the API token lookup
(``accounts.api.auth``); see ADR 0017.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from cachalot.cache import cachalot_caches
from cachalot.settings import cachalot_settings
from cachalot.utils import is_cachable
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS

from .fragmenten import tabellen_van

Stempels = tuple[float | None, ...]


@cache
def _tabelsleutels(namen: tuple[str, ...]) -> tuple[str, ...]:
    """cachalot's cache keys of the invalidation stamps of the tables behind ``namen``."""
    # cachalot stamps no write to a table it leaves alone (core.cache.VASTE_NIET_CACHEN), so
    # such a table of a named app has no stamp to compare; a value must not read one (the
    # freshness tests check what each value reads)
    tabellen = [tabel for tabel in tabellen_van(namen) if is_cachable(tabel)]
    if not tabellen:
        raise ValueError("een bewaarde waarde noemt de tabellen die ze leest")
    maak = cachalot_settings.CACHALOT_TABLE_KEYGEN
    return tuple(maak(DEFAULT_DB_ALIAS, tabel) for tabel in tabellen)


def _opslag():
    return cachalot_caches.get_cache(db_alias=DEFAULT_DB_ALIAS)


def lezen(sleutel: str, namen: Iterable[str]) -> tuple[object | None, Stempels]:
    """The value kept under ``sleutel`` if the tables ``namen`` (app labels or
    ``app_label.model``) were not written since it was built, else ``None``; and the current
    stamps, to hand to ``bewaren``. One round trip."""
    tabelsleutels = _tabelsleutels(tuple(namen))
    gelezen = _opslag().get_many([sleutel, *tabelsleutels])
    stempels = tuple(gelezen.get(k) for k in tabelsleutels)
    bewaard = gelezen.get(sleutel)
    if (
        isinstance(bewaard, tuple)
        and len(bewaard) == 2
        and None not in stempels
        and bewaard[0] == stempels
    ):
        return bewaard[1], stempels
    return None, stempels


def bewaren(
    sleutel: str, waarde: object, stempels: Stempels, namen: Iterable[str], begin: float
) -> None:
    """Keep ``waarde`` under ``sleutel`` with the ``stempels`` that ``lezen`` returned before it
    was built (``begin``: the time just before that read)."""
    tabelsleutels = _tabelsleutels(tuple(namen))
    basis = caches[cachalot_settings.CACHALOT_CACHE]
    timeout = settings.CACHALOT_TIMEOUT
    ontbrekend = [k for k, stempel in zip(tabelsleutels, stempels, strict=True) if stempel is None]
    if ontbrekend:
        # not written within the timeout (inside a transaction: not by it either, or its own
        # layer would hold the stamp); a write meanwhile has stamped it already
        if not all([basis.add(k, begin, timeout) for k in ontbrekend]):
            return
        stempels = tuple(begin if stempel is None else stempel for stempel in stempels)
    basis.set(sleutel, (stempels, waarde), timeout)
