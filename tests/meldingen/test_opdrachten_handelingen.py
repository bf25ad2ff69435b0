"""Must show, per kind of act that tells a few people (a verslag submitted, assessed or sent
back; an extension requested; a realisation report made, corrected or withdrawn, and reports
tied to a location; a verdeelbesluit superseded for one gemeente; a step of an exchange; a
location's phase reported or confirmed by COA; a bezwaar lodged or withdrawn): the act writes
one outbox row (``Meldopdracht``) in its own transaction and no notice; the worker writes the
notices after commit, once, with the moment of the act; a rolled-back act leaves nothing;
under ``make run`` (tasks in-process) the notices are there as soon as the act has committed.
Who is told what: test_per_soort.py, test_correcties.py and the apps' own tests."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import time_machine
from celery import current_app
from django.db import transaction
from django.db.models import Count

from accounts.models import Rol
from bezwaar import services as bezwaar_services
from locaties import services as locatie_services
from locaties.models import Opvanglocatie
from meldingen import opdrachten
from meldingen.models import Mail, Melding, Meldopdracht, Soort, Verzendstatus
from regietafels import services as rt
from regietafels.models import Realisatiemelding
from tests.bezwaar.conftest import maak_besluit, regel_van
from tests.factories import GebruikerFactory, arnhem_gemeld_naast_locatie
from tests.locaties.test_services import GEGEVENS
from uitruil import services as uitruil_services
from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer

# counts read before and after nested savepoints in one test transaction: read from the database
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("zonder_cache")]

MOMENT = dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC)
LATER = MOMENT + dt.timedelta(minutes=7)


@pytest.fixture
def w(verslag_gelderland, prt_gelderland, ministerie, iedereen, coa, cyclus):
    return {
        "verslag": verslag_gelderland,
        "prt": prt_gelderland,
        "ministerie": ministerie,
        "arnhem": iedereen["arnhem"],
        "nijmegen": iedereen["nijmegen"],
        "coa": coa,
        "cyclus": cyclus,
    }


def _indienen(w):
    return rt.verslag_indienen(verslag=w["verslag"], door=w["prt"])


def _besluit(w):
    _indienen(w)
    rt.verslag_beoordelen(
        verslag=w["verslag"], oordeel="voldoende", opmerkingen="", door=w["ministerie"]
    )
    besluit = rt.verdeelbesluit_voorstellen(cyclus=w["cyclus"], door=w["ministerie"])
    return rt.verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=MOMENT.date(), door=w["ministerie"]
    )


def _melden(w, datum=dt.date(2026, 11, 4), aantal=3):
    return rt.realisatie_melden(
        gemeente=w["arnhem"].gemeente,
        cyclus=w["cyclus"],
        datum=datum,
        aantal=aantal,
        bevestigd=True,
        door=w["arnhem"],
    )


def _verslag_beoordeeld(w):
    _indienen(w)
    return lambda: rt.verslag_beoordelen(
        verslag=w["verslag"], oordeel="voldoende", opmerkingen="Helder", door=w["ministerie"]
    )


def _verslag_teruggestuurd(w):
    _indienen(w)
    return lambda: rt.verslag_terugsturen(
        verslag=w["verslag"], opmerkingen="Ede ontbreekt", door=w["ministerie"]
    )


def _verlenging_gevraagd(w):
    return lambda: rt.verlenging_aanvragen(
        verslag=w["verslag"],
        reden="Raadsbesluiten",
        gevraagde_datum=dt.date(2026, 11, 29),
        door=w["prt"],
    )


def _realisatie_gemeld(w):
    _besluit(w)
    return lambda: _melden(w)


def _realisatie_gecorrigeerd(w):
    _besluit(w)
    melding = _melden(w)
    return lambda: rt.realisatie_corrigeren(
        melding=melding, aantal=2, datum=melding.datum, reden="Tikfout", door=w["prt"]
    )


def _realisatie_ingetrokken(w):
    _besluit(w)
    melding = _melden(w)
    return lambda: rt.realisatie_intrekken(melding=melding, reden="Dubbel", door=w["prt"])


def _koppelen(w):
    """Arnhem's reports of 100 and 80 places without a location, beside its azc of 150 places
    in gebruik since 1 October: tying withdraws one, corrects the other and makes one."""
    _besluit(w)
    arnhem_gemeld_naast_locatie(cyclus=w["cyclus"], door=w["arnhem"])
    locatie = Opvanglocatie.objects.get(naam="Azc Arnhem-Zuid")
    return lambda: rt.meldingen_aan_locatie_koppelen(
        gemeente=w["arnhem"].gemeente,
        cyclus=w["cyclus"],
        locatie=locatie,
        reden="Het zijn de plekken van het azc.",
        door=w["prt"],
    )


def _verdeelbesluit_herzien(w):
    besluit = _besluit(w)
    return lambda: rt.verdeelbesluit_herzien(
        verdeelbesluit=besluit,
        reden="Besluit op bezwaar",
        door=w["ministerie"],
        gemeente=w["arnhem"].gemeente,
        aantal=123,
        besluitdatum=MOMENT.date(),
    )


def _voorstellen(w):
    return uitruil_services.voorstellen(
        door=w["arnhem"],
        cyclus=w["cyclus"],
        partijen=[
            PartijInvoer(w["arnhem"].gemeente, Taak.ASIELOPVANG, Richting.NEEMT_OP, 50),
            PartijInvoer(w["nijmegen"].gemeente, Taak.STATUSHOUDERS, Richting.NEEMT_OP, 50),
        ],
        motivatie="Arnhem heeft een locatie, Nijmegen woningen",
    )


def _uitruil_geaccepteerd(w):
    uitruil = _voorstellen(w)
    return lambda: uitruil_services.accepteren(uitruil=uitruil, door=w["nijmegen"])


def _uitruil_bevestigd(w):
    uitruil = _voorstellen(w)
    uitruil_services.accepteren(uitruil=uitruil, door=w["nijmegen"])
    return lambda: uitruil_services.bevestigen(uitruil=uitruil, door=w["prt"])


def _locatie(w):
    return locatie_services.locatie_aanmaken(
        door=w["arnhem"],
        gemeente=w["arnhem"].gemeente,
        gegevens=GEGEVENS,
        fase_sinds=dt.date(2026, 1, 5),
    )


def _locatie_fase(w):
    locatie = _locatie(w)
    return lambda: locatie_services.fase_wijzigen(
        door=w["arnhem"], locatie=locatie, naar_fase="besluitvorming", datum=MOMENT.date()
    )


def _locatie_bevestigd(w):
    locatie = _locatie(w)
    return lambda: locatie_services.locatie_bevestigen(door=w["coa"], locatie=locatie)


@dataclass(frozen=True)
class Act:
    taak: str
    soorten: tuple[str, ...]
    voorbereiden: Callable[[dict], Callable[[], object]]
    ontvangers: frozenset[str]


PRT = frozenset({"t-prt-gelderland", "t-prt-gelderland-2"})
GEMEENTE_EN_PRT = PRT | {"t-gemeente-arnhem"}
MINISTERIE = frozenset({"t-ministerie", "t-ministerie-2"})
ACTS = {
    "verslag ingediend": Act(
        "regietafels.tasks.verslag_ingediend_melden",
        (Soort.VERSLAG_ONTVANGEN, Soort.VERSLAG_INGEDIEND),
        lambda w: lambda: _indienen(w),
        PRT | MINISTERIE,
    ),
    "verslag beoordeeld": Act(
        "regietafels.tasks.verslag_beoordeeld_melden",
        (Soort.VERSLAG_BEOORDEELD,),
        _verslag_beoordeeld,
        PRT,
    ),
    "verslag teruggestuurd": Act(
        "regietafels.tasks.verslag_beoordeeld_melden",
        (Soort.VERSLAG_TERUGGESTUURD,),
        _verslag_teruggestuurd,
        PRT,
    ),
    "verlenging gevraagd": Act(
        "regietafels.tasks.verlenging_gevraagd_melden",
        (Soort.VERLENGING_GEVRAAGD,),
        _verlenging_gevraagd,
        MINISTERIE,
    ),
    "realisatie gemeld": Act(
        "regietafels.tasks.realisatie_melden",
        (Soort.REALISATIE_GEMELD,),
        _realisatie_gemeld,
        PRT,
    ),
    "realisatie gecorrigeerd": Act(
        "regietafels.tasks.realisatie_melden",
        (Soort.REALISATIE_GECORRIGEERD,),
        _realisatie_gecorrigeerd,
        frozenset({"t-gemeente-arnhem", "t-prt-gelderland-2"}) | MINISTERIE,
    ),
    "realisatie ingetrokken": Act(
        "regietafels.tasks.realisatie_melden",
        (Soort.REALISATIE_GECORRIGEERD,),
        _realisatie_ingetrokken,
        frozenset({"t-gemeente-arnhem", "t-prt-gelderland-2"}) | MINISTERIE,
    ),
    "meldingen aan locatie gekoppeld": Act(
        "regietafels.tasks.realisatie_melden",
        (Soort.REALISATIE_GECORRIGEERD, Soort.REALISATIE_GEMELD),
        _koppelen,
        frozenset({"t-gemeente-arnhem", "t-prt-gelderland-2"}) | MINISTERIE,
    ),
    "verdeelbesluit herzien": Act(
        "regietafels.tasks.verdeelbesluit_herzien_melden",
        (Soort.VERDEELBESLUIT,),
        _verdeelbesluit_herzien,
        GEMEENTE_EN_PRT,
    ),
    "uitruil voorgesteld": Act(
        "uitruil.tasks.stap_gezet_melden",
        (Soort.UITRUIL_VOORGESTELD,),
        lambda w: lambda: _voorstellen(w),
        PRT | {"t-gemeente-nijmegen"},
    ),
    "uitruil geaccepteerd": Act(
        "uitruil.tasks.stap_gezet_melden",
        (Soort.UITRUIL_GEACCEPTEERD,),
        _uitruil_geaccepteerd,
        GEMEENTE_EN_PRT,
    ),
    "uitruil bevestigd": Act(
        "uitruil.tasks.stap_gezet_melden",
        (Soort.UITRUIL_BEVESTIGD,),
        _uitruil_bevestigd,
        frozenset({"t-gemeente-arnhem", "t-gemeente-nijmegen"}),
    ),
    "locatiefase gemeld": Act(
        "locaties.tasks.fase_gemeld_melden",
        (Soort.LOCATIE_FASE_GEMELD,),
        _locatie_fase,
        frozenset({"t-coa"}),
    ),
    "locatie bevestigd door COA": Act(
        "locaties.tasks.bevestigd_melden",
        (Soort.LOCATIE_BEVESTIGD,),
        _locatie_bevestigd,
        frozenset({"t-gemeente-arnhem"}),
    ),
}


def _voorbereid(act: Act, w) -> Callable[[], object]:
    """The act's preconditions, their own notices written (the worker after their commits)."""
    handeling = act.voorbereiden(w)
    opdrachten.alles_uitvoeren()
    return handeling


