"""Fixtures for uitruil: a cycle with a published raming for Noord-Holland and Gelderland."""

import pytest
from django.utils import timezone

from accounts.models import Rol
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from tests.factories import GebruikerFactory

# Indicative numbers used in the tests (small, so negative checks are easy to reach).
AANTALLEN = {
    "Zaanstad": 1000,
    "Purmerend": 400,
    "Amsterdam": 5000,
    "Haarlem": 900,
    "Haarlemmermeer": 800,
    "Arnhem": 900,
    "Nijmegen": 1000,
}


GEMEENTEN = {
    "Zaanstad": ("GM0479", "PV27"),
    "Purmerend": ("GM0439", "PV27"),
    "Amsterdam": ("GM0363", "PV27"),
    "Haarlem": ("GM0392", "PV27"),
    "Haarlemmermeer": ("GM0394", "PV27"),
    "Arnhem": ("GM0202", "PV25"),
    "Nijmegen": ("GM0268", "PV25"),
}


def _provincies():
    """Provinces come from a data migration; a transactional test elsewhere may have flushed
    them, so make sure they are there."""
    from raming.provincies import PROVINCIES

    for code, naam, slug in PROVINCIES:
        Provincie.objects.get_or_create(code=code, defaults={"naam": naam, "slug": slug})


@pytest.fixture
def provincie_gelderland(db):
    _provincies()
    return Provincie.objects.get(code="PV25")


@pytest.fixture
def provincie_noord_holland(db):
    _provincies()
    return Provincie.objects.get(code="PV27")


@pytest.fixture
def gemeenten(db):
    """Only the gemeenten these tests use (the full import takes seconds per test)."""
    _provincies()
    for naam, (code, provincie) in GEMEENTEN.items():
        Gemeente.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "slug": naam.lower(),
                "provincie": Provincie.objects.get(code=provincie),
            },
        )
    return Gemeente.objects.all()


@pytest.fixture
def cyclus(db):
    return Wetscyclus.objects.create(jaar=2026, omschrijving="Wetscyclus 2026")


@pytest.fixture
def raming(cyclus, gemeenten):
    raming = Raming.objects.create(
        cyclus=cyclus,
        versie=1,
        status=Raming.Status.GEPUBLICEERD,
        landelijk_aantal=88000,
        amv_aantal=7480,
        gepubliceerd_op=timezone.localdate(),
    )
    per_provincie: dict[int, int] = {}
    for naam, aantal in AANTALLEN.items():
        gemeente = Gemeente.objects.get(naam=naam)
        GemeenteVerdeling.objects.create(
            raming=raming, gemeente=gemeente, aantal=aantal, amv=aantal // 10
        )
        per_provincie[gemeente.provincie_id] = per_provincie.get(gemeente.provincie_id, 0) + aantal
    for provincie_id, opgave in per_provincie.items():
        ProvincieVerdeling.objects.create(
            raming=raming, provincie_id=provincie_id, opgave=opgave, amv=opgave // 10
        )
    return raming


def _gemeentegebruiker(naam):
    return GebruikerFactory(
        username=f"t-gemeente-{naam.lower()}",
        rol=Rol.GEMEENTE,
        gemeente=Gemeente.objects.get(naam=naam),
    )


@pytest.fixture
def zaanstad(raming, gemeente_zaanstad):
    return gemeente_zaanstad


@pytest.fixture
def purmerend(raming):
    return _gemeentegebruiker("Purmerend")


@pytest.fixture
def amsterdam(raming):
    return _gemeentegebruiker("Amsterdam")


@pytest.fixture
def haarlem(raming):
    return _gemeentegebruiker("Haarlem")


@pytest.fixture
def nijmegen(raming):
    return _gemeentegebruiker("Nijmegen")


@pytest.fixture
def arnhem(raming, gemeente_arnhem):
    return gemeente_arnhem


def gemeente(naam):
    return Gemeente.objects.get(naam=naam)
