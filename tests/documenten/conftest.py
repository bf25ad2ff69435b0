"""Fixtures for the document tests: a fixed verdeelbesluit 2026 over the real gemeenten."""

import datetime as dt

import pytest
import time_machine

from regietafels.models import VerdeelbesluitRegel
from regietafels.services import (
    gemeente_vrijstellen,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
)
from tests.regietafels.conftest import cyclus, raming  # noqa: F401 (fixtures)

BESLUITDATUM = dt.date(2026, 12, 22)


@pytest.fixture(autouse=True)
def _eigen_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "media")
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def besluit(cyclus, ministerie):  # noqa: F811
    """Verdeelbesluit 2026, fixed on 22 December 2026; Ede exempted from the restopgave."""
    with time_machine.travel(dt.datetime(2026, 12, 22, 10, tzinfo=dt.UTC), tick=False):
        besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        ede = VerdeelbesluitRegel.objects.get(verdeelbesluit=besluit, gemeente__naam="Ede")
        gemeente_vrijstellen(
            regel=ede, vrijgesteld=True, reden="Grote noodopvang in 2025", door=ministerie
        )
        return verdeelbesluit_vaststellen(
            verdeelbesluit=besluit,
            besluitdatum=BESLUITDATUM,
            door=ministerie,
            afwijkingsreden="Test: de verslagen staan nog open.",
        )


def regel_van(besluit, naam: str) -> VerdeelbesluitRegel:
    return VerdeelbesluitRegel.objects.select_related("gemeente").get(
        verdeelbesluit=besluit, gemeente__naam=naam
    )


@pytest.fixture
def ingediende_versie(cyclus, prt_gelderland):  # noqa: F811
    """Gelderland's verslag 2026 with Arnhem offering 30 places, submitted on 30 October 2026."""
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken, verslag_indienen, verslag_opslaan
    from tests.regietafels.conftest import regels_invoer

    tafel = Regietafel.objects.get(provincie__code="PV25")
    with time_machine.travel(dt.datetime(2026, 10, 30, 14, 5, tzinfo=dt.UTC), tick=False):
        verslag = verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_gelderland)
        verslag_opslaan(
            verslag=verslag,
            versie=verslag.versie,
            regels=regels_invoer(
                verslag,
                Arnhem={
                    "bestaande_locaties": 30,
                    "beschikbaar_van": dt.date(2026, 6, 1),
                    "beschikbaar_tot": dt.date(2031, 6, 1),
                },
            ),
            door=prt_gelderland,
        )
        verslag.refresh_from_db()
        verslag.knelpunten = "Te weinig grote locaties in de regio Achterhoek."
        verslag.save()
        return verslag_indienen(verslag=verslag, door=prt_gelderland)
