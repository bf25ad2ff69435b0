"""A kept API response (or the kept workbook) read in the same round trip as the API token
(accounts/api/auth.py ``vooraf_te_lezen``, core/gestempeld.py ``lezen_samen``, ADR 0020): the
key is guessed from the token's user of an earlier request and used only when it is the key of
this request's user; a write or a changed user shows at once."""

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import token_aanmaken
from regietafels.models import Regietafel
from regietafels.services import verslag_aanmaken

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _leeg():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rondes(monkeypatch):
    """The round trips to Redis: one command or one pipeline each."""
    geteld = [0]

    def tellen(origineel):
        def geteld_aanroepen(*args, **kwargs):
            geteld[0] += 1
            return origineel(*args, **kwargs)

        return geteld_aanroepen

    monkeypatch.setattr(redis.Redis, "execute_command", tellen(redis.Redis.execute_command))
    monkeypatch.setattr(redis.client.Pipeline, "execute", tellen(redis.client.Pipeline.execute))
    return geteld


def _get(sleutel: str, pad: str):
    return Client().get(pad, HTTP_AUTHORIZATION=f"Token {sleutel}")


def _namen(antwoord) -> set[str]:
    assert antwoord.status_code == 200, antwoord.content
    return {r["provincie"] for r in antwoord.json()["results"]}


def test_bewaard_antwoord_met_het_token_gelezen(prt_gelderland, rondes):
    """A kept list costs two round trips with a token: the token and the response in one, the
    throttle's counter in the other; no query."""
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    assert _namen(_get(sleutel, "/api/v1/regietafels/")) == {"Gelderland"}
    assert _namen(_get(sleutel, "/api/v1/regietafels/")) == {"Gelderland"}
    rondes[0] = 0
    with CaptureQueriesContext(connection) as vragen:
        assert _namen(_get(sleutel, "/api/v1/regietafels/")) == {"Gelderland"}
    assert len(vragen) == 0, vragen.captured_queries
    assert rondes[0] == 2


def test_andere_provincie_meteen_gezien(prt_gelderland, provincie_noord_holland):
    """The key read with the token is the one of the user's scope at the previous request;
    after the user moved to another province, this request's own key is read: never the
    entry of the old scope (which is still valid for other users of that scope)."""
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    for _ in range(2):
        assert _namen(_get(sleutel, "/api/v1/regietafels/")) == {"Gelderland"}
    prt_gelderland.provincie = provincie_noord_holland
    prt_gelderland.save(update_fields=["provincie"])
    for _ in range(2):
        assert _namen(_get(sleutel, "/api/v1/regietafels/")) == {"Noord-Holland"}


def test_schrijven_meteen_gezien_met_token(prt_gelderland, ministerie):
    sleutel = token_aanmaken(gebruiker=ministerie).key
    for _ in range(2):
        assert "Gelderland" in _namen(_get(sleutel, "/api/v1/regietafels/"))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE regietafels_regietafel SET voorzitter = %s WHERE provincie_id = %s",
            ["Nieuwe voorzitter", prt_gelderland.provincie_id],
        )
    rijen = _get(sleutel, "/api/v1/regietafels/").json()["results"]
    assert "Nieuwe voorzitter" in {r["voorzitter"] for r in rijen}


def test_ingetrokken_token_krijgt_geen_bewaard_antwoord(prt_gelderland, client):
    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    for _ in range(2):
        assert _get(sleutel, "/api/v1/regietafels/").status_code == 200
    client.force_login(prt_gelderland)
    assert client.post("/account/token/intrekken/").status_code == 302
    assert _get(sleutel, "/api/v1/regietafels/").status_code == 401


@pytest.fixture
def verslag(cyclus, prt_gelderland):
    tafel = Regietafel.objects.get(provincie=prt_gelderland.provincie)
    return verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_gelderland)


def test_bewaard_werkboek_zonder_query_en_per_bereik(
    verslag, prt_gelderland, prt_noord_holland, gemeente_arnhem, rondes
):
    """The kept workbook is served without a query (its access check included, as a kept
    detail response); another province still gets 404 and a gemeente 403."""
    pad = f"/api/v1/verslagen/{verslag.pk}/werkboek/"
    gld = token_aanmaken(gebruiker=prt_gelderland).key
    eerste = _get(gld, pad)
    assert eerste.status_code == 200 and eerste["Content-Disposition"].startswith("attachment")
    _get(gld, pad)
    rondes[0] = 0
    with CaptureQueriesContext(connection) as vragen:
        weer = _get(gld, pad)
    assert len(vragen) == 0, vragen.captured_queries
    assert rondes[0] == 2
    assert weer.content == eerste.content
    assert weer["Content-Type"] == eerste["Content-Type"]
    assert weer["Content-Disposition"] == eerste["Content-Disposition"]
    nh = token_aanmaken(gebruiker=prt_noord_holland).key
    arnhem = token_aanmaken(gebruiker=gemeente_arnhem).key
    for _ in range(2):
        assert _get(nh, pad).status_code == 404
        assert _get(arnhem, pad).status_code == 403
    # the verslag moved to another province: Gelderland no longer sees it, at once
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE regietafels_verslag SET regietafel_id = %s WHERE id = %s",
            [Regietafel.objects.get(provincie=prt_noord_holland.provincie).pk, verslag.pk],
        )
    assert _get(gld, pad).status_code == 404
    assert _get(nh, pad).status_code == 200


def test_werkboek_na_schrijven_opnieuw_gemaakt(verslag, ministerie):
    pad = f"/api/v1/verslagen/{verslag.pk}/werkboek/"
    sleutel = token_aanmaken(gebruiker=ministerie).key
    eerste = _get(sleutel, pad).content
    assert _get(sleutel, pad).content == eerste
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE raming_gemeente SET naam = %s WHERE naam = %s", ["Arnhem-Vers", "Arnhem"]
        )
    assert _get(sleutel, pad).content != eerste
