"""SQL queries per request are constant in the data size (issue #9): the GET list endpoints
of the API (the check: tests/performance/schaal/meting.py).

Covered (ministry token unless noted): provincies, regietafels, gemeenten, cycli, ramingen,
ramingen/{id}/verdeling, verslagen, verslagen/{id}/versies, termijnverlengingen,
verlengingsverzoeken, verdeelbesluiten, realisatiemeldingen, scenarios, uitruil (also as a
gemeente), uitruil-grootboek/provincies/{slug} and /gemeenten/{code}, termijnen (all, one kind,
and as a gemeente), verslagtermijnen (always the 12 regietafels; what grows is the number of
extensions, and each regietafel must show its extended deadline).

Not list-like (one object, or always the 12 provinces), so not here: ``/api/v1/mij/`` and the
detail endpoints.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from uitruil.models import Uitruil

from .schaal.bouwers_raming import (
    b_cycli,
    b_gemeenten,
    b_provincies,
    b_ramingen,
    b_regietafels,
    b_scenarios,
)
from .schaal.bouwers_regietafels import (
    b_meldingen,
    b_termijnverlengingen,
    b_uitruilen,
    b_verdeelbesluiten,
    b_versies,
    b_verslagen,
    b_verzoeken,
)
from .schaal.meting import (
    Geval,
    api_rijen,
    grootboek_gemeente_rijen,
    grootboek_provincie_rijen,
    params,
    queries_constant_en_binnen_budget,
    url,
    verlengde_termijnen,
)
from .schaal.omgeving import JAAR


def _verdeling_api(o):
    raming = o.raming()
    return f"/api/v1/ramingen/{raming.pk}/verdeling/", lambda v, t: o.verdelingen(raming, v, t)


def _versies_api(o):
    return f"/api/v1/verslagen/{o.verslag.pk}/versies/", b_versies(o)


def _grootboek_provincie_api(o):
    o.cyclus  # noqa: B018
    return "/api/v1/uitruil-grootboek/provincies/gelderland/", b_uitruilen(
        o, Uitruil.Status.BEVESTIGD
    )


def _grootboek_gemeente_api(o):
    gemeente = o.gemeenten(2)[0]
    return f"/api/v1/uitruil-grootboek/gemeenten/{gemeente.code}/", b_uitruilen(
        o, Uitruil.Status.BEVESTIGD
    )


def _verslagtermijnen_api(o):
    o.cyclus  # noqa: B018
    return f"/api/v1/verslagtermijnen/?cyclus={JAAR}", b_termijnverlengingen(o)


def _termijnen_api(o):
    return "/api/v1/termijnen/?page_size=100", b_verzoeken(o, alleen_open=True)


def _termijnen_soort_api(o):
    return "/api/v1/termijnen/?soort=verlengingsverzoek", b_verzoeken(o, alleen_open=True)


def _termijnen_gemeente_api(o):
    o.cyclus  # noqa: B018
    return "/api/v1/termijnen/", b_uitruilen(o)


def termijnen_van_soort(soort: str) -> Callable:
    return lambda response: sum(1 for r in response.json()["results"] if r["soort"] == soort)


API = [
    Geval("api-provincies", "token", url("/api/v1/provincies/", b_provincies), api_rijen),
    Geval("api-regietafels", "token", url("/api/v1/regietafels/", b_regietafels), api_rijen),
    Geval("api-gemeenten", "token", url("/api/v1/gemeenten/", b_gemeenten), api_rijen),
    Geval("api-cycli", "token", url("/api/v1/cycli/", b_cycli), api_rijen),
    Geval("api-ramingen", "token", url("/api/v1/ramingen/", b_ramingen), api_rijen),
    Geval("api-raming-verdeling", "token", _verdeling_api, api_rijen),
    Geval("api-verslagen", "token", url("/api/v1/verslagen/", b_verslagen), api_rijen),
    Geval("api-verslag-versies", "token", _versies_api, api_rijen),
    Geval(
        "api-termijnverlengingen",
        "token",
        url("/api/v1/termijnverlengingen/", b_termijnverlengingen),
        api_rijen,
    ),
    Geval(
        "api-verlengingsverzoeken",
        "token",
        url("/api/v1/verlengingsverzoeken/", b_verzoeken),
        api_rijen,
    ),
    Geval(
        "api-verdeelbesluiten",
        "token",
        url("/api/v1/verdeelbesluiten/", b_verdeelbesluiten),
        api_rijen,
    ),
    Geval(
        "api-realisatiemeldingen",
        "token",
        url("/api/v1/realisatiemeldingen/", b_meldingen),
        api_rijen,
    ),
    Geval("api-scenarios", "token", url("/api/v1/scenarios/", b_scenarios), api_rijen),
    Geval("api-uitruil", "token", url("/api/v1/uitruil/", b_uitruilen), api_rijen),
    Geval("api-grootboek-provincie", "token", _grootboek_provincie_api, grootboek_provincie_rijen),
    Geval("api-grootboek-gemeente", "token", _grootboek_gemeente_api, grootboek_gemeente_rijen),
    Geval("api-termijnen", "token", _termijnen_api, termijnen_van_soort("verlengingsverzoek")),
    Geval("api-termijnen-soort", "token", _termijnen_soort_api, api_rijen),
    Geval(
        "api-termijnen-gemeente",
        "gemeente-token",
        _termijnen_gemeente_api,
        termijnen_van_soort("uitruil-antwoord"),
    ),
    Geval(
        "api-uitruil-gemeente", "gemeente-token", url("/api/v1/uitruil/", b_uitruilen), api_rijen
    ),
    Geval("api-verslagtermijnen", "token", _verslagtermijnen_api, verlengde_termijnen, vast=12),
]


@pytest.mark.parametrize("geval", params(API))
def test_queries_constant_en_binnen_budget(client, ministerie, geval):
    queries_constant_en_binnen_budget(client, ministerie, geval)
