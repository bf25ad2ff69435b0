import datetime as dt

import pytest

from accounts.models import Rol
from locaties.models import Fase, Opvanglocatie, Soort
from raming.models import Gemeente
from tests.factories import GebruikerFactory


def locatie_maken(gemeente, **velden) -> Opvanglocatie:
    """A location written directly (for reads and access); writes under test use the services."""
    standaard = {
        "naam": f"Locatie {Opvanglocatie.objects.count() + 1}",
        "capaciteit_regulier": 100,
        "soort": Soort.REGULIER_AZC,
        "fase": Fase.PLANVORMING,
        "fase_sinds": dt.date(2026, 1, 1),
    }
    standaard.update(velden)
    return Opvanglocatie.objects.create(gemeente=gemeente, **standaard)


@pytest.fixture
def arnhem(gemeenten):
    return Gemeente.objects.get(naam="Arnhem")


@pytest.fixture
def nijmegen(gemeenten):
    return Gemeente.objects.get(naam="Nijmegen")


@pytest.fixture
def zaanstad(gemeenten):
    return Gemeente.objects.get(naam="Zaanstad")


@pytest.fixture
def gemeente_nijmegen(nijmegen):
    return GebruikerFactory(username="t-gemeente-nijmegen", rol=Rol.GEMEENTE, gemeente=nijmegen)
