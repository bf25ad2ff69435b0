"""The calls of the role table (tests/integriteit/test_rollen.py) for the raming and its
cycle, scenarios, the location register and meerjarig beschikbaar: service → (act, scope
keyword arguments for ``mag``, the call's keyword arguments)."""

from __future__ import annotations

import datetime as dt

from accounts.rechten import Handeling
from raming.models import Invoerbesluit

from .wereld import scenario_stub

H = Handeling

AANROEPEN_RAMING: dict[str, tuple] = {
    "raming.services.cyclus.cyclus_aanmaken": (H.CYCLUS_BEHEREN, {}, lambda w: {"jaar": 2030}),
    "raming.services.cyclus.mijlpaal_wijzigen": (
        H.CYCLUS_BEHEREN,
        {},
        lambda w: {"mijlpaal": w.mijlpaal, "datum": dt.date(2026, 11, 2), "reden": "x"},
    ),
    "raming.services.cyclus.invoerbesluit_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "soort": Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            "datum": dt.date(2025, 9, 1),
            "landelijk_aantal": 1000,
            "amv_aantal": 10,
        },
    ),
    "raming.services.cyclus.meerjarig_beschikbaar_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "aantal": 1,
            "peildatum": dt.date(2026, 2, 1),
            "gemeente": w.arnhem,
        },
    ),
    "raming.services.cyclus.meerjarig_beschikbaar_overnemen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "per_gemeente": {w.arnhem.pk: 5},
            "provincie_ids": {w.gelderland.pk},
            "peildatum": dt.date(2026, 2, 1),
            "bron": "test",
        },
    ),
    "locaties.beschikbaarheid.beschikbaar_voorbeeld": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "peildatum": dt.date(2026, 2, 1),
            "horizon": dt.date(2028, 12, 31),
            "marge": 20,
            "provincie_ids": {w.gelderland.pk},
        },
    ),
    "locaties.beschikbaarheid.beschikbaar_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "peildatum": dt.date(2026, 2, 1),
            "horizon": dt.date(2028, 12, 31),
            "marge": 20,
            "provincie_ids": {w.gelderland.pk},
        },
    ),
    "raming.services.raming.raming_aanmaken": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "invoerbesluit": w.invoerbesluit,
            "peildatum_inwoners": dt.date(2023, 1, 1),
        },
    ),
    "raming.services.raming.raming_invoer_wijzigen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming, "ses_jaar": 2022},
    ),
    "raming.services.raming.raming_berekenen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming},
    ),
    "raming.services.publicatie.raming_vaststellen": (
        H.RAMING_VASTSTELLEN,
        {},
        lambda w: {"raming": w.raming},
    ),
    "raming.vaststelling.uitzondering_vastleggen": (
        H.RAMING_VASTSTELLEN,
        {},
        lambda w: {"raming": w.raming, "reden": "ontbrekende invoer, toch vaststellen"},
    ),
    "raming.services.publicatie.raming_publiceren": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "staatscourant_referentie": "x",
            "gepubliceerd_op": dt.date(2026, 2, 26),
        },
    ),
    "raming.services.publicatie.raming_uitstellen": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "reden": "x",
            "kamerbrief": "y",
            "uitgesteld_op": dt.date(2026, 2, 5),
        },
    ),
    "raming.services.publicatie.publicatie_registreren": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "staatscourant_referentie": "x",
            "gepubliceerd_op": dt.date(2026, 2, 26),
            "toelichting": "t",
        },
    ),
    "raming.services.publicatie.historische_raming_vastleggen": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "landelijk_aantal": 10,
            "amv_aantal": 1,
            "opgaven": {},
            "gepubliceerd_op": dt.date(2026, 2, 26),
            "staatscourant_referentie": "x",
            "toelichting": "t",
        },
    ),
    "raming.services.publicatie.tussentijdse_wijziging": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming, "reden": "x"},
    ),
    "raming.scenarios.services.scenario_aanmaken": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"basis": w.raming, "naam": "s", "beschrijving": "b"},
    ),
    "raming.scenarios.services.scenario_wijzigen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {
            "scenario": scenario_stub(),
            "naam": "s",
            "beschrijving": "b",
            "landelijk_aantal": None,
            "amv_aandeel": None,
            "peildatum_inwoners": dt.date(2023, 1, 1),
            "ses_jaar": None,
            "afrondingsmethode": "per_gemeente",
            "aanpassingen": [],
            "beschikbaar_wijzigingen": [],
        },
    ),
    "raming.scenarios.services.scenario_herberekenen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": scenario_stub()},
    ),
    "raming.scenarios.services.scenario_delen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": scenario_stub(), "secretarissen": []},
    ),
    "raming.scenarios.services.delen_stoppen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": scenario_stub()},
    ),
    "raming.scenarios.services.scenario_promoveren": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": scenario_stub()},
    ),
    "locaties.services.locatie_aanmaken": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "gemeente": w.arnhem,
            "gegevens": {"naam": "n", "capaciteit_regulier": 5, "soort": "noodopvang"},
            "fase_sinds": dt.date(2026, 1, 1),
        },
    ),
    "locaties.services.locatie_wijzigen": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "locatie": w.locatie,
            "gegevens": {"naam": "n", "capaciteit_regulier": 6, "soort": "noodopvang"},
        },
    ),
    "locaties.services.fase_wijzigen": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "locatie": w.locatie,
            "naar_fase": "besluitvorming",
            "datum": dt.date(2026, 1, 1),
        },
    ),
    "locaties.services.locatie_bevestigen": (
        H.LOCATIE_BEVESTIGEN,
        {"gemeente": "arnhem"},
        lambda w: {"locatie": w.locatie},
    ),
}
