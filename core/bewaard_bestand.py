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
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import HttpResponse

from .fragmenten import fragment_cache, fragment_sleutel


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
    kept = cache.get(sleutel)
    if kept is not None:
        koppen, inhoud = kept
        response = HttpResponse(inhoud)
        for kop, waarde in koppen:
            response[kop] = waarde
        return response
    response = maak()
    if response.status_code == 200 and not response.streaming:
        cache.set(sleutel, (tuple(response.items()), response.content), settings.CACHALOT_TIMEOUT)
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
