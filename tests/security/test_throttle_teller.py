"""The API throttles count per window (core/api/throttling.py, ADR 0017): 429 with Retry-After
after the limit, per user and per address, refused requests not counted, and the budget back as
the window slides on."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import SimpleRateThrottle

from core.api.throttling import TellerPerGebruiker, VensterTeller

pytestmark = pytest.mark.django_db


class Klok:
    def __init__(self, tijd: float):
        self.tijd = tijd

    def __call__(self) -> float:
        return self.tijd


@pytest.fixture
def klok(monkeypatch):
    # the start of a window of 60 seconds
    klok = Klok(60.0 * 29_000_000)
    monkeypatch.setattr(VensterTeller, "timer", klok, raising=False)
    monkeypatch.setattr(SimpleRateThrottle, "timer", klok)
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"}
    )
    cache.clear()
    yield klok
    cache.clear()


def _mij(client):
    return client.get("/api/v1/mij/")


def test_429_na_de_limiet_per_gebruiker(client, prt_gelderland, prt_noord_holland, klok):
    client.force_login(prt_gelderland)
    for _ in range(3):
        assert _mij(client).status_code == 200
    geweigerd = _mij(client)
    assert geweigerd.status_code == 429
    assert geweigerd.json()["type"] == "te-veel-verzoeken"
    # the next window counts these 3 for the part of this one still within the last minute
    # (as if spread over it): room for 1 once that weighs 2, 20 s into the next window
    assert int(geweigerd["Retry-After"]) == 80
    # another user has a budget of its own
    client.force_login(prt_noord_holland)
    assert _mij(client).status_code == 200


def test_venster_schuift_door(client, prt_gelderland, klok):
    """The previous window counts for the part of it that still lies within the last minute."""
    client.force_login(prt_gelderland)
    klok.tijd += 50
    for _ in range(3):
        assert _mij(client).status_code == 200
    assert _mij(client).status_code == 429
    # 20 s into the next window: the previous window's 3 still weigh 3 × 40/60 = 2, room for 1
    klok.tijd += 30
    assert _mij(client).status_code == 200
    geweigerd = _mij(client)
    assert geweigerd.status_code == 429
    # with 1 counted now, a second needs the previous window's weight at 1: 40 s into this one
    assert int(geweigerd["Retry-After"]) == 20
    klok.tijd += 20
    assert _mij(client).status_code == 200
    assert _mij(client).status_code == 429
    # two windows on, nothing of the earlier requests counts
    klok.tijd += 120
    for _ in range(3):
        assert _mij(client).status_code == 200
    assert _mij(client).status_code == 429


def test_geweigerde_verzoeken_tellen_niet(client, prt_gelderland, klok):
    """As DRF's throttles: a client that keeps asking while refused gets its budget back as the
    window slides on, as one that waited."""
    client.force_login(prt_gelderland)
    for _ in range(3):
        assert _mij(client).status_code == 200
    for _ in range(10):
        assert _mij(client).status_code == 429
    klok.tijd += 60  # previous window: 3 at full weight at this window's very start
    assert _mij(client).status_code == 429
    klok.tijd += 20  # weight 2/3: 2 counted, room for 1
    assert _mij(client).status_code == 200


def test_anoniem_per_adres(client, klok):
    # DRF checks permissions before throttles, so the public API documentation is used here
    for _ in range(2):
        assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 429
    assert client.get("/api/v1/docs/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_zonder_redis_dezelfde_telling(rf, prt_gelderland, klok):
    """On another cache than Redis (local memory in `make run`) the counters go through Django's
    cache API: the same decisions."""
    lokaal = LocMemCache("throttle-test", {})

    class Lokaal(TellerPerGebruiker):
        cache = lokaal

    verzoek = rf.get("/api/v1/mij/")
    verzoek.user = prt_gelderland
    uitkomsten = [Lokaal().allow_request(verzoek, None) for _ in range(5)]
    assert uitkomsten == [True, True, True, False, False]
    klok.tijd += 120
    assert Lokaal().allow_request(verzoek, None)
