"""The first download of a kept export after a write is built once (core/bewaard_bestand.py,
ADR 0017): requests that ask for the same file meanwhile wait for it under a lock in Redis, and
a builder that died holding the lock keeps nobody waiting longer than ``WACHT_S``."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse

from core import bewaard_bestand
from core.bewaard_bestand import bestand_sleutel, bewaard

GELIJKTIJDIG = 8
TABELLEN = ("locaties",)


def _verzoek(rf, pad: str):
    request = rf.get(pad)
    request.user = AnonymousUser()
    return request


class Bouwer:
    """``maak`` of a view: counts how often the file is built, and takes ``duur`` seconds."""

    def __init__(self, duur: float = 0.0, status: int = 200):
        self.duur = duur
        self.status = status
        self.keren = 0
        self._teller = threading.Lock()

    def __call__(self) -> HttpResponse:
        with self._teller:
            self.keren += 1
        time.sleep(self.duur)
        return HttpResponse(
            b"naam;plekken\r\nKazerne;250\r\n", content_type="text/csv", status=self.status
        )


@pytest.fixture(autouse=True)
def lege_cache():
    cache.clear()
    yield
    cache.clear()


def _tegelijk(rf, pad: str, bouwer: Bouwer, aantal: int = GELIJKTIJDIG) -> list[HttpResponse]:
    """``aantal`` requests for ``pad`` at the same moment, each in its own thread."""
    start = threading.Barrier(aantal)

    def vraag(_):
        request = _verzoek(rf, pad)
        start.wait()
        return bewaard(request, "test.export", TABELLEN, bouwer)

    with ThreadPoolExecutor(aantal) as pool:
        return list(pool.map(vraag, range(aantal)))


def test_gelijktijdige_eerste_verzoeken_bouwen_het_bestand_eenmaal(rf):
    bouwer = Bouwer(duur=0.3)
    antwoorden = _tegelijk(rf, "/export/locaties.csv?fase=realisatie", bouwer)
    assert bouwer.keren == 1
    for antwoord in antwoorden:
        assert antwoord.status_code == 200
        assert antwoord.content == b"naam;plekken\r\nKazerne;250\r\n"
        assert antwoord["Content-Type"] == "text/csv"
    # the lock is released: nothing is left behind of it
    sleutel = bestand_sleutel(
        _verzoek(rf, "/export/locaties.csv?fase=realisatie"), "test.export", TABELLEN
    )
    assert not cache.lock(f"{sleutel}:bouw").locked()
    # and the next request is served the kept file
    bewaard(_verzoek(rf, "/export/locaties.csv?fase=realisatie"), "test.export", TABELLEN, bouwer)
    assert bouwer.keren == 1


def test_een_ander_adres_wacht_niet_op_het_slot(rf):
    """The lock is per file (key and address): another filter builds at once."""
    bouwer = Bouwer()
    eerste = _verzoek(rf, "/export/locaties.csv?fase=realisatie")
    slot = cache.lock(f"{bestand_sleutel(eerste, 'test.export', TABELLEN)}:bouw", timeout=30)
    assert slot.acquire(blocking=False)
    try:
        begin = time.monotonic()
        antwoord = bewaard(_verzoek(rf, "/export/locaties.csv"), "test.export", TABELLEN, bouwer)
        assert time.monotonic() - begin < 1
    finally:
        slot.release()
    assert antwoord.status_code == 200
    assert bouwer.keren == 1


def test_een_bouwer_die_stierf_houdt_niemand_lang_op(rf, monkeypatch):
    """A lock nobody releases (its builder died): a request waits ``WACHT_S``, then builds the
    file itself and keeps it."""
    monkeypatch.setattr(bewaard_bestand, "WACHT_S", 0.4)
    pad = "/export/locaties.csv"
    sleutel = bestand_sleutel(_verzoek(rf, pad), "test.export", TABELLEN)
    dode = cache.lock(f"{sleutel}:bouw", timeout=30)
    assert dode.acquire(blocking=False)
    bouwer = Bouwer()
    begin = time.monotonic()
    antwoord = bewaard(_verzoek(rf, pad), "test.export", TABELLEN, bouwer)
    gewacht = time.monotonic() - begin
    assert antwoord.status_code == 200
    assert bouwer.keren == 1
    assert 0.3 < gewacht < 2, gewacht
    # kept: the next request neither waits nor builds
    begin = time.monotonic()
    bewaard(_verzoek(rf, pad), "test.export", TABELLEN, bouwer)
    assert bouwer.keren == 1
    assert time.monotonic() - begin < 0.3
    dode.release()


def test_wat_niet_bewaard_wordt_bouwt_elk_verzoek_zelf(rf, monkeypatch):
    """A failed build keeps nothing: the waiting requests build it themselves (one at a time,
    each waiting at most ``WACHT_S``), and each gets its own answer."""
    monkeypatch.setattr(bewaard_bestand, "WACHT_S", 2.0)
    bouwer = Bouwer(duur=0.05, status=500)
    antwoorden = _tegelijk(rf, "/export/locaties.csv", bouwer, aantal=3)
    assert bouwer.keren == 3
    assert {a.status_code for a in antwoorden} == {500}
