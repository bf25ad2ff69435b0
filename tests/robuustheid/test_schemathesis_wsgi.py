"""Schemathesis over every operation of the committed schema (docs/openapi.yaml), in-process
against the WSGI app: ST_VOORBEELDEN examples per operation as the ministry (100 in
`make test` and `make fuzz`) and a quarter of that as each of a PRT secretary, a gemeente
and COA (each drawn case is sent as all three), then the stateful round that follows the
schema's OpenAPI links (create a scenario, then read, share, promote that one). Positive and
negative cases. Checks: no server error, every response conforms to the schema, no status
code the schema does not document.

Speed: the world (342 gemeenten, a raming, a verslag) is built once per test, not once per
operation; every example runs in a savepoint that is rolled back, so each one meets the same
world and nothing else is reset. Generation is derandomized (the same cases every run), without
shrinking. A failing operation does not stop the round: every operation is run and the
failures are reported together, each with a curl command to reproduce it."""

from __future__ import annotations

import functools
import logging
import os
import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.stateful.control import TransitionController
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.stateful import _extracts_value

from accounts import services as account_services
from config.wsgi import application
from core.api.throttling import VensterTeller

# 100 as the ministry and 25 as each other role, in `make test` as in `make fuzz`: about 5 CPU
# minutes with the stateful round (measured: 19 ms of CPU per request as the ministry,
# generation included, about half of it hypothesis drawing the cases; 10 ms per request as the
# other roles, each case sent three times). The operations are dealt over DELEN tests so that
# both test processes share the work.
VOORBEELDEN = int(os.environ.get("ST_VOORBEELDEN", "100"))
DELEN = 4
ANDERE_ROLLEN = max(1, VOORBEELDEN // 4)
# the stateful round: REEKSEN sequences of up to STAPPEN calls along the links
REEKSEN = max(25, VOORBEELDEN)
STAPPEN = 8
# the stateful round must follow at least this many different links, each with a key from an
# earlier answer and with success
MIN_LINKS = 3 + VOORBEELDEN // 20
SCHEMA = schemathesis.openapi.from_path(Path(settings.BASE_DIR) / "docs" / "openapi.yaml")
SCHEMA.app = application
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
MODI = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# per operation, built once for every round of the module
STRATEGIEEN: dict[str, st.SearchStrategy] = {}

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _instellingen(n: int, **meer) -> hsettings:
    return hsettings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        **meer,
    )


@functools.cache
def _operaties():
    operaties = [resultaat.ok() for resultaat in SCHEMA.get_all_operations()]
    assert len(operaties) >= 90, len(operaties)
    return operaties


def _ronde(operatie, n: int, koppen: list[dict], tellers: dict) -> str | None:
    """``n`` cases of ``operatie``, each sent with every header of ``koppen``: the first
    failure as text, or None."""
    if operatie.label not in STRATEGIEEN:
        STRATEGIEEN[operatie.label] = st.one_of(
            [operatie.as_strategy(generation_mode=modus) for modus in MODI]
        )
    strategie = STRATEGIEEN[operatie.label]

    @_instellingen(n)
    @given(strategie)
    def voorbeeld(case):
        with transaction.atomic():
            for kop in koppen:
                antwoord = case.call(headers=kop)
                tellers[antwoord.status_code] = tellers.get(antwoord.status_code, 0) + 1
                case.validate_response(antwoord, checks=CHECKS, headers=kop)
            transaction.set_rollback(True)

    try:
        voorbeeld()
    except (Exception, FailureGroup) as fout:  # noqa: BLE001 - all reported at the end
        return f"{operatie.label}:\n{fout}"
    return None


def _alle_operaties(n: int, koppen: list[dict], deel: int) -> None:
    """Every DELEN-th operation of the schema from the ``deel``-th on."""
    operaties = _operaties()[deel::DELEN]
    tellers: dict[int, int] = {}
    begin, cpu = time.perf_counter(), time.process_time()
    fouten = [f for op in operaties if (f := _ronde(op, n, koppen, tellers))]
    verzoeken = sum(tellers.values())
    print(  # noqa: T201 - the measurement, shown with -s
        f"\nschemathesis: {verzoeken} verzoeken {dict(sorted(tellers.items()))}, "
        f"{time.process_time() - cpu:.1f} s CPU, {time.perf_counter() - begin:.1f} s"
    )
    assert not fouten, f"{len(fouten)} bewerkingen met fouten:\n\n" + "\n\n".join(fouten)
    assert verzoeken >= len(operaties) * len(koppen)


