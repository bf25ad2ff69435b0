"""The home page of every role with an empty cache, on data like the bench's: at most 15 SQL
queries (issue #16), the first request after a write included (every panel drawn afresh, the
session and the user read from the database).

The data has every kind of panel content at once, built with the query-budget builders
(tests/performance/schaal): a published raming with its gemeenten and their sources, the
verslag of Gelderland with a cycle-wide extension and open extension requests, a fixed
verdeelbesluit (older than its bezwaartermijn) with realisation reports without a location and
locations in gebruik, exchanges waiting for an answer and for the PRT's confirmation, and
scenarios. The cache is emptied right before the measured request, as ``bench/load.py`` and
``bench/cpu.py`` do; the test also checks that the panels show the data (so an empty page
cannot pass).
"""

from __future__ import annotations

import datetime as dt

import pytest
from cachalot.api import invalidate
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from locaties.models import Fase, Opvanglocatie, Soort
from raming.models import Raming
from regietafels.models import Verdeelbesluit
from uitruil.models import Uitruil

from .schaal.bouwers_raming import b_inwonertallen, b_scenarios, b_ses
from .schaal.bouwers_regietafels import (
    b_besluitregels,
    b_termijnverlengingen,
    b_uitruilen,
    b_verzoeken,
)
from .schaal.omgeving import BUDGET, Omgeving

GEMEENTEN = 20


@pytest.fixture
def omgeving(ministerie):
    o = Omgeving(ministerie)
    b_scenarios(o)(0, 3)  # with the published raming they are based on
    raming = Raming.objects.get(cyclus=o.cyclus)
    o.verdelingen(raming, 0, GEMEENTEN)
    b_inwonertallen(o)(0, GEMEENTEN)
    b_ses(o)(0, GEMEENTEN)
    o.verslag  # noqa: B018 (Gelderland's verslag of the cycle)
    b_termijnverlengingen(o)(0, 3)  # the first for all regietafels
    b_verzoeken(o, alleen_open=True)(0, 2)
    # fixed long enough ago that no bezwaartermijn runs any more
    besluitdatum = timezone.localdate() - dt.timedelta(days=120)
    besluit = Verdeelbesluit.objects.create(
        cyclus=o.cyclus,
        versie=1,
        status=Verdeelbesluit.Status.VASTGESTELD,
        besluitdatum=besluitdatum,
        aangemaakt_door=o.ministerie,
        vastgesteld_door=o.ministerie,
        vastgesteld_op=timezone.now() - dt.timedelta(days=120),
    )
    b_besluitregels(o, besluit, meldingen=True)(0, GEMEENTEN)
    for i, gemeente in enumerate(o.gemeenten(GEMEENTEN)[:10]):
        Opvanglocatie.objects.create(
            gemeente=gemeente,
            naam=f"Locatie {i}",
            capaciteit_regulier=5,
            soort=Soort.REGULIER_AZC,
            fase=Fase.IN_GEBRUIK,
            fase_sinds=besluitdatum,
        )
    b_uitruilen(o)(0, 3)
    b_uitruilen(o, Uitruil.Status.GEACCEPTEERD)(3, 6)
    return o


def _gebruiker(o: Omgeving, coa, rol: str):
    return {"ministerie": o.ministerie, "coa": coa, "prt": o.prt, "gemeente": o.gemeentegebruiker}[
        rol
    ]


# what each role's panels show of the data above
TOONT = {
    "ministerie": [
        "Wetscyclus 2026",
        "verlengd voor alle regietafels",
        "2 open verlengingsverzoeken",
        "termijnen van anderen",
        "prf-000",
    ],
    "coa": ["2 open verlengingsverzoeken", "Lopend"],
    "prt": ["Uitruil: wacht op uw bevestiging (3)", "Prfgemeente 000", "Verslag 2026"],
    "gemeente": [
        "Verdeelbesluit: 101 plekken",
        "Gerealiseerd (locaties in gebruik en meldingen): 16",
    ],
}


@pytest.mark.parametrize("rol", ["ministerie", "coa", "prt", "gemeente"])
def test_startpagina_met_lege_cache_binnen_budget(client, omgeving, coa, rol):
    client.force_login(_gebruiker(omgeving, coa, rol))
    assert client.get("/").status_code == 200  # per-process caches
    # the first request after a write: nothing cached, also not in the layer cachalot keeps
    # for the test's transaction
    cache.clear()
    invalidate()
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get("/")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    for tekst in TOONT[rol]:
        assert tekst in inhoud, (rol, tekst)
    queries = [q["sql"][:120] for q in vastgelegd.captured_queries]
    assert len(queries) <= BUDGET, f"{rol}: {len(queries)} queries\n" + "\n".join(queries)
