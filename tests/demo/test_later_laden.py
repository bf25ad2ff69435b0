"""A demo loaded on 15 January 2026 and again on 15 February 2026 (a `make run` in January
and another in February) holds the same realisation as one load on 15 February 2026.

COA's list of locations comes into the register on 1 February 2026; the realisation reports
of 2025 were made without it. Loaded in January, the reports name no location; the February
load reads the list, and the reports are tied to the locations in gebruik that were their
places (regietafels/demo_besluiten.py). Loaded once in February the reports are made the same
way, before the list, and tied the same way: per gemeente the same reports and the same figures,
not the locations' places beside reports that were the same places.
"""

from __future__ import annotations

import datetime as dt

import pytest

from raming.models import Wetscyclus
from regietafels.models import Realisatiemelding
from regietafels.selectors import realisatie as realisatiestand
from tests.demodatabase import MOMENTEN, laden

pytestmark = pytest.mark.slow

JANUARI = dt.datetime(2026, 1, 15, 12, 0)
FEBRUARI = MOMENTEN["februari-2026"]  # the chain's first moment: a fresh load
DATUMS = (
    dt.date(2025, 3, 31),
    dt.date(2025, 6, 30),
    dt.date(2025, 11, 28),
    dt.date(2026, 1, 31),
    dt.date(2026, 2, 15),
)


def _realisatie() -> dict:
    """Per gemeente (by code): its realised places 2024 on each of ``DATUMS`` split in places
    from locations and reported without one, and its reports in force."""
    cyclus = Wetscyclus.objects.get(jaar=2024)
    codes = dict(Realisatiemelding.alle.values_list("gemeente_id", "gemeente__code"))
    cijfers = {}
    for datum in DATUMS:
        for gemeente_id, stand in realisatiestand.standen(
            cyclus, gemeente_ids=set(codes), datum=datum
        ).items():
            cijfers[(codes[gemeente_id], datum)] = (stand.uit_locaties, stand.zonder_locatie)
    meldingen = sorted(
        Realisatiemelding.objects.filter(cyclus=cyclus).values_list(
            "gemeente__code", "datum", "aantal", "locatie__coa_referentie"
        ),
        key=lambda m: (m[0], m[1], m[2], m[3] or ""),
    )
    return {"cijfers": cijfers, "meldingen": meldingen}


def test_januari_en_dan_februari_is_februari(demo):
    with demo.los_geladen(JANUARI):
        januari = _realisatie()
        # before COA's list: reports only, none names a location
        assert januari["meldingen"] and not any(m[3] for m in januari["meldingen"])
        assert not any(uit for uit, _ in januari["cijfers"].values())
        laden(FEBRUARI)  # the second `make run`: only what happened since
        later = _realisatie()
    demo.laden(FEBRUARI)
    vers = _realisatie()
    assert later == vers
    assert any(m[3] for m in vers["meldingen"])
    # what was reported in January counts once: the locations in gebruik, plus what the
    # reports held beyond them (Alkmaar: not its location of 324 beside the 617 it reported)
    gemeld: dict[str, int] = {}
    for code, _datum, aantal, _locatie in januari["meldingen"]:
        gemeld[code] = gemeld.get(code, 0) + aantal
    for (code, datum), (uit, zonder) in vers["cijfers"].items():
        if datum == FEBRUARI.date() and code in gemeld:
            assert uit + zonder == max(gemeld[code], uit), code
