"""Downloads (CSV and xlsx exports) kept whole in the cache, keyed like the page fragments.

An export names the tables it reads (app labels or ``app_label.model``, as in
``core.fragmenten``). Its finished file is kept as bytes with the headers the view set
(content type, file name) under a key made of cachalot's last invalidation of those tables,
the scope the access rules read of the user (``core.cache.bereik``; with ``per_gebruiker`` the
user itself), the language, today's date and the full address with its query string, in the
cache the page fragments use (off with them). The access checks of the view's decorators run on
every request; only building the file is skipped on a hit.

The key is taken before the file is built: a write committed while it is built makes the next
request build it again. Inside a transaction cachalot's invalidations are the transaction's own,
so a file built there is never served after a rollback. Only complete ``200`` responses are
kept; without cachalot (``CACHALOT_ENABLED`` off) nothing is. See ADR 0017.

The first request after a write builds the file under a short lock in the cache (where the
cache has locks: django-redis, as in production): requests for the same key that arrive
meanwhile wait for the kept file instead of each building it. The lock expires after
``BOUW_SLOT_S``, so a builder that dies never holds it for long, and a waiter waits at most
``WACHT_S`` before it builds the file itself.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from redis.exceptions import LockError

from . import gestempeld
from .fragmenten import fragment_cache, fragment_sleutel, voor_wie

# The lock on building one file: held at most this long (the largest file takes well under a
# second of CPU; after a builder died, the next request takes the lock over)
BOUW_SLOT_S = 30
# A request that finds the file being built waits at most this long for it, then builds it
WACHT_S = 3.0
# how often a waiting request looks whether the lock is free
WACHT_STAP_S = 0.05


def bestand_sleutel(request, naam: str, tabellen: Iterable[str], *, per_gebruiker=False) -> str:
    """The cache key of the file ``naam`` at ``request``'s full address for its user."""
    sleutel = fragment_sleutel(request.user, tabellen, per_gebruiker=per_gebruiker)
    inhoud = hashlib.sha256(f"{sleutel}|{request.build_absolute_uri()}".encode()).hexdigest()
    return f"bestand:{naam}:{inhoud}"


def bewaard(
    request,
    naam: str,
    tabellen: Iterable[str],
    maak: Callable[[], HttpResponse],
    *,
    per_gebruiker: bool = False,
) -> HttpResponse:
    """The response ``maak()`` builds, kept whole for the next request with the same key; a
    kept one when there is one. Call it after the access checks."""
    if request.method != "GET" or not getattr(settings, "CACHALOT_ENABLED", False):
        return maak()
    sleutel = bestand_sleutel(request, naam, tabellen, per_gebruiker=per_gebruiker)
    cache = fragment_cache()
    kept = _uit_cache(cache, sleutel)
    if kept is not None:
        return kept
    if not hasattr(cache, "lock"):  # a cache without locks (local memory): build it here
        return _bouwen(cache, sleutel, maak)
    slot = cache.lock(
        f"{sleutel}:bouw", timeout=BOUW_SLOT_S, sleep=WACHT_STAP_S, blocking_timeout=WACHT_S
    )
    if not slot.acquire():
        # still being built after WACHT_S, or its builder died: build it here
        return _uit_cache(cache, sleutel) or _bouwen(cache, sleutel, maak)
    try:
        # kept by the request that held the lock before this one (unless it kept nothing)
        return _uit_cache(cache, sleutel) or _bouwen(cache, sleutel, maak)
    finally:
        _vrijgeven(slot)


def _uit_cache(cache, sleutel: str) -> HttpResponse | None:
    kept = cache.get(sleutel)
    if kept is None:
        return None
    koppen, inhoud = kept
    response = HttpResponse(inhoud)
    for kop, waarde in koppen:
        response[kop] = waarde
    return response


def _bouwen(cache, sleutel: str, maak: Callable[[], HttpResponse]) -> HttpResponse:
    response = maak()
    if response.status_code == 200 and not response.streaming:
        cache.set(sleutel, (tuple(response.items()), response.content), settings.CACHALOT_TIMEOUT)
    return response


