"""The data cache: values computed from the database, kept until a table they read is written.

``onthouden(sleutel, bereken)`` runs ``bereken()`` once and keeps its value in the cache with
the tables its SELECT statements read. A later call returns the kept value as long as none of
those tables was written since ``bereken()`` started; otherwise it computes again.

How writes are noticed: every database connection gets an execute wrapper that reads the
statement. For ``INSERT``, ``UPDATE``, ``DELETE`` and ``TRUNCATE`` it notes the tables and
gives each a new *write number* in the cache: at once, and again after the transaction
commits (so a reader that read the old rows while the transaction ran cannot keep them). This
catches every write made through Django, including ``QuerySet.update()``, ``bulk_create()`` and
raw SQL on Django's connection, in every process (web, Celery worker, management commands),
provided the cache is shared (Redis in production, see ``CACHE_URL``).

Write numbers come from one counter in the cache (``gc:klok``), not from clocks, so processes
on different machines agree and tests that travel in time cannot confuse it. A kept value is
valid when each table it read has a known write number not above the counter's value when
``bereken()`` started. A missing write number (first use, or evicted) counts as a write now.

Limits, on purpose:
- Writes that bypass Django (psql, another application) are not seen; every value also expires
  after ``tijd`` seconds (default 300), which bounds how stale such a value can get.
- The value must not depend on anything but the database and the key: put the user's scope,
  the date (``timezone.localdate()``) and request parameters in the key.
- ``bereken()`` must only read: a write inside it means its value is not kept.
- Session and lockout bookkeeping tables (``NEGEREN``) are written on almost every request; they
  are not tracked, and a value that reads them is not kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

PREFIX = "gc:v:"
SCHRIJF_PREFIX = "gc:w:"
KLOK = "gc:klok"
STANDAARD_TIJD = 300

# Written on (almost) every request; never tracked, and a value reading them is not kept.
NEGEREN = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "axes_accessattemptexpiration",
    }
)

_SCHRIJVEN = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_LEZEN = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b", re.IGNORECASE)
_NAAM = re.compile(r'"(\w+)"')


class NietBewaren:
    """Return ``NietBewaren(waarde)`` from ``bereken`` to hand back ``waarde`` without keeping
    it (an error page, say)."""

    __slots__ = ("waarde",)

    def __init__(self, waarde):
        self.waarde = waarde


@dataclass(eq=False)
class _Opname:
    """What one running ``bereken()`` read, and whether it wrote."""

    tabellen: set[str] = field(default_factory=set)
    onbruikbaar: bool = False


class _Draad(threading.local):
    def __init__(self):
        self.opnames: list[_Opname] = []
        self.vullingen = 0  # values kept by this thread


_draad = _Draad()


def ingeschakeld() -> bool:
    return getattr(settings, "GEGEVENSCACHE", True)


def _cache():
    return caches[getattr(settings, "GEGEVENSCACHE_ALIAS", "default")]


# --- noticing writes --------------------------------------------------------------------------


def geschreven_tabellen(sql: str) -> set[str]:
    """The tables a statement writes (empty for reads)."""
    treffer = _SCHRIJVEN.match(sql)
    if treffer:
        return {treffer.group(1)}
    if _TRUNCATE.match(sql):
        return set(_NAAM.findall(sql.split(";", 1)[0])) or {"*"}
    return set()


def gelezen_tabellen(sql: str) -> set[str]:
    return set(_LEZEN.findall(sql))


def _nieuw_nummer(cache) -> int:
    try:
        return cache.incr(KLOK)
    except ValueError:
        # No counter yet (or evicted): start from the clock in microseconds, so that a restarted
        # counter lies above the write numbers handed out before.
        cache.add(KLOK, int(time.time() * 1_000_000), timeout=None)
        return cache.incr(KLOK)


def markeren(tabellen) -> None:
    """Give ``tabellen`` a new write number: values that read them become invalid."""
    tabellen = set(tabellen) - NEGEREN
    if not tabellen:
        return
    try:
        cache = _cache()
        nummer = _nieuw_nummer(cache)
        cache.set_many({SCHRIJF_PREFIX + t: nummer for t in tabellen}, timeout=None)
    except Exception:  # the cache is down: nothing can be served from it either
        logger.warning("gegevenscache: schrijven van %s niet vastgelegd", sorted(tabellen))


class _Open:
    """The tables written in the running transaction of one connection."""

    def __init__(self, connection):
        self.tabellen: set[str] = set()
        self.connection = connection
        self.vullingen = -1  # _draad.vullingen when ``gemarkeerd`` was emptied
        self.gemarkeerd: set[str] = set()  # marked since then

    def __call__(self):
        tabellen, self.tabellen = self.tabellen, set()
        if getattr(self.connection, "_gegevenscache_open", None) is self:
            self.connection._gegevenscache_open = None
        markeren(tabellen)


def _na_schrijven(connection, tabellen: set[str]) -> None:
    tabellen = tabellen - NEGEREN
    if not tabellen:
        return
    for opname in _draad.opnames:
        opname.onbruikbaar = True
    if not connection.in_atomic_block:
        markeren(tabellen)
        return
    # In a transaction: mark now (a reader that starts later must not keep what it reads
    # before the commit) and again after the commit. One callback per transaction; a rolled-
    # back transaction drops its callbacks, so look whether ours is still registered.
    open_ = getattr(connection, "_gegevenscache_open", None)
    if open_ is None or not any(item[1] is open_ for item in connection.run_on_commit):
        open_ = _Open(connection)
        connection._gegevenscache_open = open_
        transaction.on_commit(open_, using=connection.alias)
    # Mark each table once per transaction, unless this thread kept a value since the last
    # mark: that value may have read this transaction's own earlier writes.
    if open_.vullingen != _draad.vullingen:
        open_.vullingen = _draad.vullingen
        open_.gemarkeerd = set()
    nieuw = tabellen - open_.gemarkeerd
    open_.tabellen |= tabellen
    if nieuw:
        open_.gemarkeerd |= nieuw
        markeren(nieuw)


def execute_wrapper(execute, sql, params, many, context):
    """Installed on every connection (``installeren``): notes reads and writes."""
    begin = sql.lstrip()[:6].upper() if isinstance(sql, str) else ""
    if begin == "SELECT":
        if _draad.opnames:
            gelezen = gelezen_tabellen(sql)
            for opname in _draad.opnames:
                opname.tabellen |= gelezen
                if gelezen & NEGEREN:
                    opname.onbruikbaar = True
        return execute(sql, params, many, context)
    resultaat = execute(sql, params, many, context)
    if begin in ("INSERT", "UPDATE", "DELETE", "TRUNCA") and context.get("connection"):
        _na_schrijven(context["connection"], geschreven_tabellen(sql))
    return resultaat


def _verbinding_gemaakt(sender, connection, **kwargs):
    if execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(execute_wrapper)


def installeren() -> None:
    """Connect the wrapper to every new connection, and to those already open."""
    from django.db import connections
    from django.db.backends.signals import connection_created

    connection_created.connect(_verbinding_gemaakt, dispatch_uid="gegevenscache")
    for verbinding in connections.all(initialized_only=True):
        _verbinding_gemaakt(None, verbinding)


# --- keeping values ---------------------------------------------------------------------------


def bereik(user) -> tuple:
    """What the access rules (``zichtbaar_voor``) read of ``user``, for keys of values that
    users with the same role, province and gemeente share."""
    if not getattr(user, "is_authenticated", False):
        return ("anoniem",)
    return (
        getattr(user, "rol", ""),
        getattr(user, "provincie_id", None),
        getattr(user, "gemeente_id", None),
        user.is_active,
    )


def _sleutel(sleutel) -> str:
    return PREFIX + hashlib.blake2b(repr(sleutel).encode(), digest_size=20).hexdigest()


def _geldig(cache, begin: int, tabellen: tuple[str, ...], nummers: dict | None = None) -> bool:
    if not tabellen:
        return True
    if nummers is None:
        nummers = cache.get_many([SCHRIJF_PREFIX + t for t in tabellen])
    ontbreekt = [t for t in tabellen if SCHRIJF_PREFIX + t not in nummers]
    if ontbreekt:
        # Unknown: count it as a write now (values computed from now on are valid).
        for tabel in ontbreekt:
            cache.add(SCHRIJF_PREFIX + tabel, _nieuw_nummer(cache), timeout=None)
        return False
    return all(nummers[SCHRIJF_PREFIX + t] <= begin for t in tabellen)


# The tables of each key as last seen by this process, so that the value and the write numbers
# of its tables are read in one round trip. Only a hint: the value says which tables it read.
_TABELLEN_VAN: dict[str, tuple[str, ...]] = {}
_MAX_HINTS = 20_000


def _lezen(cache, naam: str):
    """The kept (begin, tables, value) of ``naam`` if it is still valid, else None."""
    hint = _TABELLEN_VAN.get(naam)
    if hint is None:
        bewaard = cache.get(naam)
        nummers = None
    else:
        gelezen = cache.get_many([naam, *(SCHRIJF_PREFIX + t for t in hint)])
        bewaard = gelezen.pop(naam, None)
        nummers = gelezen
    if bewaard is None:
        return None
    begin, tabellen, _waarde = bewaard
    if tabellen != hint:
        nummers = None
        if len(_TABELLEN_VAN) >= _MAX_HINTS:
            _TABELLEN_VAN.clear()
        _TABELLEN_VAN[naam] = tabellen
    return bewaard if _geldig(cache, begin, tabellen, nummers) else None


def onthouden(sleutel, bereken: Callable[[], Any], *, tijd: int = STANDAARD_TIJD):
    """``bereken()``'s value, kept under ``sleutel`` (any value with a stable ``repr``) until a
    table it read is written, for at most ``tijd`` seconds."""
    if not ingeschakeld():
        waarde = bereken()
        return waarde.waarde if isinstance(waarde, NietBewaren) else waarde
    cache = _cache()
    naam = _sleutel(sleutel)
    try:
        bewaard = _lezen(cache, naam)
        if bewaard is not None:
            _begin, tabellen, waarde = bewaard
            for opname in _draad.opnames:  # an enclosing value depends on these too
                opname.tabellen.update(tabellen)
            return waarde
        begin = cache.get(KLOK)
        if begin is None:
            begin = _nieuw_nummer(cache)
    except Exception:
        logger.warning("gegevenscache niet bereikbaar; %r wordt berekend", sleutel)
        waarde = bereken()
        return waarde.waarde if isinstance(waarde, NietBewaren) else waarde

    opname = _Opname()
    _draad.opnames.append(opname)
    try:
        waarde = bereken()
    finally:
        # nested calls are a stack; compare by identity (two empty recordings are equal)
        while _draad.opnames and _draad.opnames.pop() is not opname:
            pass
    for buiten in _draad.opnames:
        buiten.tabellen |= opname.tabellen
        buiten.onbruikbaar |= opname.onbruikbaar
    if isinstance(waarde, NietBewaren):
        return waarde.waarde
    if not opname.onbruikbaar and "*" not in opname.tabellen:
        try:
            tabellen = tuple(sorted(opname.tabellen))
            cache.set(naam, (begin, tabellen, waarde), timeout=tijd)
            _TABELLEN_VAN[naam] = tabellen
            _draad.vullingen += 1
        except Exception:
            logger.warning("gegevenscache: %r niet bewaard", sleutel)
    return waarde
