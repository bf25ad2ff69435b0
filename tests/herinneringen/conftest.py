import datetime as dt

import pytest

from accounts.models import Rol
from raming.models import Mijlpaal, Wetscyclus
from regietafels.models import Regietafel, Verslag
from tests.factories import GebruikerFactory

VERSLAGTERMIJN = dt.date(2026, 11, 1)


@pytest.fixture
def cyclus(db):
    cyclus = Wetscyclus.objects.create(jaar=2026)
    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.VERSLAG,
        oorspronkelijke_datum=VERSLAGTERMIJN,
        datum=VERSLAGTERMIJN,
    )
    return cyclus


@pytest.fixture
def regietafel_gelderland(db, provincie_gelderland):
    return Regietafel.objects.get(provincie=provincie_gelderland)


@pytest.fixture
def verslag_gelderland(cyclus, regietafel_gelderland):
    return Verslag.objects.create(cyclus=cyclus, regietafel=regietafel_gelderland)


@pytest.fixture
def tweede_ministerie(db):
    return GebruikerFactory(username="t-ministerie-2", rol=Rol.MINISTERIE)
