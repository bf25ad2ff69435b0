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

from collections.abc import Iterable, Sequence
from functools import cache

from cachalot.cache import cachalot_caches
from cachalot.settings import cachalot_settings
from cachalot.utils import is_cachable
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django_redis.cache import RedisCache
from django_redis.compressors.identity import IdentityCompressor
from django_redis.serializers.pickle import PickleSerializer

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
    return lezen_samen([(sleutel, namen)])[0]


def lezen_samen(
    gevraagd: Sequence[tuple[str, Iterable[str]]],
) -> list[tuple[object | None, Stempels]]:
    """``lezen`` of several entries (each a key and its tables) in one round trip."""
    per_sleutel = [(sleutel, _tabelsleutels(tuple(namen))) for sleutel, namen in gevraagd]
    alle = dict.fromkeys(k for sleutel, tabel in per_sleutel for k in (sleutel, *tabel))
    stempelsleutels = {k for _, tabel in per_sleutel for k in tabel}
    gelezen = _meer_lezen(_opslag(), list(alle), stempelsleutels)
    return [_gelezen(gelezen, sleutel, tabel) for sleutel, tabel in per_sleutel]


def _gelezen(gelezen: dict, sleutel: str, tabelsleutels: tuple[str, ...]):
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


#: the Redis keys of the stamps, encoded (made once per process: dozens per request otherwise)
_GEMAAKT: dict[tuple, bytes] = {}


def _meer_lezen(opslag, sleutels: list[str], stempelsleutels: set[str]) -> dict:
    """``opslag.get_many(sleutels)``; on Redis one ``MGET`` with the stamps' keys made once."""
    if not isinstance(opslag, RedisCache):  # also cachalot's layer inside a transaction
        return opslag.get_many(sleutels)
    soort = (opslag.key_func, opslag.key_prefix, opslag.version)
    ruw = []
    for sleutel in sleutels:
        gemaakt = _GEMAAKT.get((*soort, sleutel))
        if gemaakt is None:
            gemaakt = str(opslag.make_key(sleutel)).encode()
            if sleutel in stempelsleutels:
                _GEMAAKT[(*soort, sleutel)] = gemaakt
        ruw.append(gemaakt)
    client = opslag.client
    waarden = client.get_client(write=False).mget(ruw)
    decode = _alleen_pickle(client) or client.decode
    return {k: decode(w) for k, w in zip(sleutels, waarden, strict=True) if w is not None}


def _alleen_pickle(client):
    """A decoder that skips django-redis's attempts (``int()``, the compressor) for pickled
    values when values are only pickled, as configured here; ``None`` otherwise."""
    if not (
        isinstance(client._compressor, IdentityCompressor)
        and isinstance(client._serializer, PickleSerializer)
    ):
        return None
    loads, decode = client._serializer.loads, client.decode

    def decoderen(waarde: bytes):
        # pickle's protocol 2 and higher start with 0x80; an int is stored as its digits
        return loads(waarde) if waarde[:1] == b"\x80" else decode(waarde)

    return decoderen


def vooraf_bewaren(request, sleutel: str, gelezen: tuple[object | None, Stempels], begin):
    """Remember on ``request`` what ``lezen_samen`` read for ``sleutel`` at ``begin`` (the time
    just before the read), for ``vooraf_gelezen`` later in the same request."""
    verzoek = getattr(request, "_request", request)  # DRF's request wraps Django's
    if not hasattr(verzoek, "_gestempeld_vooraf"):
        verzoek._gestempeld_vooraf = {}
    verzoek._gestempeld_vooraf[sleutel] = (gelezen, begin)


def vooraf_gelezen(request, sleutel: str):
    """What was read for ``sleutel`` earlier in this request (``vooraf_bewaren``): the result
    of ``lezen`` and the time before the read; ``None`` when it was not read."""
    verzoek = getattr(request, "_request", request)
    return getattr(verzoek, "_gestempeld_vooraf", {}).pop(sleutel, None)


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