def _laatste() -> int:
    return Melding.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _ontvangers(act: Act, na: int) -> set[str]:
    """Who got a notice of the act's kinds after notice ``na`` (the preconditions' are older)."""
    return set(
        Melding.objects.filter(soort__in=act.soorten, pk__gt=na).values_list(
            "ontvanger__username", flat=True
        )
    )


@pytest.mark.parametrize("naam", ACTS)
def test_one_row_in_the_act_and_the_worker_tells_once_at_the_acts_time(naam, w):
    act = ACTS[naam]
    with time_machine.travel(MOMENT, tick=False):
        handeling = _voorbereid(act, w)
        eerder = set(Meldopdracht.objects.values_list("pk", flat=True))
        meldingen, mails, na = Melding.objects.count(), Mail.objects.count(), _laatste()
        handeling()
    nieuw = list(Meldopdracht.objects.exclude(pk__in=eerder))
    assert [(o.taak, o.status) for o in nieuw] == [(act.taak, Verzendstatus.GEPLAND)]
    # nothing of the act's notices is written in the request itself
    assert (Melding.objects.count(), Mail.objects.count()) == (meldingen, mails)
    with time_machine.travel(LATER, tick=False):
        assert opdrachten.alles_uitvoeren() == (1, 0)
    assert _ontvangers(act, na) == act.ontvangers
    geschreven = Melding.objects.count() - meldingen
    assert geschreven > 0
    tijden = Melding.objects.filter(pk__gt=na).values_list("aangemaakt_op", flat=True)
    assert set(tijden) == {MOMENT}
    # each notice once per event and recipient: running the row or its task again adds nothing
    dubbel = Melding.objects.values("sleutel", "ontvanger").annotate(n=Count("pk")).filter(n__gt=1)
    assert not dubbel.exists()
    opdracht = nieuw[0]
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is False
    opdracht.refresh_from_db()
    current_app.tasks[opdracht.taak](**opdracht.argumenten)
    assert Melding.objects.count() - meldingen == geschreven


