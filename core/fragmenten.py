"""Page fragments cached with Django's ``{% cache %}``, keyed so that a write shows at once.

A fragment's key holds cachalot's last invalidation of each table the fragment reads, the
scope the access rules read of the user (``core.cache.bereik``), the language and today's date
(terms count days). Tables are named as app labels (every table of the app) or
``app_label.model``. The context a fragment needs is computed only when the fragment is drawn
(``lui``): a cached fragment costs no query. See docs/architecture.md, "The data cache".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache, partial
from typing import TypeVar

from cachalot.api import cachalot_disabled
from cachalot.cache import cachalot_caches
from cachalot.settings import cachalot_settings
from django.apps import apps
from django.core.cache import InvalidCacheBackendError, caches
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.translation import get_language

from .cache import bereik

T = TypeVar("T")


def tabellen_van(namen: Iterable[str]) -> list[str]:
    """The database tables behind ``namen`` (app labels or ``app_label.model``), without the
    history tables (written together with the table they record)."""
    tabellen = set()
    for naam in namen:
        if "." in naam:
            modellen = [apps.get_model(naam)]
        else:
            modellen = apps.get_app_config(naam).get_models()
        tabellen.update(
            m._meta.db_table for m in modellen if not m.__name__.startswith("Historical")
        )
    return sorted(tabellen)


def voor_wie(user, *, per_gebruiker: bool = False) -> str:
    """The part of a key that says for whom it is drawn: the scope the access rules read of
    ``user`` (with ``per_gebruiker`` the user itself), the language and today's date."""
    wie = f"{getattr(user, 'pk', None)}:" if per_gebruiker else ""
    return f"{wie}{bereik(user)}:{get_language()}:{timezone.localdate().isoformat()}"


def invalidaties(tabellen: list[str]) -> str:
    """Cachalot's last invalidation of each of ``tabellen`` (database tables), as one string:
    it changes with every write of any of them, also when that write's clock stood before
    the latest invalidation of another (a server whose clock lags behind, a test that sets
    the clock back). Read from cachalot's cache, inside a transaction the transaction's own
    (so what is drawn there is never served after a rollback). One round trip."""
    sleutels = [cachalot_settings.CACHALOT_TABLE_KEYGEN(DEFAULT_DB_ALIAS, t) for t in tabellen]
    gevonden = cachalot_caches.get_cache(db_alias=DEFAULT_DB_ALIAS).get_many(sleutels)
    stempels = ",".join(repr(gevonden.get(s, 0.0)) for s in sleutels)
    return hashlib.sha256(stempels.encode()).hexdigest()[:32]


def fragment_sleutel(user, namen: Iterable[str], *, per_gebruiker: bool = False) -> str:
    """The key of a fragment showing the tables ``namen`` to ``user`` (``per_gebruiker``: the
    fragment also shows what is addressed to this user alone)."""
    tabellen = tabellen_van(namen)
    if not tabellen:
        raise ValueError("een fragment noemt de tabellen die het toont")
    return f"{voor_wie(user, per_gebruiker=per_gebruiker)}:{invalidaties(tabellen)}"


def _deel(bereken: Callable[[], dict], sleutel: str):
    return bereken()[sleutel]


def zonder_querycache(bereken: Callable[[], T]) -> T:
    """``bereken()`` with cachalot's query cache off: every query goes to the database and
    no result is stored (``cachalot_disabled``; switched on again also after an error)."""
    uit = cachalot_disabled()
    uit.__enter__()
    try:
        return bereken()
    finally:
        uit.__exit__(None, None, None)


def lui(bereken: Callable[[], dict], sleutels: Iterable[str], *, querycache=True) -> dict:
    """Template context whose values ``bereken()`` computes once, when a template first reads
    one of them (Django calls a callable context value): inside a cached fragment, never.
    ``querycache=False``: its queries are not kept by cachalot as well (the fragment is
    the cache of what they show; see ``zonder_querycache``)."""
    eenmaal = cache(bereken if querycache else partial(zonder_querycache, bereken))
    return {sleutel: partial(_deel, eenmaal, sleutel) for sleutel in sleutels}


def fragment_cache():
    """The cache ``{% cache %}`` keeps fragments in (its ``template_fragments`` when configured:
    a dummy where cachalot is off), for values kept under a fragment key in Python."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return caches["default"]
