"""API infrastructure: personal tokens from the profile page, token auth, one error shape."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import include, path
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db


def _fout_vorm(body: dict, status: int, type_: str) -> None:
    assert body["status"] == status
    assert body["type"] == type_
    assert isinstance(body["titel"], str) and body["titel"]
    assert isinstance(body["detail"], str) and body["detail"]


def test_token_aanmaken_tonen_en_intrekken(client, prt_gelderland):
    client.force_login(prt_gelderland)
    pagina = client.get("/account/profiel/")
    assert pagina.status_code == 200
    assert not Token.objects.filter(user=prt_gelderland).exists()

    response = client.post("/account/token/aanmaken/")
    assert response.status_code == 302
    token = Token.objects.get(user=prt_gelderland)
    # the key is shown once, on the next page ...
    assert token.key in client.get("/account/profiel/").content.decode()
    # ... and never again
    assert token.key not in client.get("/account/profiel/").content.decode()

    # a new token replaces the old one
    client.post("/account/token/aanmaken/")
    nieuw = Token.objects.get(user=prt_gelderland)
    assert nieuw.key != token.key

    client.post("/account/token/intrekken/")
    assert not Token.objects.filter(user=prt_gelderland).exists()


def test_token_alleen_met_post(client, prt_gelderland):
    client.force_login(prt_gelderland)
    assert client.get("/account/token/aanmaken/").status_code == 405
    assert not Token.objects.filter(user=prt_gelderland).exists()


def test_token_authenticatie_op_mij(client, prt_gelderland):
    token = Token.objects.create(user=prt_gelderland)
    response = client.get("/api/v1/mij/", HTTP_AUTHORIZATION=f"Token {token.key}")
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
    token = Token.objects.create(user=prt_gelderland)
    sleutel = token.key
    client.force_login(prt_gelderland)
    client.post("/account/token/intrekken/")
    client.logout()
    response = client.get("/api/v1/mij/", HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert response.status_code == 401
    _fout_vorm(response.json(), 401, "niet-ingelogd")


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