@pytest.mark.parametrize("naam", ACTS)
def test_a_rolled_back_act_leaves_no_row_and_no_notice(naam, w):
    act = ACTS[naam]

    class Terug(Exception):
        pass

    with time_machine.travel(MOMENT, tick=False):
        handeling = _voorbereid(act, w)
        rijen, meldingen, na = Meldopdracht.objects.count(), Melding.objects.count(), _laatste()
        with pytest.raises(Terug), transaction.atomic():
            handeling()
            assert Meldopdracht.objects.count() == rijen + 1
            raise Terug
    assert Meldopdracht.objects.count() == rijen
    assert opdrachten.alles_uitvoeren() == (0, 0)
    assert Melding.objects.count() == meldingen and not _ontvangers(act, na)


@pytest.mark.parametrize("naam", ["verslag ingediend", "meldingen aan locatie gekoppeld"])
def test_in_process_as_under_make_run_the_notices_are_there_at_once(
    naam, w, eager, django_capture_on_commit_callbacks
):
    act = ACTS[naam]
    with time_machine.travel(MOMENT, tick=False):
        handeling = _voorbereid(act, w)
        na = _laatste()
        with django_capture_on_commit_callbacks(execute=True):
            handeling()
    assert _ontvangers(act, na) == act.ontvangers
    assert not Meldopdracht.objects.exclude(status=Verzendstatus.VERZONDEN).exists()


