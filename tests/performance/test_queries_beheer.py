"""SQL queries per request are constant in the data size (issue #9): the admin changelists
of the main models (``/beheer/…``; the check: tests/performance/schaal/meting.py)."""

from __future__ import annotations

import pytest

from .schaal.bouwers_raming import (
    b_beschikbaar,
    b_cycli,
    b_cyclusinvoer,
    b_gemeenten,
    b_inwonertallen,
    b_ramingen,
    b_scenario_uitkomsten,
    b_scenarios,
    b_ses,
)
from .schaal.bouwers_regietafels import (
    b_beoordelingen,
    b_beveiligingslog,
    b_bijlagen,
    b_gebruikers,
    b_herinneringen,
    b_leden,
    b_mails,
    b_meldingen,
    b_taakstellingen,
    b_termijnverlengingen,
    b_uitruilen,
    b_verdeelbesluiten,
    b_versies,
    b_verslagen,
    b_verzoeken,
    b_voorkeuren,
)
from .schaal.meting import (
    Geval,
    admin_rijen,
    markers,
    params,
    queries_constant_en_binnen_budget,
    url,
    verdeelbesluit_opbouw,
)

BEHEER = [
    Geval(f"beheer-{pad.replace('/', '-')}", rol, url(f"/beheer/{pad}/", builder), admin_rijen)
    for pad, builder, rol in [
        ("raming/gemeente", b_gemeenten, "ministerie"),
        ("raming/wetscyclus", b_cycli, "ministerie"),
        ("raming/invoerbesluit", b_cyclusinvoer, "ministerie"),
        ("raming/raming", b_ramingen, "ministerie"),
        ("regietafels/lid", b_leden, "ministerie"),
        ("regietafels/verslag", b_verslagen, "ministerie"),
        ("regietafels/verslagversie", b_versies, "ministerie"),
        ("regietafels/termijnverlenging", b_termijnverlengingen, "ministerie"),
        ("regietafels/verlengingsverzoek", b_verzoeken, "ministerie"),
        ("regietafels/verdeelbesluit", b_verdeelbesluiten, "ministerie"),
        ("regietafels/realisatiemelding", b_meldingen, "ministerie"),
        ("uitruil/uitruil", b_uitruilen, "ministerie"),
        ("scenarios/scenario", b_scenarios, "superuser"),
        ("herinneringen/herinnering", b_herinneringen, "superuser"),
        ("meldingen/mail", b_mails, "superuser"),
        ("regietafels/beoordeling", b_beoordelingen, "ministerie"),
        ("regietafels/bijlage", b_bijlagen, "ministerie"),
        ("raming/meerjarigbeschikbaar", b_beschikbaar, "ministerie"),
        ("raming/inwonertal", b_inwonertallen, "ministerie"),
        ("raming/seswoascore", b_ses, "ministerie"),
        ("uitruil/taakstelling", b_taakstellingen, "ministerie"),
        ("scenarios/scenariouitkomst", b_scenario_uitkomsten, "superuser"),
    ]
]


def _beheer_gemeenteverdeling(o):
    raming = o.raming()
    return "/beheer/raming/gemeenteverdeling/", lambda v, t: o.verdelingen(raming, v, t)


def _beheer_besluitregels(o):
    return verdeelbesluit_opbouw("/beheer/regietafels/verdeelbesluitregel/")(o)


BEHEER += [
    Geval(
        "beheer-accounts-gebruiker",
        "superuser",
        url("/beheer/accounts/gebruiker/", b_gebruikers),
        markers(),
    ),
    Geval(
        "beheer-herinneringen-voorkeur",
        "superuser",
        url("/beheer/herinneringen/voorkeur/", b_voorkeuren),
        markers(),
    ),
    Geval(
        "beheer-audit-beveiligingsgebeurtenis",
        "ministerie",
        url("/beheer/audit/beveiligingsgebeurtenis/", b_beveiligingslog),
        markers(),
    ),
    Geval("beheer-raming-gemeenteverdeling", "ministerie", _beheer_gemeenteverdeling, admin_rijen),
    Geval(
        "beheer-regietafels-verdeelbesluitregel", "ministerie", _beheer_besluitregels, admin_rijen
    ),
]


@pytest.mark.parametrize("geval", params(BEHEER))
def test_queries_constant_en_binnen_budget(client, ministerie, geval):
    queries_constant_en_binnen_budget(client, ministerie, geval)
