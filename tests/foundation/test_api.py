"""API infrastructure: personal tokens from the profile page, token auth, one error shape."""

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import Http404
from django.urls import include, path
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.auth import TokenAuthentication
from core.audit.models import Beveiligingsgebeurtenis, Soort

pytestmark = pytest.mark.django_db


def _fout_vorm(body: dict, status: int, type_: str) -> None:
    assert body["status"] == status
    assert body["type"] == type_
    assert isinstance(body["titel"], str) and body["titel"]
    assert isinstance(body["detail"], str) and body["detail"]


def _getoond_token(client) -> str | None:
    gevonden = re.search(
        r'<code id="nieuw-token">([^<]+)</code>', client.get("/account/profiel/").content.decode()
    )
    return gevonden.group(1) if gevonden else None


def _mij(client, sleutel: str):
    return client.get("/api/v1/mij/", HTTP_AUTHORIZATION=f"Token {sleutel}")


def test_token_aanmaken_tonen_en_intrekken(client, prt_gelderland):
    client.force_login(prt_gelderland)
    pagina = client.get("/account/profiel/")
    assert pagina.status_code == 200
    assert not AuthToken.objects.filter(user=prt_gelderland).exists()

    response = client.post("/account/token/aanmaken/")
    assert response.status_code == 302
    # the key is shown once, on the next page ...
    sleutel = _getoond_token(client)
    assert sleutel
    # ... and never again
    assert _getoond_token(client) is None
    assert "Het werkt tot" in client.get("/account/profiel/").content.decode()

    # only its digest is stored, with an expiry
    token = AuthToken.objects.get(user=prt_gelderland)
    assert token.digest == hash_token(sleutel) != sleutel
    assert token.expiry is not None
    assert abs(token.expiry - token.created - knox_settings.TOKEN_TTL) < dt.timedelta(minutes=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM knox_authtoken WHERE digest = %s", [sleutel])
        assert cursor.fetchone()[0] == 0

    client.logout()
    assert _mij(client, sleutel).status_code == 200

    # a new token replaces the old one: the old key is refused
    client.force_login(prt_gelderland)
    client.post("/account/token/aanmaken/")
    nieuw = _getoond_token(client)
    assert nieuw and nieuw != sleutel
    assert AuthToken.objects.filter(user=prt_gelderland).count() == 1
    client.logout()
    assert _mij(client, sleutel).status_code == 401
    assert _mij(client, nieuw).status_code == 200

    client.force_login(prt_gelderland)
    client.post("/account/token/intrekken/")
    assert not AuthToken.objects.filter(user=prt_gelderland).exists()


def test_token_alleen_met_post(client, prt_gelderland):
    client.force_login(prt_gelderland)
    assert client.get("/account/token/aanmaken/").status_code == 405
    assert not AuthToken.objects.filter(user=prt_gelderland).exists()


def test_token_authenticatie_op_mij(client, prt_gelderland):
    _, sleutel = AuthToken.objects.create(user=prt_gelderland)
    response = _mij(client, sleutel)
    assert response.status_code == 200
    assert response.json() == {
        "username": prt_gelderland.username,
        "first_name": prt_gelderland.first_name,
        "last_name": prt_gelderland.last_name,
        "email": prt_gelderland.email,
        "rol": "prt-secretaris",
        "provincie": "PV25",
        "gemeente": None,
    }


def test_ingetrokken_token_werkt_niet_meer(client, prt_gelderland):
    _, sleutel = AuthToken.objects.create(user=prt_gelderland)
    client.force_login(prt_gelderland)
    client.post("/account/token/intrekken/")
    client.logout()
    response = _mij(client, sleutel)
    assert response.status_code == 401
    _fout_vorm(response.json(), 401, "niet-ingelogd")


def test_verlopen_token_werkt_niet_meer(client, prt_gelderland):
    token, sleutel = AuthToken.objects.create(user=prt_gelderland)
    assert _mij(client, sleutel).status_code == 200
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = _mij(client, sleutel)
    assert response.status_code == 401
    _fout_vorm(response.json(), 401, "niet-ingelogd")
    # the profile page no longer counts it as a token
    client.force_login(prt_gelderland)
    assert "U heeft geen token." in client.get("/account/profiel/").content.decode()
    # refused and deleted
    assert not AuthToken.objects.filter(pk=token.pk).exists()


def test_token_controleren_is_een_query(prt_gelderland):
    """A user has one token, so checking a key reads that token and its user in one query, not
    also every other token of the user to clean up (as knox itself does)."""
    from django.db import connection as verbinding
    from django.test.utils import CaptureQueriesContext

    from accounts.services import token_aanmaken

    sleutel = token_aanmaken(gebruiker=prt_gelderland).key
    with CaptureQueriesContext(verbinding) as vragen:
        gebruiker, _ = TokenAuthentication().authenticate_credentials(sleutel.encode())
    assert gebruiker == prt_gelderland
    assert len(vragen) == 1, [v["sql"] for v in vragen]


def test_beheer_toont_wie_een_token_heeft_en_trekt_in(client, ministerie, prt_gelderland):
    token, sleutel = AuthToken.objects.create(user=prt_gelderland)
    client.force_login(ministerie)
    lijst = client.get("/beheer/knox/authtoken/")
    assert lijst.status_code == 200
    tekst = lijst.content.decode()
    assert prt_gelderland.username in tekst
    # the digest is the row's key (in the links); the key, or its first characters, never shows
    assert sleutel[:15] not in tekst
    assert client.get("/beheer/knox/authtoken/add/").status_code == 403
    pad = f"/beheer/knox/authtoken/{token.pk}/delete/"
    assert client.post(pad, {"post": "yes"}).status_code == 302
    assert not AuthToken.objects.exists()
    assert _mij(client.__class__(), sleutel).status_code == 401
    assert Beveiligingsgebeurtenis.objects.filter(
        soort=Soort.TOKEN_INGETROKKEN, gebruikersnaam=prt_gelderland.username
    ).exists()


def test_migratie_hasht_bestaande_tokens(prt_gelderland):
    """A plaintext token of DRF's old table keeps working after the migration, which stores
    only its digest (with an expiry) and drops the old table."""
    migratie = importlib.import_module("accounts.migrations.0003_api_tokens_gehasht")
    oud = "0123456789abcdef0123456789abcdef01234567"
    gemaakt = timezone.now() - dt.timedelta(days=3)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, "
            "created timestamp with time zone)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)", [oud, prt_gelderland.pk, gemaakt]
        )
    with connection.schema_editor() as editor:
        migratie.tokens_hashen(django_apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    token = AuthToken.objects.get(user=prt_gelderland)
    assert token.digest == hash_token(oud)
    assert token.created == gemaakt
    assert token.expiry > timezone.now()
    assert TokenAuthentication().authenticate_credentials(oud.encode())[0] == prt_gelderland


def test_api_zonder_inloggen_401(client):
    response = client.get("/api/v1/mij/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    _fout_vorm(response.json(), 401, "niet-ingelogd")
    assert response.json()["titel"] == "Niet ingelogd"
    assert response["WWW-Authenticate"].startswith("Token")


def test_api_met_sessie(client, gemeente_zaanstad):
    client.force_login(gemeente_zaanstad)
    body = client.get("/api/v1/mij/").json()
    assert (body["rol"], body["gemeente"], body["provincie"]) == ("gemeente", "GM0479", None)


# A small API in the test's own URLconf exercises the error handler through the real DRF stack.
class _Invoer(serializers.Serializer):
    aantal = serializers.IntegerField(min_value=0)


class _FoutView(APIView):
    def get(self, request, soort):
        if soort == "404":
            raise Http404
        if soort == "403":
            raise PermissionDenied
        if soort == "django-400":
            raise DjangoValidationError({"aantal": ["Te groot."]})
        return Response({"ok": True})

    def post(self, request, soort):
        invoer = _Invoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return Response(invoer.validated_data)


urlpatterns = [
    path("api/v1/test-fout/<str:soort>/", _FoutView.as_view()),
    path("", include("config.urls")),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("soort", "status", "type_", "titel"),
    [
        ("404", 404, "niet-gevonden", "Niet gevonden"),
        ("403", 403, "geen-toegang", "Geen toegang"),
    ],
)
def test_foutvorm_404_403(client, ministerie, soort, status, type_, titel):
    client.force_login(ministerie)
    response = client.get(f"/api/v1/test-fout/{soort}/")
    assert response.status_code == status
    body = response.json()
    _fout_vorm(body, status, type_)
    assert body["titel"] == titel


@pytest.mark.urls(__name__)
def test_foutvorm_400_met_velden(client, ministerie):
    client.force_login(ministerie)
    response = client.post("/api/v1/test-fout/x/", {"aantal": -3}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    _fout_vorm(body, 400, "validatie")
    assert body["titel"] == "Ongeldige invoer"
    assert list(body["velden"]) == ["aantal"]
    assert body["velden"]["aantal"][0]

    response = client.get("/api/v1/test-fout/django-400/")
    assert response.status_code == 400
    assert response.json()["velden"] == {"aantal": ["Te groot."]}


@pytest.mark.urls(__name__)
def test_foutvorm_405(client, ministerie):
    client.force_login(ministerie)
    response = client.delete("/api/v1/test-fout/x/")
    assert response.status_code == 405
    _fout_vorm(response.json(), 405, "methode")


def test_onbekend_api_adres_geeft_404(client, ministerie):
    client.force_login(ministerie)
    response = client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 404


def test_swagger_ui_en_schema_bereikbaar(client, ministerie):
    client.force_login(ministerie)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    # offline: the Swagger UI assets come from the sidecar, not from a CDN
    assert b"cdn.jsdelivr" not in docs.content
    assert b"/static/drf_spectacular_sidecar/" in docs.content
