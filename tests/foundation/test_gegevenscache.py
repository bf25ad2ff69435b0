"""The data cache (core/gegevenscache.py): a value is kept until a table it read is written,
however that write is made, and in whichever process or transaction."""

import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import gegevenscache
from raming.models import Gemeente, Provincie


class Teller:
    """``bereken`` that counts its calls and reads the provinces' names."""

    def __init__(self):
        self.keer = 0

    def __call__(self):
        self.keer += 1
        return sorted(Provincie.objects.values_list("naam", flat=True))


def _waarde(teller, sleutel=("test", "provincies")):
    return gegevenscache.onthouden(sleutel, teller)


def _eerste_keer_bewaren(teller):
    """The first value is computed; a missing write number counts as a write, so the second
    call computes once more; from then on the value is kept."""
    _waarde(teller)
    _waarde(teller)
    begin = teller.keer
    assert _waarde(teller) == _waarde(teller)
    assert teller.keer == begin, "een bewaarde waarde wordt niet opnieuw berekend"
    return begin


@pytest.mark.django_db
def test_waarde_wordt_bewaard_en_zonder_query_teruggegeven():
    teller = Teller()
    _eerste_keer_bewaren(teller)
    with CaptureQueriesContext(connection) as queries:
        namen = _waarde(teller)
    assert len(queries) == 0
    assert "Noord-Brabant" in namen and len(namen) == 12


@pytest.mark.django_db
@pytest.mark.parametrize(
    "schrijven",
    [
        pytest.param(
            lambda: Provincie.objects.filter(code="PV30").update(naam="Brabant"), id="update"
        ),
        pytest.param(lambda: Provincie.objects.filter(code="PV30").first().save(), id="save"),
        pytest.param(lambda: _raw("UPDATE raming_provincie SET naam = naam"), id="raw-sql"),
        pytest.param(
            lambda: Provincie.objects.bulk_create([Provincie(code="PV99", naam="X", slug="x")]),
            id="bulk_create",
        ),
        pytest.param(
            lambda: Provincie.objects.bulk_update(
                list(Provincie.objects.filter(code="PV30")), ["naam"]
            ),
            id="bulk_update",
        ),
    ],
)
def test_elke_schrijfwijze_maakt_de_waarde_ongeldig(schrijven):
    teller = Teller()
    begin = _eerste_keer_bewaren(teller)
    schrijven()
    _waarde(teller)
    assert teller.keer == begin + 1


