"""Single sign-on against a real OpenID Connect provider, started inside the test.

The provider (``Provider`` below) speaks HTTP on a free port: discovery, an authorize endpoint
that redirects back with a code, a token endpoint that issues an RS256-signed id_token, JWKS
and userinfo. mozilla-django-oidc talks to it over the network as it would to a real one.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings

from core.audit.models import Beveiligingsgebeurtenis, Soort
from core.middleware import SESSIE_SSO

pytestmark = pytest.mark.django_db

CLIENT_ID = "regietafel-test"
CLIENT_SECRET = "geheim-" + "x" * 20


class Provider:
    def __init__(self):
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.onderteken_sleutel = self.sleutel  # a test may swap in a key the JWKS lacks
        self.claims: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if url.path == "/jwks":
                    jwk = json.loads(
                        jwt.algorithms.RSAAlgorithm.to_jwk(provider.sleutel.public_key())
                    )
                    jwk.update({"kid": "sleutel-1", "alg": "RS256", "use": "sig"})
                    return self._json({"keys": [jwk]})
                if url.path == "/authorize":
                    assert query["client_id"] == CLIENT_ID
                    assert query["response_type"] == "code"
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {"nonce": query.get("nonce")}
                    terug = f"{query['redirect_uri']}?" + urlencode(
                        {"code": code, "state": query["state"]}
                    )
                    self.send_response(302)
                    self.send_header("Location", terug)
                    self.end_headers()
                    return None
                if url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(provider.tokens[token])
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
                if urlparse(self.path).path != "/token":
                    return self._json({"error": "not_found"}, 404)
                if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
                    return self._json({"error": "invalid_client"}, 401)
                code = provider.codes.pop(form.get("code"), None)
                if code is None:
                    return self._json({"error": "invalid_grant"}, 400)
                nu = int(time.time())
                claims = {
                    "iss": provider.url,
                    "aud": CLIENT_ID,
                    "sub": provider.claims.get("sub", "sub-1"),
                    "iat": nu,
                    "exp": nu + 300,
                    "nonce": code["nonce"],
                    **provider.claims,
                }
                id_token = jwt.encode(
                    claims,
                    provider.onderteken_sleutel,
                    algorithm="RS256",
                    headers={"kid": "sleutel-1"},
                )
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = dict(provider.claims)
                return self._json(
                    {"access_token": access, "id_token": id_token, "token_type": "Bearer"}
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def discovery(self):
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
        }


@pytest.fixture
def provider():
    p = Provider()
    p.thread.start()
    config = requests.get(f"{p.url}/.well-known/openid-configuration", timeout=5).json()
    instellingen = override_settings(
        OIDC_ENABLED=True,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT=config["authorization_endpoint"],
        OIDC_OP_TOKEN_ENDPOINT=config["token_endpoint"],
        OIDC_OP_USER_ENDPOINT=config["userinfo_endpoint"],
        OIDC_OP_JWKS_ENDPOINT=config["jwks_uri"],
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
            "accounts.oidc.BestaandeGebruikerBackend",
        ],
    )
    instellingen.enable()
    yield p
    instellingen.disable()
    p.server.shutdown()


def _sso_inloggen(client, provider, volgende="/"):
    start = client.get(f"/account/oidc/starten/?next={volgende}")
    assert start.status_code == 302
    assert start.url.startswith(provider.url + "/authorize?")
    # the browser follows the redirect to the provider, which sends it back with a code
    bij_provider = requests.get(start.url, allow_redirects=False, timeout=5)
    assert bij_provider.status_code == 302
    terug = urlparse(bij_provider.headers["Location"])
    assert terug.path == "/account/oidc/terugkeer/"
    return client.get(f"{terug.path}?{terug.query}")


def test_sso_koppelt_bestaande_gebruiker_zonder_lokale_2fa(client, provider, ministerie):
    provider.claims = {"preferred_username": ministerie.username, "email": ministerie.email}
    response = _sso_inloggen(client, provider, "/account/profiel/")
    assert response.status_code == 302
    assert response.url == "/account/profiel/"
    assert client.session[SESSIE_SSO] is True
    # ministry staff normally must enter a second factor; the provider did strong auth
    assert client.get("/account/profiel/").status_code == 200
    assert Beveiligingsgebeurtenis.objects.filter(
        soort=Soort.SSO_INLOG, gebruikersnaam=ministerie.username
    ).exists()


def test_sso_onbekende_gebruiker_wordt_niet_aangemaakt(client, provider, django_user_model):
    provider.claims = {"preferred_username": "onbekend", "email": "onbekend@elders.example"}
    aantal = django_user_model.objects.count()
    response = _sso_inloggen(client, provider)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")
    assert django_user_model.objects.count() == aantal
    assert client.get("/").status_code == 302
    assert Beveiligingsgebeurtenis.objects.filter(soort=Soort.SSO_GEWEIGERD).exists()


def test_sso_email_alleen_als_geverifieerd(client, provider, prt_gelderland):
    provider.claims = {"email": prt_gelderland.email, "email_verified": False}
    response = _sso_inloggen(client, provider)
    assert response.url.startswith("/account/inloggen/")
    provider.claims = {"email": prt_gelderland.email, "email_verified": True}
    response = _sso_inloggen(client, provider)
    assert response.url == "/"
    assert client.get("/").status_code == 200


def test_sso_vervalste_handtekening_geweigerd(client, provider, prt_gelderland):
    provider.claims = {"preferred_username": prt_gelderland.username}
    provider.onderteken_sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    client.raise_request_exception = False
    response = _sso_inloggen(client, provider)
    assert response.status_code in (302, 400, 403)
    assert client.get("/").status_code == 302


def test_sso_uit_geeft_404(client):
    assert client.get("/account/oidc/starten/").status_code == 404
    assert client.get("/account/oidc/terugkeer/").status_code == 404
