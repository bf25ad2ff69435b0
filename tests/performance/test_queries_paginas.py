"""SQL queries per request are constant in the data size (issue #9): the list-like pages and
their exports (the check: tests/performance/schaal/meting.py).

Covered: the cycle list and a cycle, a raming and its difference with the previous version, the
public raming list, a public raming with its CSV and xlsx exports, the scenario list, the
verdeelbesluit list, a verdeelbesluit (ministry and PRT) with its CSV and xlsx exports, the
extensions page, the realisation page (ministry and PRT), a regietafel page (ministry and PRT),
the submitted versions of a verslag, the ministry overview ``/regietafels/`` (always the 12
regietafels; what grows is their requests and extensions).

Covered elsewhere with a few-against-many test, so not repeated here:

- the home page of every role, ``/termijnen/``, ``/termijnen/alle/``, the verslag page and
  ``/inzicht/``: tests/herinneringen/test_querybudget.py (2 against 42 exchanges) and
  tests/regietafels/test_paginas.py (verslag with 26 against 56 rows);
- the uitruil pages ``/uitruil/``, the ledgers and the uitruil CSV/xlsx exports:
  tests/uitruil/test_lijst_grootboek.py;
- the scenario comparison page and its xlsx: tests/scenarios/test_views.py (1 against 4
  scenarios, the most that can be compared).

Not list-like, so not here: the public raming CSV per province (always the 12 provinces).
"""

from __future__ import annotations

import pytest

from raming.models import Raming

from .schaal.bouwers_raming import b_cycli, b_cyclusinvoer, b_gepubliceerde_ramingen, b_scenarios
from .schaal.bouwers_regietafels import (
    b_leden,
    b_termijnverlengingen,
    b_verdeelbesluiten,
    b_versies,
    b_verzoeken,
)
from .schaal.meting import (
    GEMEENTEN,
    Geval,
    markers,
    params,
    queries_constant_en_binnen_budget,
    tekst,
    url,
    verdeelbesluit_opbouw,
)
from .schaal.omgeving import JAAR


def _raming_pagina(o):
    raming = o.raming()
    return f"/raming/ramingen/{raming.pk}/", lambda v, t: o.verdelingen(raming, v, t)


def _raming_verschil(o):
    oud = o.raming(Raming.Status.GEPUBLICEERD)
    nieuw = o.raming(versie=2)
    nieuw.vorige_versie = oud
    nieuw.save()

    def maak(van, tot):
        o.verdelingen(oud, van, tot)
        o.verdelingen(nieuw, van, tot, extra=5)

    return f"/raming/ramingen/{nieuw.pk}/verschil/", maak


def _openbaar(pad: str):
    def opbouw(o):
        raming = o.raming(Raming.Status.GEPUBLICEERD)
        return f"/raming/openbaar/{JAAR}/{pad}", lambda v, t: o.verdelingen(raming, v, t)

    return opbouw


def _verlengingen_pagina(o):
    verzoeken, verlengingen = b_verzoeken(o), b_termijnverlengingen(o)

    def maak(van, tot):
        verzoeken(van, tot)
        verlengingen(van, tot)

    return f"/regietafels/verlengingen/?cyclus={JAAR}", maak


def _tel_verlengingen(response) -> int:
    """Requests (open with their reason, decided with the decision's reason) and granted
    extensions must all be shown."""
    return min(markers(r"vz-(\d{3})")(response), markers()(response))


def _overzicht_pagina(o):
    """The ministry overview: always the 12 regietafels; what grows is their open requests
    and granted extensions."""
    _url_, maak = _verlengingen_pagina(o)
    return f"/regietafels/?cyclus={JAAR}", maak


def _regietafel_pagina(o):
    leden, verzoeken = b_leden(o), b_verzoeken(o)

    def maak(van, tot):
        leden(van, tot)
        verzoeken(van, tot)

    return f"/regietafels/gelderland/?cyclus={JAAR}", maak


def _versies_pagina(o):
    return f"/regietafels/gelderland/verslag/versies/?cyclus={JAAR}", b_versies(o)


def _verdeelbesluiten_pagina(o):
    return f"/regietafels/verdeelbesluit/?cyclus={JAAR}", b_verdeelbesluiten(o)


def _cyclus_pagina(o):
    return f"/raming/cycli/{JAAR}/", b_cyclusinvoer(o)


PAGINAS = [
    Geval("cycli", "ministerie", url("/raming/cycli/", b_cycli), markers()),
    Geval("cyclus", "ministerie", _cyclus_pagina, markers()),
    Geval("raming", "ministerie", _raming_pagina, GEMEENTEN),
    Geval("raming-verschil", "ministerie", _raming_verschil, GEMEENTEN),
    Geval(
        "openbaar-lijst",
        "anoniem",
        url("/raming/openbaar/", b_gepubliceerde_ramingen),
        markers(r"/raming/openbaar/(21\d\d)/"),
    ),
    Geval("openbaar-raming", "anoniem", _openbaar(""), GEMEENTEN),
    Geval("openbaar-csv", "anoniem", _openbaar("gemeenten.csv"), GEMEENTEN),
    Geval("openbaar-xlsx", "anoniem", _openbaar("raming.xlsx"), GEMEENTEN),
    Geval("scenarios", "ministerie", url("/scenarios/", b_scenarios), markers()),
    Geval("verdeelbesluiten", "ministerie", _verdeelbesluiten_pagina, markers()),
    Geval(
        "verdeelbesluit",
        "ministerie",
        verdeelbesluit_opbouw("/regietafels/verdeelbesluit/{pk}/"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-csv",
        "ministerie",
        verdeelbesluit_opbouw("/regietafels/verdeelbesluit/{pk}/export.csv"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-xlsx",
        "ministerie",
        verdeelbesluit_opbouw("/regietafels/verdeelbesluit/{pk}/export.xlsx"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-prt",
        "prt",
        verdeelbesluit_opbouw("/regietafels/verdeelbesluit/{pk}/", vastgesteld=True),
        GEMEENTEN,
    ),
    Geval("verlengingen", "ministerie", _verlengingen_pagina, _tel_verlengingen),
    Geval(
        "overzicht",
        "ministerie",
        _overzicht_pagina,
        lambda r: tekst(r).count('class="rt-kaart__vlak"'),
        vast=12,
    ),
    Geval(
        "realisatie",
        "ministerie",
        verdeelbesluit_opbouw(
            "/regietafels/realisatie/?cyclus={jaar}", vastgesteld=True, meldingen=True
        ),
        GEMEENTEN,
    ),
    Geval(
        "realisatie-prt",
        "prt",
        verdeelbesluit_opbouw(
            "/regietafels/realisatie/?cyclus={jaar}", vastgesteld=True, meldingen=True
        ),
        GEMEENTEN,
    ),
    Geval("regietafel", "ministerie", _regietafel_pagina, markers()),
    Geval("regietafel-prt", "prt", _regietafel_pagina, markers()),
    Geval("verslag-versies", "ministerie", _versies_pagina, markers(r"Versie (\d+)</a>")),
]


@pytest.mark.parametrize("geval", params(PAGINAS))
def test_queries_constant_en_binnen_budget(client, ministerie, geval):
    queries_constant_en_binnen_budget(client, ministerie, geval)
