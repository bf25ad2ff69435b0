import csv
import datetime as dt
from functools import lru_cache
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_instellingen

from accounts.models import Rol
from accounts.rechten import SYSTEEM
from raming.importeren import import_gemeenten
from raming.models import Gemeente, Inwonertal, Provincie
from raming.provincies import CBS_NAMEN

from .factories import GebruikerFactory

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
GEMEENTEN_CSV = SHARED_DATA / "cbs_gemeenten_2025_inwoners_2023.csv"
PEILDATUM_2023 = dt.date(2023, 1, 1)

# The suite runs in two processes on two shared cores: how long one generated example takes
# says nothing about the code under test, so no per-example deadline and no "too slow" check
# (a test's own @settings still sets its number of examples).
hypothesis_instellingen.register_profile(
    "regietafel", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_instellingen.load_profile("regietafel")


@lru_cache(maxsize=1)
def _cbs_gemeenten() -> tuple[tuple[str, str, str, int], ...]:
    """(code, naam, provincie code, inwoners) per row of the CBS file, parsed once."""
    with open(GEMEENTEN_CSV, encoding="utf-8") as bestand:
        return tuple(
            (
                rij["gm_code"],
                rij["gemeentenaam"],
                CBS_NAMEN[rij["provincie"].casefold()],
                int(rij["inwoners_2023_01_01"]),
            )
            for rij in csv.DictReader(bestand)
        )


@pytest.fixture
def gemeenten(db):
    """The real 342 gemeenten with their population on 1-1-2023 (Bron: CBS)."""
    return gemeenten_aanmaken()


def gemeenten_aanmaken():
    """The same rows the importer writes (tests/foundation tests the importer itself), written
    in bulk: the importer's history records cost seconds per test."""
    if Gemeente.objects.count() == 0:
        provincies = dict(Provincie.objects.values_list("code", "pk"))
        slugs: set[str] = set()
        nieuw = []
        for code, naam, provincie, _ in _cbs_gemeenten():
            slug = slugify(naam)[:90] or code.lower()
            if slug in slugs:
                slug = f"{slug}-{code.lower()}"
            slugs.add(slug)
            nieuw.append(
                Gemeente(code=code, naam=naam, slug=slug, provincie_id=provincies[provincie])
            )
        Gemeente.objects.bulk_create(nieuw)
        ids = dict(Gemeente.objects.values_list("code", "pk"))
        Inwonertal.objects.bulk_create(
            Inwonertal(gemeente_id=ids[code], peildatum=PEILDATUM_2023, aantal=inwoners)
            for code, _, _, inwoners in _cbs_gemeenten()
        )
    else:
        import_gemeenten(GEMEENTEN_CSV, door=SYSTEEM)
    return Gemeente.objects.all()


@pytest.fixture
def provincie_gelderland(db):
    return Provincie.objects.get(code="PV25")


@pytest.fixture
def provincie_noord_holland(db):
    return Provincie.objects.get(code="PV27")


@pytest.fixture
def ministerie(db):
    user = GebruikerFactory(username="t-ministerie", rol=Rol.MINISTERIE, is_staff=True)
    # 2FA is mandatory for ministry staff: with ``otp_device`` set, django-otp marks the session
    # of ``client.force_login(user)`` as verified; the browser ``inloggen`` enters the code
    user.otp_device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


@pytest.fixture
def coa(db):
    return GebruikerFactory(username="t-coa", rol=Rol.COA)


@pytest.fixture
def prt_gelderland(db, provincie_gelderland):
    return GebruikerFactory(
        username="t-prt-gelderland", rol=Rol.PRT_SECRETARIS, provincie=provincie_gelderland
    )


@pytest.fixture
def prt_noord_holland(db, provincie_noord_holland):
    return GebruikerFactory(
        username="t-prt-noord-holland", rol=Rol.PRT_SECRETARIS, provincie=provincie_noord_holland
    )


@pytest.fixture
def gemeente_zaanstad(gemeenten):
    return GebruikerFactory(
        username="t-gemeente-zaanstad",
        rol=Rol.GEMEENTE,
        gemeente=Gemeente.objects.get(naam="Zaanstad"),
    )


@pytest.fixture
def gemeente_arnhem(gemeenten):
    return GebruikerFactory(
        username="t-gemeente-arnhem", rol=Rol.GEMEENTE, gemeente=Gemeente.objects.get(naam="Arnhem")
    )


def _referentiegegevens_herstellen():
    """The 12 provinces, their regietafels and the municipal mergers come from data migrations;
    a transactional test empties every table afterwards (its teardown's post_migrate puts back
    the content types and permissions), so they are put back for the tests that follow. This
    is all a transactional test needs of the migrations' data: no test uses
    ``serialized_rollback``, whose snapshot cost every test with it a restore of all tables
    and could not be laid over the content types another transactional test had recreated.
    (Without the mergers the CBS import matched one gemeente fewer: Voorne aan Zee, which it
    derives from its predecessors.)"""
    from django.apps import apps

    from raming.models import Gemeentefusie
    from raming.provincies import PROVINCIES
    from regietafels.models import Regietafel

    herindelingen = import_module("raming.migrations.0006_herindelingen")
    fusies = sum(len(voorgangers) for *_, voorgangers in herindelingen.HERINDELINGEN)
    if Gemeentefusie.objects.count() < fusies:
        herindelingen.vastleggen(apps, None)

    if Provincie.objects.count() < len(PROVINCIES):
        for code, naam, slug in PROVINCIES:
            Provincie.objects.get_or_create(code=code, defaults={"naam": naam, "slug": slug})
    if Regietafel.objects.count() < len(PROVINCIES):
        for provincie in Provincie.objects.all():
            Regietafel.objects.get_or_create(
                provincie=provincie,
                defaults={"naam": f"Provinciale regietafel {provincie.naam}"},
            )


@pytest.fixture
def zonder_cache():
    """Every query and page computed afresh (for counting the queries of computing a page,
    not of reading cached results): cachalot's query cache and the page fragments off."""
    from .rediscache import geen_cache

    with geen_cache():
        yield


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the group markers
def pytest_collection_modifyitems(config, items):
    """Mark the tests that run one at a time: browser tests (Chromium and a live server) and
    Celery-worker tests (a worker subprocess on the queue), and any test with
    ``serialized_rollback`` (none today: a transactional test gets the data of the migrations
    back from ``_referentiegegevens_herstellen``, which is cheaper than a snapshot). Under
    pytest-xdist they form one group (``--dist loadgroup``, see scripts/run-tests.sh): one
    worker runs them one after the other while the other workers run the rest. Each worker has
    its own database, cache key prefix and Celery queue keys (config/settings/test.py)."""
    for item in items:
        db = item.get_closest_marker("django_db")
        if (
            (db is not None and db.kwargs.get("serialized_rollback"))
            or item.get_closest_marker("browser")
            or item.get_closest_marker("celery_worker")
        ):
            item.add_marker(pytest.mark.serieel)
            # the group only under pytest-xdist (without it the marker is unknown)
            if config.getoption("loadgroup", False):
                item.add_marker(pytest.mark.xdist_group("serieel"))
                if not item.nodeid.endswith("@serieel"):
                    _groep_in_nodeid(item, "serieel")


def _groep_in_nodeid(item, groep: str) -> None:
    """pytest-xdist (3.8) schedules an ``xdist_group`` by a suffix ``@group`` of the node id,
    which it writes to ``item._nodeid``; pytest 9.2 keeps the id in ``item._id`` and ignores
    that, so the group fell apart over the workers. The suffix is written where pytest reads it
    (harmless if xdist adds it too: the scheduler takes what follows the last ``@``)."""
    from _pytest.nodeid import coerce_node_id

    if hasattr(item, "_id"):
        item._id = coerce_node_id(f"{item.nodeid}@{groep}")
    else:
        item._nodeid = f"{item.nodeid}@{groep}"


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's database setup, but migrated once per run and copied after that
    (tests/testdatabase.py). ``--reuse-db`` and ``--no-migrations`` keep pytest-django's own."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    from .testdatabase import databases_opzetten

    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if any("demo" in item.fixturenames for item in request.session.items):
        aliases.add("default")  # the demo's copy is made beside the test database

    def setup(**kwargs):
        return setup_databases(verbosity=verbosity, interactive=False, **kwargs)

    with django_db_blocker.unblock():
        if not django_db_use_migrations or keepdb:
            if not django_db_use_migrations:
                _disable_migrations()
            db_cfg = setup(aliases=aliases, serialized_aliases=serialized_aliases, keepdb=keepdb)
        else:
            db_cfg = databases_opzetten(
                setup, aliases=aliases, serialized_aliases=serialized_aliases
            )
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


def _querycache_legen():
    from django.core.cache import cache

    # Emptied, not invalidated: cachalot dates invalidations by the clock, so a test that
    # travels back in time (time-machine) would otherwise make older results look fresh.
    cache.clear()  # this run's keys only (tests/rediscache.py)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Every test starts without query results kept by an earlier test: the rows of a test are
    rolled back or emptied with TRUNCATE when it ends, which the query cache does not see as a
    write, and the same query (same ids) could then be answered about rows that are gone.
    Within a test nothing is emptied, so tests/regietafels/test_versheid.py still proves that
    every write reaches the cached pages."""
    _querycache_legen()
    # The content types are emptied with the rows and made again with other ids; the manager's
    # in-process cache would still name the old ids (a foreign key to a missing row).
    ContentType.objects.clear_cache()
    yield


@pytest.fixture(autouse=True)
def _referentiegegevens(request):
    marker = request.node.get_closest_marker("django_db")
    namen = set(request.fixturenames)
    transactioneel = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & namen
    )
    if transactioneel:
        request.getfixturevalue("transactional_db")
    elif marker is not None or "db" in namen:
        request.getfixturevalue("db")
    else:
        return
    _referentiegegevens_herstellen()


@pytest.fixture
def eager():
    """Run Celery tasks in-process for one test (the broker is not used): mail recorded by a
    service leaves at once when the test runs the on-commit callbacks."""
    from config.celery import app

    oud = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = oud


@pytest.fixture(scope="session")
def _demo_testdatabase(django_db_setup, django_db_blocker):
    """This process's test database; its copy of a demo template goes at the end."""
    from django.db import connection

    from .demodatabase import kopie_weg

    testnaam = connection.settings_dict["NAME"]
    yield testnaam
    with django_db_blocker.unblock():
        kopie_weg(testnaam)


@pytest.fixture
def demo(request, _demo_testdatabase, django_db_blocker):
    """The demo: ``demo.laden(moment)`` gives the test the demo as loaded at that moment, from
    templates loaded once per run (tests/demodatabase.py), in a transaction rolled back when
    the test ends. A test reads the demo or builds its own rows, not both: no ``db`` and no
    ``django_db`` marker beside it."""
    from contextlib import ExitStack

    from .demodatabase import Demo

    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        raise pytest.UsageError(f"{request.node.nodeid}: 'demo' gaat niet samen met 'db'")
    with django_db_blocker.unblock(), ExitStack() as stapel:
        yield Demo(_demo_testdatabase, stapel)


@pytest.hookimpl(trylast=True)  # after the session fixtures' teardown
def pytest_sessionfinish(session):
    """The run's demo templates go when the process that started the run ends (under
    pytest-xdist after its workers)."""
    if hasattr(session.config, "workerinput"):
        return
    from django.db import OperationalError
    from pytest_django.plugin import blocking_manager_key

    from .demodatabase import sjablonen_weg

    blokkade = session.config.stash.get(blocking_manager_key, None)
    if blokkade is None:
        return
    try:
        with blokkade.unblock():
            sjablonen_weg()
    except OperationalError:
        pass  # no database server for this run: no template either
