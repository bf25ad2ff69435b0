from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Rol
from raming.importeren import import_gemeenten
from raming.models import Gemeente, Provincie

from .factories import GebruikerFactory

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
GEMEENTEN_CSV = SHARED_DATA / "cbs_gemeenten_2025_inwoners_2023.csv"


@pytest.fixture
def gemeenten(db):
    """The real 342 gemeenten with their population on 1-1-2023 (Bron: CBS)."""
    import_gemeenten(GEMEENTEN_CSV)
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
    """The 12 provinces and their regietafels come from data migrations; a transactional test
    empties every table afterwards, so they are put back for the tests that follow."""
    from raming.provincies import PROVINCIES
    from regietafels.models import Regietafel

    if Provincie.objects.count() < len(PROVINCIES):
        for code, naam, slug in PROVINCIES:
            Provincie.objects.get_or_create(code=code, defaults={"naam": naam, "slug": slug})
    if Regietafel.objects.count() < len(PROVINCIES):
        for provincie in Provincie.objects.all():
            Regietafel.objects.get_or_create(
                provincie=provincie,
                defaults={"naam": f"Provinciale regietafel {provincie.naam}"},
            )


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
