"""The sweep: what is due when, exactly once, opt-out, extensions, failures."""

import datetime as dt
import smtplib
import threading
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection

from accounts.models import Rol
from herinneringen import services, tasks
from herinneringen.models import (
    Herinnering,
    Verzendstatus,
    Voorkeur,
)
from herinneringen.termijnen import (
    AFTELLEN,
    WEKELIJKS,
    Soort,
    Termijn,
    open_termijnen,
    stap_voor,
)
from meldingen import opdrachten
from meldingen import services as meldingen_services
from meldingen.models import Mail, Meldopdracht
from regietafels.models import Verslag
from regietafels.termijnen import termijn_verlengen
from tests.factories import GebruikerFactory

from .conftest import VERSLAGTERMIJN

AMS = dt.timezone(dt.timedelta(hours=1))


def om(datum: dt.date, uur=7):
    return time_machine.travel(dt.datetime(datum.year, datum.month, datum.day, uur, tzinfo=AMS))


def dag(offset: int) -> dt.date:
    return VERSLAGTERMIJN + dt.timedelta(days=offset)


# --- steps ----------------------------------------------------------------------------------


def test_aftellen_stappen_en_wekelijks_te_laat():
    t = Termijn(sleutel="x", soort=Soort.VERSLAG, titel="x", schema=AFTELLEN, datum=VERSLAGTERMIJN)
    assert stap_voor(t, dag(-31)) is None
    assert stap_voor(t, dag(-30)) == "2026-11-01/T-30"
    assert stap_voor(t, dag(-20)) == "2026-11-01/T-30"  # caught up, same step
    assert stap_voor(t, dag(-14)) == "2026-11-01/T-14"
    assert stap_voor(t, dag(-7)) == "2026-11-01/T-7"
    assert stap_voor(t, dag(-3)) == "2026-11-01/T-3"
    assert stap_voor(t, dag(-1)) == "2026-11-01/T-1"
    assert stap_voor(t, dag(0)) == "2026-11-01/T-0"
    assert stap_voor(t, dag(6)) == "2026-11-01/T-0"
    assert stap_voor(t, dag(7)) == "2026-11-01/T+7"
    assert stap_voor(t, dag(20)) == "2026-11-01/T+14"
    w = Termijn(sleutel="y", soort="z", titel="y", schema=WEKELIJKS, sinds=VERSLAGTERMIJN)
    assert stap_voor(w, dag(-1)) is None
    assert stap_voor(w, dag(0)) == "2026-11-01/W+0"
    assert stap_voor(w, dag(13)) == "2026-11-01/W+7"


def _digest_aan(adres):
    return [m for m in mail.outbox if m.to == [adres] and "aandacht" in m.subject]


@pytest.mark.django_db
def test_verslagherinnering_op_de_stapdagen_en_eenmaal(cyclus, prt_gelderland, prt_noord_holland):
    verzonden_op = []
    for offset in range(-35, 22):
        with om(dag(offset)):
            uitslag = services.sweep_synchroon()
        if _digest_aan(prt_gelderland.email)[len(verzonden_op) :]:
            verzonden_op.append(offset)
    assert verzonden_op == [-30, -14, -7, -3, -1, 0, 7, 14, 21]
    assert len(_digest_aan(prt_noord_holland.email)) == 9
    eerste = _digest_aan(prt_gelderland.email)[0]
    assert "Verslag regietafel Gelderland 2026 indienen" in eerste.body
    assert "nog 30 dagen" in eerste.body
    te_laat = _digest_aan(prt_gelderland.email)[-1]
    assert "21 dagen te laat" in te_laat.body
    assert uitslag.planning.termijnen >= 12


@pytest.mark.django_db
def test_sweep_tweemaal_verstuurt_eenmaal(cyclus, prt_gelderland):
    with om(dag(-7)):
        eerste = services.sweep_synchroon()
        tweede = services.sweep_synchroon()
    assert len(eerste.verzonden) == 1
    assert tweede.verzonden == []
    assert len(mail.outbox) == 1
    assert Herinnering.objects.filter(ontvanger=prt_gelderland).count() == 1


