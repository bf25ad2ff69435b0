"""API throttles that count requests per window instead of keeping every request's time.

DRF's ``SimpleRateThrottle`` keeps a list of the times of the requests of the last period in the
cache and reads, unpickles, pickles and writes it whole on every request: at the rate of 1,200 a
minute up to 1,200 floats, two round trips. These keep a counter per fixed window (the rate's
period) and estimate a sliding window from the current and the previous window's counter, the
previous one weighted by the part of it that still lies within the last period (as the
"sliding window counter" of many rate limiters): with Redis one pipeline, one round trip
(``INCR`` and ``EXPIRE`` of the current counter, ``GET`` of the previous one).

As DRF's throttles: the rates and scopes come from ``DEFAULT_THROTTLE_RATES`` (``user`` per
user, ``anon`` per client address for requests without a user), only requests let through
count (a refused one is counted back), and a refused request gets 429 with ``Retry-After``: the
seconds until a request would be let through again. See ADR 0017.
"""

from __future__ import annotations

import math

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as standaard_cache
from django_redis.cache import RedisCache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class VensterTeller:
    """Mixin for a ``SimpleRateThrottle`` subclass: counters per window instead of a history."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        venster = int(self.now // self.duration)
        self.verstreken = self.now - venster * self.duration  # seconds into this window
        nu_sleutel, vorig_sleutel = f"{self.key}:{venster}", f"{self.key}:{venster - 1}"
        self.huidig, self.vorig = self._tellen(nu_sleutel, vorig_sleutel)
        # the previous window's count weighted by its part within the last period, in
        # request-seconds (exact for whole seconds)
        geschat = self.vorig * (self.duration - self.verstreken) + self.huidig * self.duration
        if geschat <= self.num_requests * self.duration:
            return True
        self.huidig -= 1
        self._terugtellen(nu_sleutel)
        return False

    def _tellen(self, nu_sleutel: str, vorig_sleutel: str) -> tuple[int, int]:
        """Count this request in the current window; the current and the previous count."""
        bewaren = 2 * self.duration  # the previous window is read during the next one
        # DRF's throttles use Django's default cache through its proxy
        opslag = caches[DEFAULT_CACHE_ALIAS] if self.cache is standaard_cache else self.cache
        if isinstance(opslag, RedisCache):
            pijp = opslag.client.get_client(write=True).pipeline(transaction=False)
            pijp.incr(opslag.make_key(nu_sleutel))
            pijp.expire(opslag.make_key(nu_sleutel), bewaren)
            pijp.get(opslag.make_key(vorig_sleutel))
            huidig, _, vorig = pijp.execute()
            return int(huidig), int(vorig or 0)
        opslag.add(nu_sleutel, 0, bewaren)
        huidig = opslag.incr(nu_sleutel)
        return int(huidig), int(opslag.get(vorig_sleutel) or 0)

    def _terugtellen(self, nu_sleutel: str) -> None:
        opslag = caches[DEFAULT_CACHE_ALIAS] if self.cache is standaard_cache else self.cache
        try:
            opslag.decr(nu_sleutel)
        except ValueError:  # the counter expired meanwhile
            pass

    def wait(self) -> float:
        """Seconds until a request would be let through: later in this window once the
        previous window weighs little enough, else in the next one."""
        duur = self.duration
        vrij = self.num_requests - self.huidig - 1  # room left in this window
        if vrij >= 0 and self.vorig > 0:
            wacht = duur - vrij * duur / self.vorig - self.verstreken
        else:
            wacht = duur - self.verstreken
            if self.huidig > 0:
                wacht += max(0.0, duur - (self.num_requests - 1) * duur / self.huidig)
        return max(1, math.ceil(round(wacht, 3)))


class TellerPerGebruiker(VensterTeller, UserRateThrottle):
    """DRF's ``UserRateThrottle`` (scope ``user``) with counters per window."""


class TellerAnoniem(VensterTeller, AnonRateThrottle):
    """DRF's ``AnonRateThrottle`` (scope ``anon``) with counters per window."""