def test_the_tie_tells_each_report_in_one_round(w):
    act = ACTS["meldingen aan locatie gekoppeld"]
    with time_machine.travel(MOMENT, tick=False):
        handeling = _voorbereid(act, w)
        gekoppeld = handeling()
    opdracht = Meldopdracht.objects.get(sleutel=f"realisatie-gekoppeld:{gekoppeld.pk}")
    oud = Realisatiemelding.alle.filter(gemeente=gekoppeld.gemeente, ingetrokken_op__isnull=False)
    ingetrokken, gecorrigeerd = oud.order_by("datum")
    assert opdracht.argumenten["correcties"] == [
        [ingetrokken.pk, None],
        [gecorrigeerd.pk, Realisatiemelding.objects.get(vervangt=gecorrigeerd).pk],
    ]
    opdrachten.alles_uitvoeren()
    sleutels = set(
        Melding.objects.filter(ontvanger=w["ministerie"]).values_list("sleutel", flat=True)
    )
    assert {
        f"realisatie-ingetrokken:{ingetrokken.pk}",
        f"realisatie-gecorrigeerd:{gecorrigeerd.pk}",
    } <= sleutels
    assert Melding.objects.filter(sleutel=f"realisatie-gemeld:{gekoppeld.pk}").exists()
    tekst = Melding.objects.get(
        ontvanger=w["arnhem"], sleutel=f"realisatie-gecorrigeerd:{gecorrigeerd.pk}"
    ).tekst
    assert "is gecorrigeerd door" in tekst and "Nieuwe melding: 30 plekken" in tekst


def test_an_exchange_step_keeps_its_status_when_the_next_step_came_first(w):
    """Accepted by the last party, then confirmed by the PRT before the worker wrote the
    acceptance: its notice still says all parties agreed (the status after that step)."""
    uitruil = _voorstellen(w)
    uitruil_services.accepteren(uitruil=uitruil, door=w["nijmegen"])
    uitruil_services.bevestigen(uitruil=uitruil, door=w["prt"])
    opdrachten.alles_uitvoeren()
    titel = Melding.objects.get(ontvanger=w["arnhem"], soort=Soort.UITRUIL_GEACCEPTEERD).titel
    assert "alle partijen akkoord" in titel


@pytest.fixture
def bezwaar_wereld(gemeenten, prt_gelderland, ministerie):
    besluit = maak_besluit(dt.date(2024, 12, 23))
    arnhem = GebruikerFactory(
        username="t-gemeente-arnhem",
        rol=Rol.GEMEENTE,
        gemeente=regel_van(besluit, "Arnhem").gemeente,
    )
    return {"regel": regel_van(besluit, "Arnhem"), "arnhem": arnhem}


BEZWAAR_MOMENT = dt.datetime(2025, 1, 20, 11, tzinfo=dt.UTC)


@pytest.mark.parametrize("intrekken", [False, True], ids=["ingediend", "ingetrokken"])
def test_a_bezwaar_lodged_or_withdrawn_is_told_by_the_worker(bezwaar_wereld, intrekken):
    arnhem = bezwaar_wereld["arnhem"]
    with time_machine.travel(BEZWAAR_MOMENT, tick=False):
        bezwaar = bezwaar_services.bezwaar_indienen(
            regel=bezwaar_wereld["regel"], gronden="Het aantal is te hoog.", door=arnhem
        )
        if intrekken:
            opdrachten.alles_uitvoeren()
            bezwaar_services.bezwaar_intrekken(bezwaar=bezwaar, reden="Opgelost", door=arnhem)
    soort = Soort.BEZWAAR_INGETROKKEN if intrekken else Soort.BEZWAAR_INGEDIEND
    taak = f"bezwaar.tasks.bezwaar_{'ingetrokken' if intrekken else 'ingediend'}_melden"
    opdracht = Meldopdracht.objects.get(taak=taak)
    assert opdracht.argumenten == {"bezwaar_id": bezwaar.pk, "door_id": arnhem.pk}
    assert not Melding.objects.filter(soort=soort).exists()
    with time_machine.travel(BEZWAAR_MOMENT + dt.timedelta(minutes=7), tick=False):
        assert opdrachten.alles_uitvoeren() == (1, 0)
    ontvangers = set(
        Melding.objects.filter(soort=soort).values_list("ontvanger__username", flat=True)
    )
    assert ontvangers == {"t-prt-gelderland", "t-ministerie"}
    tijden = Melding.objects.filter(soort=soort).values_list("aangemaakt_op", flat=True)
    assert set(tijden) == {BEZWAAR_MOMENT}
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is False