@pytest.mark.django_db
def test_digest_is_nederlands_html_en_tekst_met_links(cyclus, prt_gelderland, settings):
    settings.SITE_URL = "https://regietafel.example"
    settings.DEFAULT_FROM_EMAIL = "Regietafel <noreply@regietafel.example>"
    settings.EMAIL_REPLY_TO = "spreidingswet@regietafel.example"
    with om(dag(-3)):
        services.sweep_synchroon()
    (bericht,) = mail.outbox
    assert bericht.subject == "Regietafel: 1 termijn vraagt uw aandacht"
    assert bericht.from_email == "Regietafel <noreply@regietafel.example>"
    assert bericht.reply_to == ["spreidingswet@regietafel.example"]
    html, mimetype = bericht.alternatives[0]
    assert mimetype == "text/html"
    assert "nog 3 dagen" in bericht.body and "nog 3 dagen" in html
    assert "https://regietafel.example/" in bericht.body
    assert 'href="https://regietafel.example/' in html


@pytest.mark.django_db
def test_ingediend_verslag_stopt_herinneringen(verslag_gelderland, prt_gelderland, ministerie):
    with om(dag(-14)):
        services.sweep_synchroon()
    assert len(_digest_aan(prt_gelderland.email)) == 1
    Verslag.objects.filter(pk=verslag_gelderland.pk).update(
        status=Verslag.Status.INGEDIEND, ingediend_op=dt.datetime(2026, 10, 20, tzinfo=AMS)
    )
    for offset in (-7, -3, -1, 0, 7):
        with om(dag(offset)):
            services.sweep_synchroon()
    assert len(_digest_aan(prt_gelderland.email)) == 1
    # The ministry is told about the submitted verslag waiting for assessment.
    assert any("beoordelen" in m.body for m in _digest_aan(ministerie.email))


@pytest.mark.django_db
def test_ministerie_krijgt_te_late_verslagen(cyclus, ministerie):
    with om(dag(1)):
        services.sweep_synchroon()
    (bericht,) = _digest_aan(ministerie.email)
    assert bericht.subject == "Regietafel: 12 termijnen vragen uw aandacht"
    assert "Verslag regietafel Gelderland 2026 is niet ingediend" in bericht.body


# --- opt-out ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_geen_email_behalve_wettelijke_verslagherinnering(cyclus, prt_gelderland, ministerie):
    services.voorkeur_wijzigen(gebruiker=prt_gelderland, e_mail=Voorkeur.EMail.GEEN)
    services.voorkeur_wijzigen(gebruiker=ministerie, e_mail=Voorkeur.EMail.GEEN)
    with om(dag(1)):
        services.sweep_synchroon()
    # The PRT secretary still gets the statutory verslag reminder; the ministry gets nothing.
    assert len(_digest_aan(prt_gelderland.email)) == 1
    assert _digest_aan(ministerie.email) == []


@pytest.mark.django_db
def test_afmelden_laat_geplande_niet_wettelijke_vervallen(cyclus, ministerie):
    with om(dag(1)):
        services.herinneringen_plannen()
    assert Herinnering.objects.te_versturen().filter(ontvanger=ministerie).count() == 12
    services.voorkeur_wijzigen(gebruiker=ministerie, e_mail=Voorkeur.EMail.GEEN)
    assert Herinnering.objects.te_versturen().filter(ontvanger=ministerie).count() == 0
    with pytest.raises(ValueError):
        services.voorkeur_wijzigen(gebruiker=ministerie, e_mail="sms")


# --- extensions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_verlenging_verplaatst_herinneringen_en_meldt_eenmaal(
    cyclus, regietafel_gelderland, prt_gelderland, prt_noord_holland, ministerie
):
    with om(dag(-14)):
        services.sweep_synchroon()
    assert len(_digest_aan(prt_gelderland.email)) == 1
    nieuwe = dt.date(2026, 12, 1)
    with om(dag(-12), uur=14):
        verlenging = termijn_verlengen(
            cyclus=cyclus,
            regietafel=regietafel_gelderland,
            nieuwe_datum=nieuwe,
            reden="Raming een maand te laat",
            referentie="Kamerbrief 5-2-2026",
            door=ministerie,
        )
        # granting the extension recorded one job for the worker, which writes the notice and
        # its mail; announcing again adds nothing
        sleutel = f"verlenging-toegekend:{verlenging.pk}"
        opdrachten.alles_uitvoeren()
        assert Mail.objects.filter(sleutel=sleutel).count() == 1
        from regietafels import notificaties

        notificaties.verlenging_toegekend(verlenging=verlenging)
        opdrachten.alles_uitvoeren()
        assert Mail.objects.filter(sleutel=sleutel).count() == 1
        assert Meldopdracht.objects.filter(sleutel=sleutel).count() == 1
        meldingen_services.alles_versturen()
        services.sweep_synchroon()
    meldingen = [m for m in mail.outbox if "verlengd" in m.subject]
    assert [m.to for m in meldingen] == [[prt_gelderland.email]]
    assert "1 december 2026" in meldingen[0].body
    assert "1 november 2026" in meldingen[0].body  # the original date stays visible
    mail.outbox.clear()
    # The old T-7 / T-3 / T-1 days pass without reminders for Gelderland; Noord-Holland keeps them.
    for offset in (-7, -3, -1):
        with om(dag(offset)):
            services.sweep_synchroon()
    assert _digest_aan(prt_gelderland.email) == []
    assert len(_digest_aan(prt_noord_holland.email)) == 3
    # 30 days before the new deadline: the new steps start, and no second notice is sent.
    with om(nieuwe - dt.timedelta(days=30)):
        services.sweep_synchroon()
    (bericht,) = _digest_aan(prt_gelderland.email)
    assert "nog 30 dagen" in bericht.body
    assert Mail.objects.filter(sleutel=sleutel, status=Verzendstatus.VERZONDEN).count() == 1


