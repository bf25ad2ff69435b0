"""System checks: no switch that weakens authentication may be on outside local and test.

Registered from ``core.audit``'s AppConfig.ready(). Run by ``manage.py check`` (and so by
``runserver``, ``migrate`` and ``check --deploy``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

VEILIGE_OMGEVINGEN = {"local", "test"}


def _is_productie_achtig() -> bool:
    return not settings.DEBUG and getattr(settings, "ENVIRONMENT", "") not in VEILIGE_OMGEVINGEN


@register(Tags.security, deploy=False)
def authenticatie_niet_verzwakt(app_configs=None, **kwargs):
    if not _is_productie_achtig():
        return []
    fouten = []
    if getattr(settings, "DEMO_MODE", False):
        fouten.append(
            Error(
                "DEMO_MODE staat aan buiten een lokale of testomgeving.",
                hint="Zet DEMO_MODE=False: demogebruikers slaan dan de tweede factor over.",
                id="regietafel.E001",
            )
        )
    if not getattr(settings, "AXES_ENABLED", True):
        fouten.append(
            Error(
                "AXES_ENABLED staat uit: er is geen bescherming tegen wachtwoord raden.",
                hint="Verwijder AXES_ENABLED=False uit de instellingen.",
                id="regietafel.E002",
            )
        )
    limiet = getattr(settings, "AXES_FAILURE_LIMIT", 5)
    if not isinstance(limiet, int) or limiet < 1 or limiet > 10:
        fouten.append(
            Error(
                f"AXES_FAILURE_LIMIT={limiet!r}: moet tussen 1 en 10 liggen.",
                id="regietafel.E003",
            )
        )
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    for nodig in (
        "django_otp.middleware.OTPMiddleware",
        "accounts.middleware.TweeFactorMiddleware",
        "core.middleware.LoginVereistMiddleware",
        "core.middleware.SessieTimeoutMiddleware",
        "axes.middleware.AxesMiddleware",
    ):
        if nodig not in middleware:
            fouten.append(Error(f"{nodig} ontbreekt in MIDDLEWARE.", id="regietafel.E004"))
    if "axes.backends.AxesStandaloneBackend" not in getattr(
        settings, "AUTHENTICATION_BACKENDS", []
    ):
        fouten.append(
            Error(
                "AxesStandaloneBackend ontbreekt in AUTHENTICATION_BACKENDS.",
                id="regietafel.E005",
            )
        )
    hashers = getattr(settings, "PASSWORD_HASHERS", [])
    if hashers and any(
        zwak in hashers[0] for zwak in ("MD5", "SHA1", "UnsaltedMD5", "UnsaltedSHA1")
    ):
        fouten.append(
            Error(
                f"PASSWORD_HASHERS begint met een zwakke hasher ({hashers[0]}).",
                id="regietafel.E006",
            )
        )
    if getattr(settings, "OIDC_ENABLED", False):
        fouten.extend(_oidc_fouten())
    if getattr(settings, "SESSION_IDLE_TIMEOUT", 1800) > 1800:
        fouten.append(
            Error(
                "SESSION_IDLE_TIMEOUT is langer dan 30 minuten.",
                id="regietafel.E007",
            )
        )
    if getattr(settings, "SESSION_COOKIE_AGE", 36000) > 36000:
        fouten.append(
            Error(
                "SESSION_COOKIE_AGE (absolute sessieduur) is langer dan 10 uur.",
                id="regietafel.E008",
            )
        )
    if not getattr(settings, "SESSION_COOKIE_SECURE", False) or not getattr(
        settings, "CSRF_COOKIE_SECURE", False
    ):
        fouten.append(
            Error(
                "Sessie- en CSRF-cookies moeten Secure zijn buiten een lokale of testomgeving.",
                id="regietafel.E009",
            )
        )
    return fouten


@register(Tags.caches, deploy=True)
def gedeelde_cache(app_configs=None, **kwargs):
    """Several gunicorn workers and the Celery worker must share one cache: the published-
    query cache (django-cachalot) and the page fragments are invalidated through it."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not _is_productie_achtig() or not backend.endswith("LocMemCache"):
        return []
    return [
        Warning(
            "CACHE_URL wijst naar een cache in het geheugen van één proces.",
            hint=(
                "Zet CACHE_URL op de Redis-server (redis://redis:6379/1). Zonder gedeelde cache "
                "staat de querycache (django-cachalot) uit en wordt elke pagina volledig berekend."
            ),
            id="regietafel.W001",
        )
    ]


def _oidc_fouten() -> list:
    fouten = []
    for naam in (
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ):
        if not getattr(settings, naam, ""):
            fouten.append(Error(f"SSO staat aan maar {naam} is leeg.", id="regietafel.E010"))
    for naam in (
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
    ):
        waarde = getattr(settings, naam, "") or ""
        if waarde and not waarde.startswith("https://"):
            fouten.append(Error(f"{naam} moet https:// gebruiken.", id="regietafel.E011"))
    if getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256") != "RS256":
        fouten.append(
            Error(
                "OIDC_RP_SIGN_ALGO moet RS256 zijn (ondertekend met de sleutel van de provider).",
                id="regietafel.E012",
            )
        )
    if getattr(settings, "OIDC_CREATE_USER", False):
        fouten.append(
            Error(
                "OIDC_CREATE_USER staat aan: SSO mag alleen bestaande gebruikers koppelen.",
                id="regietafel.E013",
            )
        )
    return fouten