@pytest.fixture
def wereld(gemeenten, prt_gelderland, ministerie):
    """A raming, a verslag of Gelderland, and a scenario shared with its secretary: each
    list then answers an object whose links can be followed."""
    from raming.scenarios.services import scenario_aanmaken, scenario_delen
    from regietafels.models import Regietafel
    from regietafels.services import verslag_aanmaken
    from tests.regietafels.conftest import _maak_raming
    from tests.scenarios.conftest import PEILDATUM

    raming = _maak_raming(2026)
    # computed without SES-WOA on the population of a date, as a scenario needs
    raming.peildatum_inwoners, raming.zonder_ses = PEILDATUM, True
    raming.save(update_fields=["peildatum_inwoners", "zonder_ses"])
    regietafel = Regietafel.objects.get(provincie__code="PV25")
    verslag_aanmaken(regietafel=regietafel, cyclus=raming.cyclus, door=prt_gelderland)
    scenario = scenario_aanmaken(
        basis=raming, naam="Basis", beschrijving="Zoals geraamd", auteur=ministerie
    )
    scenario_delen(scenario=scenario, secretarissen=[prt_gelderland], door=ministerie)
    return raming


def _token(gebruiker) -> dict:
    return {"Authorization": f"Token {account_services.token_aanmaken(gebruiker=gebruiker).key}"}


@pytest.mark.usefixtures("wereld", "_snel")
@pytest.mark.parametrize("deel", range(DELEN))
def test_als_ministerie(ministerie, deel):
    _alle_operaties(VOORBEELDEN, [_token(ministerie)], deel)


@pytest.mark.usefixtures("wereld", "_snel")
@pytest.mark.parametrize("deel", range(DELEN))
def test_als_prt_gemeente_en_coa(prt_gelderland, gemeente_arnhem, coa, deel):
    koppen = [_token(g) for g in (prt_gelderland, gemeente_arnhem, coa)]
    _alle_operaties(ANDERE_ROLLEN, koppen, deel)


def _levert(machine, uitkomst, bundel: str) -> bool:
    """Whether a link from this answer can take a value from it (an empty page gives none)."""
    bron = uitkomst.case.operation.label
    return any(
        f"{bron} -> {link.status_code}" == bundel and _extracts_value(link.extract(uitkomst))
        for link in machine._transitions.operations[bron].outgoing
    )


class _LinksEerst(TransitionController):
    """Which rule may run next in a sequence. A link whenever one can be followed (an answer
    waits in its bundle and the target may still be called from that source), and among those
    the one followed least often in this sequence; otherwise a new start, at an operation
    started least often in this sequence, and only at one without a key in its path (a list,
    a creation): a random key answers 404 and gives the sequence nothing to follow (the
    rounds above call every operation with random keys). Only the sequence's own state
    counts: hypothesis requires the same choices to lead to the same rules."""

    __slots__ = ("bundels", "starts", "links")

    def __init__(self, machine):
        super().__init__(machine._transitions, machine._root_labels)
        self.bundels, self.starts, self.links = machine.bundles, Counter(), Counter()

    def _mogelijk(self, bundles) -> list[tuple[str, str]]:
        paren = []
        for naam, waarden in bundles.items():
            bron = naam.partition(" -> ")[0]
            if waarden:
                paren.extend(
                    (bron, link.target.label)
                    for link in self.transitions.operations[bron].outgoing
                    if f"{bron} -> {link.status_code}" == naam
                    and TransitionController.allow_transition(self, bron, link.target.label)
                )
        return paren

    def allow_transition(self, source, target):
        if not super().allow_transition(source, target):
            return False
        paren = self._mogelijk(self.bundels)
        return not paren or self.links[source, target] <= min(self.links[p] for p in paren)

    def allow_root_transition(self, source, bundles):
        if "{" in source or self._mogelijk(bundles):
            return False
        return self.starts[source] <= min(self.starts[r] for r in self.roots if "{" not in r)

    def record_step(self, input, recorder):
        super().record_step(input, recorder)
        doel = input.case.operation.label
        if input.transition is None:
            self.starts[doel] += 1
        else:
            bron = recorder.cases[input.transition.parent_id].value.operation.label
            self.links[bron, doel] += 1


