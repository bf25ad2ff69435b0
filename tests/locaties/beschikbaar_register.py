"""A hand-made register for the meerjarig-beschikbaar tests (import the fixture)."""

import datetime as dt

import pytest

from locaties.models import Fasewijziging, Opvanglocatie
from raming.models import Gemeente

PEILDATUM = dt.date(2026, 2, 1)
HORIZON = dt.date(2028, 12, 31)


def maak_locatie(gemeente, naam, *, fase="in_gebruik", regulier=100, amv=0, **anders):
    waarden = {
        "overeenkomst_gesloten_op": dt.date(2025, 1, 10),
        "beschikbaar_vanaf": dt.date(2025, 6, 1),
        "beschikbaar_tot": None,
        "fase_sinds": dt.date(2025, 1, 1),
    }
    waarden.update(anders)
    locatie = Opvanglocatie.objects.create(
        gemeente=gemeente,
        naam=naam,
        capaciteit_regulier=regulier,
        capaciteit_amv=amv,
        soort="regulier_azc",
        fase=fase,
        **waarden,
    )
    Fasewijziging.objects.create(
        locatie=locatie, van_fase="", naar_fase=fase, datum=waarden["fase_sinds"]
    )
    return locatie


@pytest.fixture
def register(gemeenten):
    arnhem = Gemeente.objects.get(naam="Arnhem")
    nijmegen = Gemeente.objects.get(naam="Nijmegen")
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    return {
        "arnhem_azc": maak_locatie(arnhem, "Azc Arnhem", regulier=400, amv=50),
        "arnhem_plan": maak_locatie(arnhem, "Plan Arnhem-Zuid", fase="planvorming", regulier=333),
        "arnhem_kort": maak_locatie(
            arnhem, "Noodopvang Arnhem", regulier=200, beschikbaar_tot=dt.date(2028, 12, 30)
        ),
        "nijmegen_zonder": maak_locatie(
            nijmegen, "Heumensoord", regulier=500, overeenkomst_gesloten_op=None
        ),
        "nijmegen_te_laat": maak_locatie(
            nijmegen, "Nijmegen-Noord", regulier=150, overeenkomst_gesloten_op=dt.date(2026, 3, 1)
        ),
        "zaanstad": maak_locatie(zaanstad, "Azc Zaanstad", regulier=250),
    }
