"""Production settings refuse unsafe configuration and pass Django's deployment checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

VEILIG = {
    "SECRET_KEY": "productie-test-" + "k7Qx9vLm2Rt8Wz4Np6Ys3Bd5Hf1Jc0Ga" * 2,
    "ALLOWED_HOSTS": "regietafel.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/regietafel",
    "CACHE_URL": "redis://127.0.0.1:6379/14",
}


def _omgeving(**extra) -> dict[str, str]:
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "CACHE_URL",
            "DJANGO_SETTINGS_MODULE",
            # set by the test settings for Playwright; check --deploy rightly refuses it
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    omgeving["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    omgeving.update(extra)
    return omgeving


def _python(code: str, omgeving: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("ontbrekend", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
@pytest.mark.parametrize("leeg", [False, True], ids=["afwezig", "leeg"])
def test_productie_start_niet_zonder_verplichte_variabele(ontbrekend, leeg):
    waarden = {k: v for k, v in VEILIG.items() if k != ontbrekend}
    if leeg:
        waarden[ontbrekend] = ""
    # The .env file is read with overwrite=False; an empty value must still count as missing.
    resultaat = _python("import django; django.setup()", _omgeving(**waarden))

    assert resultaat.returncode != 0
    assert "ImproperlyConfigured" in resultaat.stderr
    assert (
        f"{ontbrekend} ontbreekt: production settings start niet zonder deze variabele."
        in resultaat.stderr
    )


def test_productie_met_alles_ingesteld_is_veilig():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.DEMO_MODE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS)"
    )
    resultaat = _python(code, _omgeving(**VEILIG))
    assert resultaat.returncode == 0, resultaat.stderr
    assert (
        resultaat.stdout.split("\n")[0] == "False False True True True True ['regietafel.example']"
    )


def test_productie_debug_staat_altijd_uit():
    resultaat = _python(
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        _omgeving(**VEILIG, DEBUG="true", DEMO_MODE="true"),
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip().splitlines()[-1] == "False"


def test_check_deploy_slaagt():
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_omgeving(**VEILIG),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "System check identified no issues" in resultaat.stdout


def test_check_deploy_vraagt_een_gedeelde_cache():
    """With a per-process cache the data cache is off, and check --deploy warns."""
    zonder_cache = {k: v for k, v in VEILIG.items() if k != "CACHE_URL"}
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_omgeving(**zonder_cache),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert resultaat.returncode != 0
    assert "regietafel.W001" in resultaat.stdout + resultaat.stderr
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHALOT_ENABLED, s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], "
        "s.CACHES.get('template_fragments', {}).get('BACKEND'))"
    )
    instellingen = _python(code, _omgeving(**zonder_cache))
    assert instellingen.stdout.strip().splitlines()[-1] == (
        "False django.contrib.sessions.backends.db django.core.cache.backends.locmem.LocMemCache "
        "django.core.cache.backends.dummy.DummyCache"
    )
    met_redis = _python(code, _omgeving(**VEILIG))
    assert met_redis.stdout.strip().splitlines()[-1] == (
        "True django.contrib.sessions.backends.cached_db django_redis.cache.RedisCache None"
    )


def test_lokale_standaarden():
    # the test settings build on base: Dutch (the only language while there is no
    # translation), Amsterdam time
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert [code for code, _ in settings.LANGUAGES] == ["nl"]
    assert settings.AUTH_USER_MODEL == "accounts.Gebruiker"