@pytest.mark.usefixtures("wereld", "_snel")
@pytest.mark.parametrize("rol", ["ministerie", "prt_gelderland"])
def test_stateful_langs_de_links(rol, request):
    """Sequences of calls along the schema's links, each step with the key the previous
    answer gave (a created or listed object), each sequence in its own savepoint.

    schemathesis' state machine has a rule per link and one per operation that can start a
    sequence, and hypothesis picks among the rules that may run; with some fifty starting
    rules that may always run, a link was never picked. Here a sequence starts anew only when
    no link can be followed (``_LinksEerst``), and an answer counts as a source only when a
    link can take a value from it (not an empty page), so a sequence goes: list the ramingen,
    create a scenario on the first, read, change, share, promote that scenario."""
    kop = _token(request.getfixturevalue(rol))
    tellers: dict[int, int] = {}
    gevolgd: dict[str, int] = {}
    fouten: list[str] = []
    Basis = SCHEMA.as_state_machine()

    class Machine(Basis):
        def __init__(self):
            super().__init__()
            self.control = _LinksEerst(self)

        def setup(self):
            self._savepoint = transaction.atomic()
            self._savepoint.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._savepoint.__exit__(None, None, None)

        def _get_target_for_result(self, result):
            bundel = super()._get_target_for_result(result)
            return bundel if bundel is not None and _levert(self, result, bundel) else None

        def step(self, input):
            uitkomst = super().step(input)
            status = uitkomst.response.status_code
            tellers[status] = tellers.get(status, 0) + 1
            if input.transition is not None and input.is_applied and status < 300:
                # a link followed with the key from an earlier answer, and it worked
                gevolgd[input.transition.id] = gevolgd.get(input.transition.id, 0) + 1
            return uitkomst

        def get_call_kwargs(self, case):
            return {"headers": kop}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # every failure is collected and reported at the end, as in the rounds above
            try:
                case.validate_response(response, checks=CHECKS, headers=kop)
            except (Exception, FailureGroup) as fout:  # noqa: BLE001
                fouten.append(f"{case.operation.label}:\n{fout}")

    cpu = time.process_time()
    # in batches of five sequences, each with its own order of the starting rules (hypothesis
    # prefers the first rule that may run: one order starts nearly every sequence alike)
    for volgorde in range(REEKSEN // 5):
        Machine.rule_order_seed = volgorde
        Machine.run(settings=_instellingen(5, stateful_step_count=STAPPEN))
    print(  # noqa: T201 - the measurement, shown with -s
        f"\nstateful ({rol}): {sum(tellers.values())} verzoeken {dict(sorted(tellers.items()))}, "
        f"{len(gevolgd)} links gevolgd {gevolgd}, {time.process_time() - cpu:.1f} s CPU"
    )
    assert not fouten, f"{len(fouten)} fouten:\n\n" + "\n\n".join(fouten)
    # the sequences followed links with a key from an earlier answer, and those calls succeeded
    assert len(gevolgd) >= MIN_LINKS, gevolgd


@pytest.fixture
def _snel(monkeypatch):
    """As Django's test client does, the request's end must not close the test's database
    connection (it holds the test transaction). The per-user rate (1,200 a minute) is not what
    this test is about: 429 is documented, but thousands of requests would otherwise see
    little else. The warning Django logs for every 4xx is not written out."""
    from django.core import signals
    from django.db import close_old_connections

    monkeypatch.setattr(VensterTeller, "allow_request", lambda self, request, view: True)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    logger = logging.getLogger("django.request")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(niveau)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