def _raw(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.mark.django_db
def test_verwijderen_maakt_ongeldig_en_de_nieuwe_waarde_klopt(gemeenten):
    def namen():
        return sorted(Gemeente.objects.filter(naam__startswith="Zaan").values_list("naam"))

    assert gegevenscache.onthouden(("zaan",), namen) == [("Zaanstad",)]
    gegevenscache.onthouden(("zaan",), namen)
    Gemeente.objects.filter(naam="Zaanstad").update(naam="Zaandam-Zaanstad")
    assert gegevenscache.onthouden(("zaan",), namen) == [("Zaandam-Zaanstad",)]


@pytest.mark.django_db
def test_schrijven_in_een_andere_tabel_laat_de_waarde_staan(gemeenten):
    teller = Teller()
    begin = _eerste_keer_bewaren(teller)
    Gemeente.objects.filter(naam="Zaanstad").update(naam="Zaanstad")
    _waarde(teller)
    assert teller.keer == begin


@pytest.mark.django_db
def test_bereken_dat_schrijft_wordt_niet_bewaard():
    keer = []

    def schrijvend():
        keer.append(1)
        Provincie.objects.filter(code="PV30").update(naam="Noord-Brabant")
        return 1

    for _ in range(4):
        assert gegevenscache.onthouden(("schrijvend",), schrijvend) == 1
    assert len(keer) == 4


@pytest.mark.django_db
def test_niet_bewaren_en_sessietabel():
    keer = []

    def fout():
        keer.append(1)
        return gegevenscache.NietBewaren("fout")

    assert gegevenscache.onthouden(("fout",), fout) == "fout"
    assert gegevenscache.onthouden(("fout",), fout) == "fout"
    assert len(keer) == 2

    def sessies():
        keer.append(1)
        with connection.cursor() as cursor:
            cursor.execute('SELECT count(*) FROM "django_session"')
            return cursor.fetchone()[0]

    voor = len(keer)
    for _ in range(3):
        gegevenscache.onthouden(("sessies",), sessies)
    assert len(keer) == voor + 3, "een waarde die de sessietabel leest wordt niet bewaard"


@pytest.mark.django_db
def test_geneste_waarde_geeft_haar_tabellen_door(gemeenten):
    """An enclosing value that uses a kept inner value depends on the inner value's tables."""

    def binnen():
        return Gemeente.objects.count()

    def buiten():
        return ("aantal", gegevenscache.onthouden(("binnen",), binnen))

    for _ in range(3):
        gegevenscache.onthouden(("binnen",), binnen)
    for _ in range(3):
        assert gegevenscache.onthouden(("buiten",), buiten) == ("aantal", 342)
    Gemeente.objects.filter(naam="Zaanstad").delete()
    assert gegevenscache.onthouden(("buiten",), buiten) == ("aantal", 341)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_transactie_van_een_ander_maakt_ongeldig_na_commit():
    """A value read while another connection's transaction had not committed yet is dropped
    once that transaction commits (the write number is given again after the commit)."""
    teller = Teller()
    begin = _eerste_keer_bewaren(teller)
    geschreven = threading.Event()
    doorgaan = threading.Event()

    def schrijver():
        try:
            with transaction.atomic():
                Provincie.objects.filter(code="PV30").update(naam="Brabant")
                geschreven.set()
                doorgaan.wait(10)
        finally:
            connection.close()

    draad = threading.Thread(target=schrijver)
    draad.start()
    assert geschreven.wait(10)
    # The write is not committed: this reader sees the old name and keeps it.
    assert "Noord-Brabant" in _waarde(teller)
    assert "Noord-Brabant" in _waarde(teller)
    doorgaan.set()
    draad.join(10)
    namen = _waarde(teller)
    assert "Brabant" in namen and "Noord-Brabant" not in namen
    assert teller.keer >= begin + 2


@pytest.mark.django_db
def test_cache_onbereikbaar_berekent_gewoon(settings):
    settings.CACHES = {
        **settings.CACHES,
        "kapot": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.GEGEVENSCACHE_ALIAS = "kapot"
    teller = Teller()
    for _ in range(2):
        assert len(_waarde(teller)) == 12
    assert teller.keer == 2
    # a write while the cache is down does not fail either
    Provincie.objects.filter(code="PV30").update(naam="Noord-Brabant")


@pytest.mark.django_db
def test_uitgeschakeld_berekent_altijd(settings):
    settings.GEGEVENSCACHE = False
    teller = Teller()
    for _ in range(3):
        _waarde(teller)
    assert teller.keer == 3


def test_tabellen_uit_sql():
    assert gegevenscache.geschreven_tabellen('UPDATE "raming_gemeente" SET x = 1') == {
        "raming_gemeente"
    }
    assert gegevenscache.geschreven_tabellen('INSERT INTO "a" ("x") VALUES (1)') == {"a"}
    assert gegevenscache.geschreven_tabellen('DELETE FROM "b" WHERE id = 1') == {"b"}
    assert gegevenscache.geschreven_tabellen('TRUNCATE "a", "b" RESTART IDENTITY;') == {"a", "b"}
    assert gegevenscache.geschreven_tabellen('SELECT * FROM "a"') == set()
    assert gegevenscache.gelezen_tabellen(
        'SELECT "a"."x" FROM "a" INNER JOIN "b" ON x LEFT OUTER JOIN "c" ON y '
        'WHERE EXISTS(SELECT 1 FROM "d" U0)'
    ) >= {"a", "b", "c", "d"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schrijven_in_een_ander_proces_maakt_ongeldig(settings):
    """With a shared cache (Redis, as in production) a write by another process (a Celery
    worker, a management command) invalidates the values kept by this one."""
    redis_url = "redis://127.0.0.1:6379/12"
    settings.CACHES = {
        **settings.CACHES,
        "gedeeld": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": redis_url},
    }
    settings.GEGEVENSCACHE_ALIAS = "gedeeld"
    from django.core.cache import caches

    caches["gedeeld"].clear()
    teller = Teller()
    begin = _eerste_keer_bewaren(teller)
    code = (
        "import django; django.setup(); from raming.models import Provincie; "
        "Provincie.objects.filter(code='PV30').update(naam='Brabant')"
    )
    db = settings.DATABASES["default"]
    omgeving = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": redis_url,
    }
    resultaat = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    namen = _waarde(teller)
    assert "Brabant" in namen and "Noord-Brabant" not in namen
    assert teller.keer == begin + 1
    caches["gedeeld"].clear()


def test_lokale_cache_leeg_per_test():
    # tests/conftest.py empties the cache before every test
    assert cache.get(gegevenscache.KLOK) is None
    assert settings.GEGEVENSCACHE is True


@pytest.mark.django_db
def test_geneste_aanroepen_bij_een_lege_cache():
    """Nested values computed for the first time (both recordings still empty)."""

    def binnen():
        return 1

    def buiten():
        return gegevenscache.onthouden(("leeg-binnen",), binnen) + 1

    assert gegevenscache.onthouden(("leeg-buiten",), buiten) == 2
    assert gegevenscache.onthouden(("leeg-buiten",), buiten) == 2


@pytest.mark.django_db
def test_migreren_maakt_alles_ongeldig():
    """``migrate`` (post_migrate of core) gives every model table a new write number."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    teller = Teller()
    begin = _eerste_keer_bewaren(teller)
    post_migrate.send(sender=apps.get_app_config("core"), app_config=apps.get_app_config("core"))
    _waarde(teller)
    assert teller.keer == begin + 1
