"""A demo loaded again later (a second `make run` adds only what happened since) holds what one
load on the later day holds.

COA's list of locations comes into the register on 1 February 2026; the realisation reports
of 2025 were made without it. Loaded on 15 January 2026, the register is empty and the reports
name no location; a load on 15 February 2026 reads the list, and the reports are tied to the
locations in gebruik that were their places (regietafels/demo_besluiten.py). Loaded once in
February the reports are made the same way, before the list, and tied the same way: per
gemeente the same reports and the same figures, not the locations' places beside reports that
were the same places.

The chain of tests/demodatabase.py loads each later moment from the one before; its
``januari-2027`` has been loaded on 15 February 2026, 1 March 2026, 5 December 2026 and 15
January 2027, across the publication of the 2026 raming, the verslagen and the verdeelbesluit
of 22 December 2026. One load on 15 January 2027 gives the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from locaties.models import Opvanglocatie
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
# the project's apps: every row the demo writes, history and documents included
APPS = ("accounts", "meldingen", "raming", "locaties", "regietafels", "uitruil", "documenten",
        "bezwaar", "herinneringen")  # fmt: skip


def _rijen() -> dict[str, int]:
    """Rows per model of the project's apps."""
    return {
        m._meta.label: m._base_manager.count()
        for app in APPS
        for m in apps.get_app_config(app).get_models()
    }


def _realisatie(jaar: int, datums) -> dict:
    """Per gemeente (by code): its realised places of cycle ``jaar`` on each of ``datums`` split
    in places from locations and reported without one, and its reports in force."""
    cyclus = Wetscyclus.objects.get(jaar=jaar)
    codes = dict(
        Realisatiemelding.alle.filter(cyclus=cyclus).values_list("gemeente_id", "gemeente__code")
    )
    cijfers = {}
    for datum in datums:
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
    return {"cijfers": cijfers, "meldingen": meldingen, "rijen": _rijen()}


def test_januari_en_dan_februari_is_februari(demo):
    with demo.los_geladen(JANUARI):
        januari = _realisatie(2024, DATUMS)
        # before COA's list (peildatum 1-2-2026): no locations, no report names one
        assert not Opvanglocatie.objects.exists()
        assert januari["meldingen"] and not any(m[3] for m in januari["meldingen"])
        assert not any(uit for uit, _ in januari["cijfers"].values())
        laden(FEBRUARI)  # the second `make run`: only what happened since
        later = _realisatie(2024, DATUMS)
    demo.laden(FEBRUARI)
    vers = _realisatie(2024, DATUMS)
    assert _verschil(later, vers) == {}
    assert any(m[3] for m in vers["meldingen"])
    # what was reported in January counts once: the locations in gebruik, plus what the
    # reports held beyond them (Alkmaar: not its location of 324 beside the 617 it reported)
    gemeld: dict[str, int] = {}
    for code, _datum, aantal, _locatie in januari["meldingen"]:
        gemeld[code] = gemeld.get(code, 0) + aantal
    for (code, datum), (uit, zonder) in vers["cijfers"].items():
        if datum == FEBRUARI.date() and code in gemeld:
            assert uit + zonder == max(gemeld[code], uit), code


def test_de_keten_tot_januari_2027_is_een_lading_op_die_dag(demo):
    moment = MOMENTEN["januari-2027"]
    datums = (*DATUMS, dt.date(2026, 12, 31), moment.date())
    with demo.los_geladen(moment):
        vers = _realisatie(2024, datums)
    demo.laden(moment)  # the chain: loaded on each moment before it in turn
    keten = _realisatie(2024, datums)
    assert _verschil(keten, vers) == {}


def _verschil(a: dict, b: dict) -> dict:
    """What differs between two ``_realisatie`` results, per key (rows per model apart)."""
    rijen = {
        m: (a["rijen"][m], b["rijen"][m]) for m in a["rijen"] if a["rijen"][m] != b["rijen"][m]
    }
    return {k: (a[k], b[k]) for k in ("cijfers", "meldingen") if a[k] != b[k]} | rijen
