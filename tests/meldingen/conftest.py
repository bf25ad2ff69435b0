"""Fixtures for the notice tests: the 2026 cycle with a published raming over the real
gemeenten, a PRT secretary in two provinces and gemeente users on both sides."""

import pytest

from accounts.models import Rol
from raming.models import Gemeente
from regietafels.models import Regietafel
from regietafels.services import verslag_aanmaken
from tests.factories import GebruikerFactory
from tests.regietafels.conftest import _maak_raming


@pytest.fixture
def raming(gemeenten):
    return _maak_raming(2026)


@pytest.fixture
def cyclus(raming):
    return raming.cyclus


@pytest.fixture
def regietafel_gelderland(db):
    return Regietafel.objects.get(provincie__code="PV25")


@pytest.fixture
def verslag_gelderland(cyclus, regietafel_gelderland, prt_gelderland):
    return verslag_aanmaken(regietafel=regietafel_gelderland, cyclus=cyclus, door=prt_gelderland)


def gemeentegebruiker(naam: str):
    return GebruikerFactory(
        username=f"t-gemeente-{naam.lower()}",
        rol=Rol.GEMEENTE,
        gemeente=Gemeente.objects.get(naam=naam),
    )


@pytest.fixture
def nijmegen(raming):
    return gemeentegebruiker("Nijmegen")


@pytest.fixture
def purmerend(raming):
    return gemeentegebruiker("Purmerend")


@pytest.fixture
def tweede_prt_gelderland(provincie_gelderland):
    return GebruikerFactory(
        username="t-prt-gelderland-2", rol=Rol.PRT_SECRETARIS, provincie=provincie_gelderland
    )


@pytest.fixture
def iedereen(prt_gelderland, tweede_prt_gelderland, prt_noord_holland, ministerie, coa, raming):
    """Users on every side: two PRT secretaries in Gelderland, one in Noord-Holland, the
    ministry (two), COA, and gemeente users in Gelderland (Arnhem, Nijmegen) and Noord-Holland."""
    return {
        "arnhem": gemeentegebruiker("Arnhem"),
        "nijmegen": gemeentegebruiker("Nijmegen"),
        "zaanstad": gemeentegebruiker("Zaanstad"),
        "ministerie2": GebruikerFactory(username="t-ministerie-2"),
    }
