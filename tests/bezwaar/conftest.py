"""Fixtures for the bezwaar tests: the verdeelbesluit 2024 over the real gemeenten, fixed and
made known on Monday 23 December 2024."""

import datetime as dt

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.models import Rol
from raming.models import Gemeente, Wetscyclus
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel
from tests.factories import GebruikerFactory

BEKENDGEMAAKT = dt.date(2024, 12, 23)


def op(datum: dt.date, uur: int = 12):
    """The clock at ``datum`` ``uur``:00 Dutch time (time-machine)."""
    return time_machine.travel(
        timezone.make_aware(dt.datetime.combine(datum, dt.time(uur))), tick=False
    )


@pytest.fixture(autouse=True)
def _eigen_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _zonder_querycache(zonder_cache):
    """These tests travel in time; cachalot dates its results by the clock."""
    yield


def maak_besluit(besluitdatum: dt.date) -> Verdeelbesluit:
    """A fixed verdeelbesluit over the gemeenten of Gelderland and Noord-Holland (written
    directly: how a verdeelbesluit comes about is tested in tests/regietafels)."""
    cyclus, _ = Wetscyclus.objects.get_or_create(jaar=2024)
    versie = Verdeelbesluit.objects.filter(cyclus=cyclus).count() + 1
    besluit = Verdeelbesluit.objects.create(
        cyclus=cyclus,
        versie=versie,
        status=Verdeelbesluit.Status.VASTGESTELD,
        besluitdatum=besluitdatum,
        vastgesteld_op=timezone.make_aware(dt.datetime.combine(besluitdatum, dt.time(10))),
    )
    VerdeelbesluitRegel.objects.bulk_create(
        VerdeelbesluitRegel(
            verdeelbesluit=besluit,
            gemeente=g,
            indicatief_aantal=20 + g.pk % 100,
            aangeboden=10,
            restopgave=10 + g.pk % 100,
            voorgesteld=20 + g.pk % 100,
            aantal=20 + g.pk % 100,
            realisatietermijn=besluitdatum + relativedelta(months=6),
        )
        for g in Gemeente.objects.filter(provincie__code__in=["PV25", "PV27"])
    )
    return besluit


@pytest.fixture
def besluit(gemeenten):
    return maak_besluit(BEKENDGEMAAKT)


def regel_van(besluit, naam: str) -> VerdeelbesluitRegel:
    return VerdeelbesluitRegel.objects.select_related("gemeente").get(
        verdeelbesluit=besluit, gemeente__naam=naam
    )


@pytest.fixture
def arnhem_regel(besluit):
    return regel_van(besluit, "Arnhem")


@pytest.fixture
def gemeente_nijmegen(gemeenten):
    return GebruikerFactory(
        username="t-gemeente-nijmegen",
        rol=Rol.GEMEENTE,
        gemeente=Gemeente.objects.get(naam="Nijmegen"),
    )