@pytest.mark.django_db
def test_verlenging_laat_geplande_oude_stap_vervallen(
    cyclus, regietafel_gelderland, prt_gelderland
):
    with om(dag(-7)):
        services.herinneringen_plannen()  # planned, but the broker never delivered it
    rij = Herinnering.objects.get(ontvanger=prt_gelderland)
    with om(dag(-7), uur=15):
        termijn_verlengen(
            cyclus=cyclus,
            regietafel=regietafel_gelderland,
            nieuwe_datum=dt.date(2026, 12, 1),
            reden="Uitstel",
            door=None,
        )
        opdrachten.alles_uitvoeren()  # the worker writes the extension's notices after commit
    with om(dag(-6)):
        uitslag = services.sweep_synchroon()
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.VERVALLEN
    assert _digest_aan(prt_gelderland.email) == []
    assert uitslag.verzonden == []
    # the extension itself was announced through meldingen
    assert Mail.objects.filter(soort="verlenging_toegekend", ontvanger=prt_gelderland).count() == 1


# --- exactly once under concurrency and failures -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twee_sweeps_tegelijk_in_threads(cyclus, prt_gelderland, prt_noord_holland, ministerie):
    fouten = []
    start = threading.Barrier(2)

    def sweep():
        try:
            start.wait()
            services.sweep_synchroon(datum=dag(-7))
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [prt_gelderland.email, prt_noord_holland.email]
    )
    assert Herinnering.objects.filter(status=Verzendstatus.VERZONDEN).count() == 2


@pytest.mark.django_db(transaction=True)
def test_twee_workers_tegelijk_voor_dezelfde_ontvanger(cyclus, ministerie):
    services.herinneringen_plannen(datum=dag(1))
    start = threading.Barrier(4)
    uitkomsten = []

    def worker(n):
        try:
            start.wait()
            uitkomsten.append(
                tasks.verstuur_digest.apply(args=[ministerie.pk], task_id=f"worker-{n}").get()
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == [0, 0, 0, 12]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_taak_na_gesimuleerde_kill_opnieuw_bezorgd(cyclus, prt_gelderland):
    with om(dag(-7)):
        services.herinneringen_plannen()
        # The worker claimed the rows under its task id, then died before sending.
        ids = services._claimen(Herinnering, claim="taak-a", ontvanger_id=prt_gelderland.pk)
        assert len(ids) == 1
        # Another task (a second sweep's) finds the rows held and sends nothing.
        assert tasks.verstuur_digest.apply(args=[prt_gelderland.pk], task_id="taak-b").get() == 0
        # The broker redelivers the same message (same task id): it takes its claim back.
        assert tasks.verstuur_digest.apply(args=[prt_gelderland.pk], task_id="taak-a").get() == 1
        assert tasks.verstuur_digest.apply(args=[prt_gelderland.pk], task_id="taak-a").get() == 0
    assert len(mail.outbox) == 1
    rij = Herinnering.objects.get(pk=ids[0])
    assert rij.status == Verzendstatus.VERZONDEN and rij.pogingen == 2


@pytest.mark.django_db
def test_verloren_claim_wordt_na_de_lease_door_de_volgende_sweep_verstuurd(cyclus, prt_gelderland):
    with om(dag(-7)):
        services.herinneringen_plannen()
        services._claimen(Herinnering, claim="dode-taak", ontvanger_id=prt_gelderland.pk)
        assert services.sweep_synchroon().verzonden == []
    with om(dag(-6)):
        uitslag = services.sweep_synchroon()
    assert [v.e_mail for v in uitslag.verzonden] == [prt_gelderland.email]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_smtp_fout_retries_mislukt_en_volgende_sweep(cyclus, prt_gelderland, settings, eager):
    settings.HERINNERINGEN_RETRY_BASIS_SECONDEN = 0
    with om(dag(-7)):
        services.herinneringen_plannen()
    fout = smtplib.SMTPServerDisconnected("verbinding verbroken")
    eager.conf.task_eager_propagates = False  # let apply() follow the retries eagerly
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=fout) as send,
        mock.patch.object(tasks, "wachttijd", wraps=tasks.wachttijd) as wacht,
        om(dag(-7)),
    ):
        resultaat = tasks.verstuur_digest.apply(args=[prt_gelderland.pk], throw=False)
    assert resultaat.failed()
    assert send.call_count == tasks.MAX_POGINGEN + 1
    # exponential backoff: 0, 1, 2, 3, 4 retries before the last attempt
    assert [c.args[0] for c in wacht.call_args_list] == [0, 1, 2, 3, 4]
    settings.HERINNERINGEN_RETRY_BASIS_SECONDEN = 60
    assert [tasks.wachttijd(n) for n in range(4)] == [60, 120, 240, 480]
    rij = Herinnering.objects.get(ontvanger=prt_gelderland)
    assert rij.status == Verzendstatus.MISLUKT
    assert "verbinding verbroken" in rij.laatste_fout
    assert rij.pogingen == tasks.MAX_POGINGEN + 1
    assert mail.outbox == []
    # The next sweep picks it up again.
    with om(dag(-6)):
        services.sweep_synchroon()
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.VERZONDEN and rij.laatste_fout == ""
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sweep_taak_verstuurt_na_commit(
    cyclus, prt_gelderland, eager, django_capture_on_commit_callbacks
):
    with om(dag(-7)), django_capture_on_commit_callbacks(execute=True):
        uitkomst = tasks.dagelijkse_sweep.delay("2026-10-25").get()
    assert uitkomst["nieuw"] == 1
    assert len(mail.outbox) == 1


