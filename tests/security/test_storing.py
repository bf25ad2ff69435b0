"""A database or broker failure gives a Dutch 503, never a stack trace; a broker outage does
not break the request that enqueues a task."""

import logging

import pytest
from celery import Celery
from django.db import OperationalError
from kombu.exceptions import OperationalError as KombuOperationalError

from core.tasks import veilig_verzenden

pytestmark = pytest.mark.django_db


@pytest.fixture
def kapotte_database(monkeypatch):
    """Every query fails as when PostgreSQL is down."""
    from django.db.backends.utils import CursorWrapper

    def weigeren(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", weigeren)
    monkeypatch.setattr(CursorWrapper, "executemany", weigeren)


def test_database_weg_geeft_nederlandse_503(client, prt_gelderland, request):
    client.force_login(prt_gelderland)
    request.getfixturevalue("kapotte_database")
    client.raise_request_exception = False
    response = client.get("/account/profiel/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Tijdelijk niet beschikbaar" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "120"


def test_database_weg_api_geeft_foutvorm_503(client, kapotte_database):
    client.raise_request_exception = False
    response = client.get("/api/v1/mij/", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == 503
    assert body["type"] == "niet-beschikbaar"
    assert "Traceback" not in response.content.decode()


def test_andere_fout_blijft_500(client, prt_gelderland, monkeypatch):
    from accounts import views

    def stuk(request):
        raise ValueError("programmeerfout")

    client.force_login(prt_gelderland)
    client.raise_request_exception = False
    monkeypatch.setattr(views.services, "token_van", stuk)
    response = client.get("/account/profiel/")
    assert response.status_code == 500


@pytest.fixture
def taak_zonder_broker(monkeypatch):
    """A task on a Celery app whose broker (Redis) does not answer: port 1 is closed."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    app = Celery("storingstest", set_as_current=False)
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.broker_connection_timeout = 1
    app.conf.broker_connection_retry_on_startup = False

    @app.task(name="storingstest.taak")
    def taak(x):
        return x

    return taak


def test_veilig_verzenden_zonder_broker_crasht_niet(taak_zonder_broker, caplog):
    with caplog.at_level(logging.WARNING, logger="regietafel.taken"):
        assert veilig_verzenden(taak_zonder_broker, 1) is None
    assert "niet in de wachtrij gezet" in caplog.text


def test_zonder_veilig_verzenden_zou_het_verzoek_crashen(taak_zonder_broker):
    with pytest.raises(KombuOperationalError):
        taak_zonder_broker.apply_async(args=(1,), retry=False)


def test_veilig_verzenden_met_broker_zet_taak_in_de_wachtrij(settings):
    import redis

    from config.celery import app

    @app.task(name="storingstest.echo")
    def echo(x):
        return x

    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    wachtrij = settings.BROKER_SLEUTELPREFIX + "celery"  # this run's queue key
    voor = r.llen(wachtrij)
    resultaat = veilig_verzenden(echo, 7)
    assert resultaat is not None
    assert r.llen(wachtrij) == voor + 1
    r.lpop(wachtrij)
