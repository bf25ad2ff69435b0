"""Must show: an act that tells many people at once (an extension for all PRTs, a
verdeelbesluit) records one outbox row in its own transaction and no notice; the worker writes
the notices after commit. A rolled-back act leaves nothing; a broker that is down at commit
loses nothing (the sweep hands the row over again); a failure is recorded and tried again;
running a row twice writes each notice once; under ``make run`` (tasks in-process) the notices
are there as soon as the act has committed. The real worker: test_smtp_storing.py."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from meldingen import opdrachten, tasks
from meldingen.models import Mail, Melding, Meldopdracht, Soort, Verzendstatus
from regietafels import services as rt

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC)
IEDEREEN = {
    "t-prt-gelderland",
    "t-prt-gelderland-2",
    "t-prt-noord-holland",
    "t-gemeente-arnhem",
    "t-gemeente-nijmegen",
    "t-gemeente-zaanstad",
}


def _verlengen(cyclus, ministerie):
    return rt.verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 1), reden="Raming te laat", door=ministerie
    )


def _ontvangers() -> set[str]:
    return set(
        Melding.objects.filter(soort=Soort.VERLENGING_TOEGEKEND).values_list(
            "ontvanger__username", flat=True
        )
    )


@time_machine.travel(NU)
def test_the_act_records_one_row_and_the_worker_writes_the_notices(
    cyclus, ministerie, iedereen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as na_commit:
        verlenging = _verlengen(cyclus, ministerie)
    opdracht = Meldopdracht.objects.get()
    assert opdracht.sleutel == f"verlenging-toegekend:{verlenging.pk}"
    assert opdracht.taak == "regietafels.tasks.verlenging_toegekend_melden"
    assert opdracht.argumenten == {"verlenging_id": verlenging.pk, "oorspronkelijk": "2026-11-01"}
    assert opdracht.status == Verzendstatus.GEPLAND
    assert not Melding.objects.exists() and not Mail.objects.exists()
    # after commit the row is handed to the worker (here: the message to the broker)
    with mock.patch.object(tasks.meldopdracht_uitvoeren, "apply_async") as aan_worker:
        for callback in na_commit:
            callback()
    aan_worker.assert_called_once_with(args=[opdracht.pk], retry=False)
    # the worker's task
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is True
    assert _ontvangers() == IEDEREEN
    assert Mail.objects.filter(soort=Soort.VERLENGING_TOEGEKEND).count() == len(IEDEREEN)
    bericht = Melding.objects.get(ontvanger=iedereen["arnhem"]).tekst
    assert "1 december 2026" in bericht and "1 november 2026" in bericht
    opdracht.refresh_from_db()
    assert opdracht.status == Verzendstatus.VERZONDEN and opdracht.verwerkt_op is not None
    assert opdracht.pogingen == 1
    # done: a second run (a redelivered message, the sweep) does nothing
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is False
    assert Melding.objects.count() == len(IEDEREEN)


def test_the_notices_carry_the_moment_of_the_act(cyclus, ministerie, iedereen):
    with time_machine.travel(NU, tick=False):
        _verlengen(cyclus, ministerie)
    with time_machine.travel(NU + dt.timedelta(minutes=7), tick=False):
        opdrachten.alles_uitvoeren()
    assert set(Melding.objects.values_list("aangemaakt_op", flat=True)) == {NU}


@time_machine.travel(NU)
def test_a_rolled_back_act_leaves_no_row_and_no_notice(cyclus, ministerie, iedereen):
    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        _verlengen(cyclus, ministerie)
        assert Meldopdracht.objects.count() == 1
        raise Terug
    assert not Meldopdracht.objects.exists()
    assert opdrachten.alles_uitvoeren() == (0, 0)
    assert not Melding.objects.exists()


@time_machine.travel(NU)
def test_broker_down_at_commit_the_sweep_hands_the_row_over(
    cyclus, ministerie, iedereen, eager, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(
            tasks.meldopdracht_uitvoeren, "apply_async", side_effect=ConnectionError("broker")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        verlenging = _verlengen(cyclus, ministerie)  # the act stands
    assert not Melding.objects.exists()
    assert Meldopdracht.objects.get().status == Verzendstatus.GEPLAND
    # beat's sweep, the broker back (tasks in-process here)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep.delay()
    assert _ontvangers() == IEDEREEN
    assert Meldopdracht.objects.get().status == Verzendstatus.VERZONDEN
    # the sweep also sent their mails
    assert len([m for m in mail.outbox if "verlengd" in m.subject]) == len(IEDEREEN)
    assert verlenging.pk


@time_machine.travel(NU)
def test_a_failure_is_recorded_and_tried_again(cyclus, ministerie, iedereen):
    _verlengen(cyclus, ministerie)
    opdracht = Meldopdracht.objects.get()
    with (
        mock.patch(
            "regietafels.notificaties.verlenging_toegekend_melden",
            side_effect=RuntimeError("stuk"),
        ),
        pytest.raises(opdrachten.Opdrachtfout),
    ):
        opdrachten.uitvoeren(opdracht_id=opdracht.pk, wacht_seconden=60)
    opdracht.refresh_from_db()
    assert opdracht.status == Verzendstatus.MISLUKT
    assert opdracht.laatste_fout == "RuntimeError: stuk" and opdracht.pogingen == 1
    wacht = opdracht.volgende_poging - NU
    assert dt.timedelta(seconds=60) <= wacht < dt.timedelta(seconds=70)
    assert not Melding.objects.exists()
    # not before its next attempt is due; then it is written
    assert opdrachten.open_ids() == []
    with time_machine.travel(NU + dt.timedelta(seconds=75)):
        assert opdrachten.alles_uitvoeren() == (1, 0)
    assert _ontvangers() == IEDEREEN
    opdracht.refresh_from_db()
    assert opdracht.status == Verzendstatus.VERZONDEN and opdracht.laatste_fout == ""


@time_machine.travel(NU)
def test_in_process_as_under_make_run_the_notices_are_there_at_once(
    cyclus, ministerie, iedereen, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _verlengen(cyclus, ministerie)
    assert _ontvangers() == IEDEREEN
    assert set(Mail.objects.values_list("status", flat=True)) == {Verzendstatus.VERZONDEN}


@time_machine.travel(NU)
def test_announcing_twice_records_one_row(cyclus, ministerie, iedereen):
    from regietafels import notificaties

    verlenging = _verlengen(cyclus, ministerie)
    notificaties.verlenging_toegekend(verlenging=verlenging)
    assert Meldopdracht.objects.count() == 1
    opdrachten.alles_uitvoeren()
    assert Melding.objects.count() == len(IEDEREEN)


def _afwijzen(verslag, prt, ministerie):
    verzoek = rt.verlenging_aanvragen(
        verslag=verslag,
        reden="Twee gemeenteraden besluiten pas in november",
        gevraagde_datum=dt.date(2026, 11, 29),
        door=prt,
    )
    return rt.verlengingsverzoek_besluiten(
        verzoek=verzoek,
        toekennen=False,
        besluit_reden="Geen bijzondere omstandigheden",
        door=ministerie,
    )


AFGEWEZEN_AAN = {
    "t-prt-gelderland",
    "t-prt-gelderland-2",
    "t-gemeente-arnhem",
    "t-gemeente-nijmegen",
}


def _afgewezen_aan() -> set[str]:
    return set(
        Melding.objects.filter(soort=Soort.VERLENGING_AFGEWEZEN).values_list(
            "ontvanger__username", flat=True
        )
    )


@time_machine.travel(NU)
def test_a_refused_extension_request_is_told_by_the_worker(
    verslag_gelderland, prt_gelderland, ministerie, iedereen
):
    verzoek = _afwijzen(verslag_gelderland, prt_gelderland, ministerie)
    opdracht = Meldopdracht.objects.get(sleutel=f"verlenging-afgewezen:{verzoek.pk}")
    assert opdracht.taak == "regietafels.tasks.verlenging_afgewezen_melden"
    assert opdracht.argumenten == {"verzoek_id": verzoek.pk}
    # nothing of the refusal is written in the request itself
    assert not _afgewezen_aan()
    assert not Mail.objects.filter(soort=Soort.VERLENGING_AFGEWEZEN).exists()
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is True
    assert _afgewezen_aan() == AFGEWEZEN_AAN
    assert Mail.objects.filter(soort=Soort.VERLENGING_AFGEWEZEN).count() == len(AFGEWEZEN_AAN)
    bericht = Melding.objects.get(ontvanger=prt_gelderland, soort=Soort.VERLENGING_AFGEWEZEN)
    assert "Geen bijzondere omstandigheden" in bericht.tekst
    # a second run writes nothing new
    assert opdrachten.uitvoeren(opdracht_id=opdracht.pk) is False
    assert Melding.objects.filter(soort=Soort.VERLENGING_AFGEWEZEN).count() == len(AFGEWEZEN_AAN)


def test_a_refusal_keeps_the_moment_of_the_act(
    verslag_gelderland, prt_gelderland, ministerie, iedereen
):
    with time_machine.travel(NU, tick=False):
        _afwijzen(verslag_gelderland, prt_gelderland, ministerie)
    with time_machine.travel(NU + dt.timedelta(minutes=7), tick=False):
        opdrachten.alles_uitvoeren()
    tijden = Melding.objects.filter(soort=Soort.VERLENGING_AFGEWEZEN).values_list(
        "aangemaakt_op", flat=True
    )
    assert set(tijden) == {NU}


@time_machine.travel(NU)
def test_a_rolled_back_refusal_leaves_no_row_and_no_notice(
    verslag_gelderland, prt_gelderland, ministerie, iedereen
):
    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        _afwijzen(verslag_gelderland, prt_gelderland, ministerie)
        assert Meldopdracht.objects.filter(sleutel__startswith="verlenging-afgewezen:").exists()
        raise Terug
    assert not Meldopdracht.objects.filter(sleutel__startswith="verlenging-afgewezen:").exists()
    opdrachten.alles_uitvoeren()
    assert not _afgewezen_aan()