def _verbindingen_vergeten(app) -> None:
    """Drop the app's cached connection and producer pools, so the next task uses the broker
    URL now configured (the producer pool keeps its own reference to the old pool)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_broker_onbereikbaar_records_blijven_en_volgende_sweep_verstuurt(
    cyclus, prt_gelderland, django_capture_on_commit_callbacks
):
    from config.celery import app

    oud = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/1"  # nothing listens on port 1
    _verbindingen_vergeten(app)
    try:
        with om(dag(-7)), django_capture_on_commit_callbacks(execute=True):
            planning = services.dagelijkse_sweep()
    finally:
        app.conf.broker_url = oud
        _verbindingen_vergeten(app)
    assert planning.nieuw == 1
    rij = Herinnering.objects.get(ontvanger=prt_gelderland)
    assert rij.status == Verzendstatus.GEPLAND
    assert mail.outbox == []
    with om(dag(-6)):
        services.sweep_synchroon()
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.VERZONDEN
    assert len(mail.outbox) == 1


# --- other terms -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_inactieve_of_adresloze_gebruikers_krijgen_niets(cyclus, provincie_gelderland):
    GebruikerFactory(
        username="zonder-adres", email="", rol=Rol.PRT_SECRETARIS, provincie=provincie_gelderland
    )
    GebruikerFactory(
        username="inactief", is_active=False, rol=Rol.PRT_SECRETARIS, provincie=provincie_gelderland
    )
    with om(dag(-7)):
        assert services.sweep_synchroon().verzonden == []


@pytest.mark.django_db
def test_open_termijnen_constant_aantal_queries(
    cyclus, prt_gelderland, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        termijnen = open_termijnen(vandaag=dag(-7))
    assert len([t for t in termijnen if t.soort == Soort.VERSLAG]) == 12


@pytest.mark.django_db
def test_mislukte_stap_en_nieuwe_stap_van_dezelfde_termijn_eenmaal_in_digest(
    cyclus, prt_gelderland
):
    with om(dag(-1)):
        services.herinneringen_plannen()
    Herinnering.objects.update(status=Verzendstatus.MISLUKT, laatste_fout="SMTP weg")
    with om(dag(0)):
        uitslag = services.sweep_synchroon()
    (bericht,) = mail.outbox
    assert bericht.body.count("Verslag regietafel Gelderland 2026 indienen") == 1
    assert "Termijn: 1 november 2026 (vandaag)" in bericht.body
    assert uitslag.verzonden[0].aantal == 1  # one item in the mail; both rows recorded as sent
    assert Herinnering.objects.filter(status=Verzendstatus.VERZONDEN).count() == 2
