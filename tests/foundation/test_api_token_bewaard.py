"""The checked API token kept in the cache (accounts/api/auth.py, core/gestempeld.py, ADR 0017):
no query while it is kept, and refused at once when it is revoked, replaced, expired, or its
user deactivated or changed."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken

from accounts.api.auth import TokenAuthentication
from accounts.services import token_aanmaken, token_intrekken

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _leeg():
    cache.clear()
    yield
    cache.clear()


def _mij(sleutel: str, client: Client | None = None):
    return (client or Client()).get("/api/v1/mij/", HTTP_AUTHORIZATION=f"Token {sleutel}")


def _bewaard(sleutel: str) -> None:
    """Two requests: the first checks the key with knox and keeps it, the second runs no query
    for the token (only the response's own)."""
    assert _mij(sleutel).status_code == 200
    with CaptureQueriesContext(connection) as vragen:
        assert _mij(sleutel).status_code == 200
    assert not [v for v in vragen if "knox_authtoken" in v["sql"]], vragen.captured_queries


def test_gecontroleerd_token_kost_geen_query(prt_gelderland):
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    with CaptureQueriesContext(connection) as vragen:
        gebruiker, token = TokenAuthentication().authenticate_credentials(sleutel.encode())
    assert len(vragen) == 1
    with CaptureQueriesContext(connection) as vragen:
        weer, weer_token = TokenAuthentication().authenticate_credentials(sleutel.encode())
    assert len(vragen) == 0
    assert weer == gebruiker == prt_gelderland and weer.rol == prt_gelderland.rol
    assert weer_token.pk == token.pk


def test_ander_token_met_hetzelfde_begin_geweigerd(client, prt_gelderland):
    """The kept entry belongs to the whole key: a key that shares knox's 15-character lookup
    prefix with a kept one is still checked against the digest and refused."""
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(sleutel)
    vals = sleutel[:15] + ("0" if sleutel[15] != "0" else "1") + sleutel[16:]
    assert _mij(vals).status_code == 401


def test_ingetrokken_token_meteen_geweigerd(client, prt_gelderland):
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(sleutel)
    client.force_login(prt_gelderland)
    assert client.post("/account/token/intrekken/").status_code == 302
    assert _mij(sleutel).status_code == 401


def test_vervangen_token_meteen_geweigerd(prt_gelderland):
    oud = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(oud)
    nieuw = token_aanmaken(gebruiker=prt_gelderland).key
    assert _mij(oud).status_code == 401
    assert _mij(nieuw).status_code == 200


def test_in_beheer_ingetrokken_token_meteen_geweigerd(client, ministerie, prt_gelderland):
    nieuw = token_aanmaken(gebruiker=prt_gelderland)
    _bewaard(nieuw.key)
    client.force_login(ministerie)
    pad = f"/beheer/knox/authtoken/{nieuw.token.pk}/delete/"
    assert client.post(pad, {"post": "yes"}).status_code == 302
    assert _mij(nieuw.key).status_code == 401


def test_in_sql_verwijderd_token_meteen_geweigerd(prt_gelderland):
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(sleutel)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM knox_authtoken WHERE user_id = %s", [prt_gelderland.pk])
    assert _mij(sleutel).status_code == 401


def test_verlopen_bewaard_token_meteen_geweigerd_en_verwijderd(prt_gelderland):
    """No write marks the moment a token expires: the kept token's expiry is checked on every
    request, and knox then deletes it."""
    nieuw = token_aanmaken(gebruiker=prt_gelderland)
    _bewaard(nieuw.key)
    with time_machine.travel(nieuw.token.expiry + dt.timedelta(seconds=1)):
        assert timezone.now() > nieuw.token.expiry
        assert _mij(nieuw.key).status_code == 401
    assert not AuthToken.objects.filter(pk=nieuw.token.pk).exists()
    assert _mij(nieuw.key).status_code == 401


def test_gedeactiveerde_gebruiker_meteen_geweigerd(prt_gelderland):
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(sleutel)
    prt_gelderland.is_active = False
    prt_gelderland.save(update_fields=["is_active"])
    assert _mij(sleutel).status_code == 401


def test_gewijzigde_gebruiker_meteen_gezien(prt_gelderland, provincie_noord_holland):
    """The kept user is the one the access rules read (role, province): a change shows at once."""
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    _bewaard(sleutel)
    prt_gelderland.provincie = provincie_noord_holland
    prt_gelderland.save(update_fields=["provincie"])
    assert _mij(sleutel).json()["provincie"] == provincie_noord_holland.code


def test_in_teruggedraaide_transactie_ingetrokken_token_blijft_geldig(prt_gelderland):
    """What is read inside a transaction that is rolled back is never kept for later: the token
    deleted there works again afterwards, and one read there is checked again outside it."""
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key

    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        token_intrekken(gebruiker=prt_gelderland)
        assert _mij(sleutel).status_code == 401
        raise Terug
    _bewaard(sleutel)

    with pytest.raises(Terug), transaction.atomic():
        assert _mij(sleutel).status_code == 200  # kept, read inside the transaction
        token_intrekken(gebruiker=prt_gelderland)
        assert _mij(sleutel).status_code == 401  # its own delete counts inside it
        raise Terug
    assert _mij(sleutel).status_code == 200
    token_intrekken(gebruiker=prt_gelderland)
    assert _mij(sleutel).status_code == 401