def _vrijgeven(slot) -> None:
    """Release the lock; one that expired meanwhile (a build over ``BOUW_SLOT_S``) may be held
    by another request by now, and is left alone."""
    try:
        slot.release()
    except LockError:
        pass


def gestempeld_bestand_sleutel(request, naam: str, user) -> str | None:
    """The key of the file ``naam`` at ``request``'s full address for ``user`` in
    ``gestempeld_bestand`` (``None``: not kept)."""
    if request.method != "GET" or not getattr(settings, "CACHALOT_ENABLED", False):
        return None
    inhoud = hashlib.sha256(f"{voor_wie(user)}|{request.build_absolute_uri()}".encode())
    return f"bestand-gestempeld:{naam}:{inhoud.hexdigest()}"


def gestempeld_bestand(
    request,
    naam: str,
    tabellen: tuple[str, ...],
    maak: Callable[[], HttpResponse],
    *,
    bewaarbaar: bool = True,
) -> HttpResponse:
    """The response ``maak()`` builds, kept whole with the stamps of ``tabellen``
    (``core.gestempeld``: the entry and the stamps in one round trip, or read ahead with the
    API token). ``maak`` may check access itself: a kept file is served without it, as a kept
    API response is (ADR 0016), because the key holds the scope the access rules read and the
    address, and every table those rules read is one of ``tabellen`` (the freshness tests
    check what each file reads). ``bewaarbaar=False``: this user's scope is never served a
    kept file (a role that ``maak`` refuses)."""
    sleutel = gestempeld_bestand_sleutel(request, naam, request.user) if bewaarbaar else None
    if sleutel is None:
        return maak()
    vooraf = gestempeld.vooraf_gelezen(request, sleutel)
    if vooraf is not None:
        (kept, stempels), begin = vooraf
    else:
        begin = time.time()
        kept, stempels = gestempeld.lezen(sleutel, tabellen)
    if kept is not None:
        return _antwoord(kept)
    cache = fragment_cache()
    if not hasattr(cache, "lock"):
        return _gestempeld_bouwen(sleutel, tabellen, maak, stempels, begin)
    # the first request after a write builds it under the lock, as ``bewaard`` does
    slot = cache.lock(
        f"{sleutel}:bouw", timeout=BOUW_SLOT_S, sleep=WACHT_STAP_S, blocking_timeout=WACHT_S
    )
    verkregen = slot.acquire()
    try:
        begin = time.time()
        kept, stempels = gestempeld.lezen(sleutel, tabellen)  # kept meanwhile?
        if kept is not None:
            return _antwoord(kept)
        return _gestempeld_bouwen(sleutel, tabellen, maak, stempels, begin)
    finally:
        if verkregen:
            _vrijgeven(slot)


def _antwoord(kept) -> HttpResponse:
    koppen, inhoud = kept
    response = HttpResponse(inhoud)
    for kop, waarde in koppen:
        response[kop] = waarde
    return response


def _gestempeld_bouwen(sleutel, tabellen, maak, stempels, begin: float) -> HttpResponse:
    response = maak()
    if response.status_code == 200 and not response.streaming:
        bewaard_als = (tuple(response.items()), response.content)
        gestempeld.bewaren(sleutel, bewaard_als, stempels, tabellen, begin)
    return response


def bewaard_bestand(*tabellen: str, per_gebruiker: bool = False):
    """Decorator of an export view (placed below its access decorators): its file is kept
    whole, keyed on ``tabellen`` (see ``bewaard``)."""
    if not tabellen:
        raise ValueError("een bewaard bestand noemt de tabellen die het leest")

    def decorator(view):
        naam = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def bewaarde_view(request, *args, **kwargs):
            return bewaard(
                request,
                naam,
                tabellen,
                lambda: view(request, *args, **kwargs),
                per_gebruiker=per_gebruiker,
            )

        bewaarde_view.bestand_tabellen = tabellen
        return bewaarde_view

    return decorator
