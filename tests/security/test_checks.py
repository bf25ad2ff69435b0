"""The system check refuses switches that weaken authentication outside local/test."""

import pytest
from django.core.checks import Error
from django.test import override_settings

from core.checks import authenticatie_niet_verzwakt

PRODUCTIE = {
    "DEBUG": False,
    "ENVIRONMENT": "production",
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "DEMO_MODE": False,
}


def _ids(**extra):
    with override_settings(**{**PRODUCTIE, **extra}):
        return [f.id for f in authenticatie_niet_verzwakt() if isinstance(f, Error)]


def test_productie_zonder_verzwakking_is_schoon():
    assert _ids() == []


@pytest.mark.parametrize(
    ("instelling", "fout"),
    [
        ({"DEMO_MODE": True}, "regietafel.E001"),
        ({"AXES_ENABLED": False}, "regietafel.E002"),
        ({"AXES_FAILURE_LIMIT": 1000}, "regietafel.E003"),
        (
            {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]},
            "regietafel.E006",
        ),
        ({"SESSION_IDLE_TIMEOUT": 8 * 3600}, "regietafel.E007"),
        ({"SESSION_COOKIE_AGE": 30 * 24 * 3600}, "regietafel.E008"),
        ({"SESSION_COOKIE_SECURE": False}, "regietafel.E009"),
        ({"OIDC_ENABLED": True, "OIDC_RP_CLIENT_SECRET": ""}, "regietafel.E010"),
        (
            {
                "OIDC_ENABLED": True,
                "OIDC_RP_CLIENT_ID": "x",
                "OIDC_RP_CLIENT_SECRET": "y",
                "OIDC_OP_AUTHORIZATION_ENDPOINT": "http://idp.example/auth",
                "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
                "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
            },
            "regietafel.E011",
        ),
        ({"OIDC_ENABLED": True, "OIDC_RP_SIGN_ALGO": "HS256"}, "regietafel.E012"),
        ({"OIDC_ENABLED": True, "OIDC_CREATE_USER": True}, "regietafel.E013"),
    ],
)
def test_verzwakkende_schakelaar_is_fout(instelling, fout):
    assert fout in _ids(**instelling)


def test_middleware_weggehaald_is_fout(settings):
    middleware = [m for m in settings.MIDDLEWARE if m != "accounts.middleware.TweeFactorMiddleware"]
    assert "regietafel.E004" in _ids(MIDDLEWARE=middleware)


@pytest.mark.parametrize("omgeving", ["local", "test"])
def test_demo_mag_lokaal_en_in_test(omgeving):
    assert _ids(DEMO_MODE=True, ENVIRONMENT=omgeving) == []


def test_demo_mag_met_debug():
    assert _ids(DEMO_MODE=True, DEBUG=True) == []


def test_check_draait_via_manage_py(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    with override_settings(**{**PRODUCTIE, "DEMO_MODE": True}):
        with pytest.raises(SystemCheckError, match="regietafel.E001"):
            call_command("check")
