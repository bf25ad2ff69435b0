"""docker-compose.yml, .env.example and docs/configuration.md against the settings.

There is no container engine on the build machines, so these tests are the validation of the
compose file: the services, their health checks, and that every variable it passes to the app is
one the settings read.
"""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE = Path(settings.BASE_DIR)
DIENSTEN = {"db", "redis", "web", "worker", "beat", "mailcatcher"}
APP_DIENSTEN = {"web", "worker", "beat"}
# read by Django, Celery or gunicorn themselves rather than by config/settings/*.py
BUITEN_SETTINGS = {"DJANGO_SETTINGS_MODULE"}

ENV_AANROEP = re.compile(
    r"""(?:\benv(?:\.[a-z_]+)?|os\.environ\.get|os\.environ\.setdefault|os\.getenv)\(\s*"""
    r"""["']([A-Z][A-Z0-9_]*)["']"""
)


def settings_variabelen() -> set[str]:
    """Every environment variable read in config/settings/*.py."""
    namen: set[str] = set()
    for bestand in sorted((BASE / "config" / "settings").glob("*.py")):
        tekst = bestand.read_text(encoding="utf-8")
        namen |= set(ENV_AANROEP.findall(tekst))
        namen |= set(re.findall(r"""os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]""", tekst))
    # the test settings' own switch for Playwright, not a deployment variable
    namen.discard("DJANGO_ALLOW_ASYNC_UNSAFE")
    return namen


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE / "docker-compose.yml").read_text(encoding="utf-8"))


def test_settings_lezen_de_verplichte_variabelen():
    # guards the parser above: if it finds nothing, the other tests would pass vacuously
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"} <= (
        settings_variabelen()
    )


def test_alle_diensten_met_healthcheck(compose):
    diensten = compose["services"]
    assert set(diensten) >= DIENSTEN
    for naam in DIENSTEN:
        check = diensten[naam].get("healthcheck")
        assert check, f"{naam} heeft geen healthcheck"
        assert check["test"], f"{naam}: lege healthcheck"
        assert not check.get("disable"), naam


def test_images_en_commando(compose):
    diensten = compose["services"]
    assert diensten["db"]["image"].startswith("postgres:15")
    assert diensten["redis"]["image"].startswith("redis:7")
    assert "mailpit" in diensten["mailcatcher"]["image"]
    assert "gunicorn" in str(diensten["web"]["command"])
    assert "worker" in diensten["worker"]["command"]
    assert "beat" in diensten["beat"]["command"]
    for naam in APP_DIENSTEN:
        dienst = diensten[naam]
        assert dienst["build"] == "."
        assert dienst["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert dienst["depends_on"]["db"]["condition"] == "service_healthy"
        assert dienst["depends_on"]["redis"]["condition"] == "service_healthy"
    assert {"pgdata", "redisdata"} <= set(compose["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in diensten["db"]["volumes"]


def test_compose_gebruikt_alleen_bestaande_variabelen(compose):
    bekend = settings_variabelen() | BUITEN_SETTINGS
    for naam in APP_DIENSTEN:
        omgeving = compose["services"][naam]["environment"]
        onbekend = set(omgeving) - bekend
        assert not onbekend, f"{naam}: variabelen die de settings niet lezen: {sorted(onbekend)}"
        # the production settings refuse to start without these
        assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} <= set(omgeving)


def test_env_example_noemt_elke_variabele():
    regels = (BASE / ".env.example").read_text(encoding="utf-8").splitlines()
    genoemd = {
        m.group(1) for regel in regels if (m := re.match(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", regel))
    }
    ontbreekt = settings_variabelen() - genoemd
    assert not ontbreekt, f".env.example mist: {sorted(ontbreekt)}"
    assert not genoemd - settings_variabelen() - BUITEN_SETTINGS - {"POSTGRES_PASSWORD"}


def test_configuratiedocument_noemt_elke_variabele():
    tekst = (BASE / "docs" / "configuration.md").read_text(encoding="utf-8")
    in_tabel = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", tekst, flags=re.M))
    ontbreekt = settings_variabelen() - in_tabel
    assert not ontbreekt, f"docs/configuration.md mist: {sorted(ontbreekt)}"


def test_dockerfile():
    tekst = (BASE / "Dockerfile").read_text(encoding="utf-8")
    assert tekst.startswith("#") or "FROM python:3.11-slim" in tekst
    assert "FROM python:3.11-slim" in tekst
    assert "-c requirements/constraints.txt" in tekst
    assert "collectstatic" in tekst
    gebruikers = re.findall(r"^USER\s+(\S+)", tekst, flags=re.M)
    assert gebruikers and gebruikers[-1] not in {"root", "0"}
