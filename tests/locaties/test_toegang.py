"""One access rule for locations: gemeente → own, PRT → own province, ministry and COA → all."""

import pytest
from django.contrib.auth.models import AnonymousUser

from locaties.models import Fasewijziging, Opvanglocatie

from .conftest import locatie_maken

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(arnhem, nijmegen, zaanstad):
    return {
        "arnhem": locatie_maken(arnhem, naam="Arnhem-Zuid"),
        "nijmegen": locatie_maken(nijmegen, naam="Nijmegen-Heumensoord"),
        "zaanstad": locatie_maken(zaanstad, naam="Zaanstad-Noord"),
    }


def _namen(user):
    return set(Opvanglocatie.objects.zichtbaar_voor(user).values_list("naam", flat=True))


def test_ministerie_en_coa_zien_alles(register, ministerie, coa):
    alle = {"Arnhem-Zuid", "Nijmegen-Heumensoord", "Zaanstad-Noord"}
    assert _namen(ministerie) == alle
    assert _namen(coa) == alle


def test_prt_ziet_alleen_de_eigen_provincie(register, prt_gelderland, prt_noord_holland):
    assert _namen(prt_gelderland) == {"Arnhem-Zuid", "Nijmegen-Heumensoord"}
    assert _namen(prt_noord_holland) == {"Zaanstad-Noord"}


def test_gemeente_ziet_alleen_de_eigen_gemeente(register, gemeente_arnhem, gemeente_zaanstad):
    assert _namen(gemeente_arnhem) == {"Arnhem-Zuid"}
    assert _namen(gemeente_zaanstad) == {"Zaanstad-Noord"}


def test_anderen_zien_niets(register):
    assert _namen(AnonymousUser()) == set()


def test_fasewijzigingen_volgen_hun_locatie(register, gemeente_arnhem):
    for locatie in register.values():
        Fasewijziging.objects.create(
            locatie=locatie, naar_fase="planvorming", datum=locatie.fase_sinds
        )
    zichtbaar = Fasewijziging.objects.zichtbaar_voor(gemeente_arnhem)
    assert [f.locatie.naam for f in zichtbaar] == ["Arnhem-Zuid"]
