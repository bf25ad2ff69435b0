"""API throttling with a counter per time window (one cache round trip per request).

DRF's ``SimpleRateThrottle`` keeps the time of every request of the last period in one cache
value and reads and rewrites that whole list on each request: at 1,200 requests a minute that is
a list of 1,200 floats per request, and it grows with the allowed rate. These classes count
requests per fixed window instead (the window is the period of the rate: a minute for
"1200/minute"): an atomic ``INCR`` with an expiry on Redis, ``add`` + ``incr`` elsewhere.
A client can therefore make up to twice the rate across a window boundary; the limit is
meant against runaway scripts and guessing, not as an exact quota.
"""

from __future__ import annotations

import time

from django.core.cache import cache as standaard_cache
from rest_framework import throttling


class VensterMixin:
    cache = standaard_cache

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        sleutel = self.get_cache_key(request, view)
        if sleutel is None:
            return True
        self.now = self.timer()
        venster = int(self.now // self.duration)
        self.einde_venster = (venster + 1) * self.duration
        aantal = _ophogen(self.cache, f"{sleutel}:{venster}", self.duration)
        return aantal <= self.num_requests

    def wait(self):
        return max(0.0, self.einde_venster - self.now)

    def timer(self):
        return time.time()


def _ophogen(cache, sleutel: str, duur: int) -> int:
    """Increase the counter ``sleutel`` (expiring after ``duur`` seconds) and return it."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is not None:  # Redis: create with expiry if absent, then INCR, in one round trip
        redis = client(sleutel, write=True)
        naam = cache.make_and_validate_key(sleutel)
        pijp = redis.pipeline(transaction=False)
        pijp.set(naam, 0, ex=duur + 1, nx=True)
        pijp.incr(naam)
        return int(pijp.execute()[1])
    cache.add(sleutel, 0, timeout=duur + 1)
    try:
        return cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.add(sleutel, 1, timeout=duur + 1)
        return 1


class AnoniemThrottle(VensterMixin, throttling.AnonRateThrottle):
    pass


class GebruikerThrottle(VensterMixin, throttling.UserRateThrottle):
    pass
