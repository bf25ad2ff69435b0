"""melden(): notice and mail recorded with the state change, once, per preference; sending
claims a row, retries after an SMTP error, and never sends a row twice."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from meldingen import services
from meldingen.models import Mail, Mailvoorkeur, Melding, Soort, Verzendstatus

pytestmark = pytest.mark.django_db


def _melden(ontvangers, *, soort=Soort.VERSLAG_BEOORDEELD, sleutel="test:1", **extra):
    return services.melden(
        ontvangers=ontvangers,
        soort=soort,
        onderwerp="Verslag Gelderland 2026 beoordeeld",
        template="meldingen/test_bericht",
        context={"jaar": "2026", "aantal": 12345},
        link="/regietafels/gelderland/verslag/",
        sleutel=sleutel,
        **extra,
    )


@pytest.fixture(autouse=True)
def _testsjabloon(settings, tmp_path):
    """A body template for these tests only (the real ones are tested per kind)."""
    map_ = tmp_path / "meldingen"
    map_.mkdir()
    (map_ / "test_bericht.txt").write_text(
        "Cyclus {{ jaar }}: {{ aantal }} plekken voor {{ ontvanger.username|default:'de tafel' }}."
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def test_notice_and_mail_recorded_once(prt_gelderland, ministerie, settings):
    settings.SITE_URL = "http://127.0.0.1:8101"
    gemeld = _melden([prt_gelderland, ministerie, prt_gelderland])
    assert gemeld.mails == 2
    assert Melding.objects.filter(sleutel="test:1").count() == 2
    # announcing the same event again records nothing new
    assert _melden([prt_gelderland, ministerie]).mails == 0
    assert Melding.objects.count() == 2 and Mail.objects.count() == 2
    rij = Mail.objects.get(ontvanger=prt_gelderland)
    assert rij.status == Verzendstatus.GEPLAND
    # the action records the notice text and its link; the sender renders the message
    assert "Cyclus 2026: 12.345 plekken" in rij.bericht and rij.tekst == ""
    assert services.mail_versturen(mail_id=rij.pk) is True
    rij.refresh_from_db()
    (verzonden,) = mail.outbox
    assert verzonden.body == rij.tekst and verzonden.alternatives[0][0] == rij.html
    # a number of places with a thousands separator (years: see test_per_soort)
    assert "Cyclus 2026: 12.345 plekken" in rij.tekst
    # links come from the configured site address (make run sets it from HOST and PORT)
    assert "http://127.0.0.1:8101/regietafels/gelderland/verslag/" in rij.tekst
    assert 'href="http://127.0.0.1:8101/regietafels/gelderland/verslag/"' in rij.html
    assert "http://127.0.0.1:8101/meldingen/voorkeuren/" in rij.tekst


def test_rolled_back_action_leaves_no_notice_and_no_mail(prt_gelderland):
    with pytest.raises(RuntimeError), transaction.atomic():
        _melden([prt_gelderland])
        raise RuntimeError("de actie mislukt")
    assert not Melding.objects.exists() and not Mail.objects.exists()


def test_inactive_users_and_users_without_address(prt_gelderland, ministerie):
    ministerie.is_active = False
    ministerie.save()
    prt_gelderland.email = ""
    prt_gelderland.save()
    _melden([prt_gelderland, ministerie])
    assert list(Melding.objects.values_list("ontvanger", flat=True)) == [prt_gelderland.pk]
    assert not Mail.objects.exists()


def test_preference_off_keeps_the_notice_but_no_mail(prt_gelderland, tweede_prt_gelderland):
    services.mailvoorkeuren_opslaan(gebruiker=prt_gelderland, per_mail=[])
    _melden([prt_gelderland, tweede_prt_gelderland])
    assert Melding.objects.filter(ontvanger=prt_gelderland).exists()
    assert list(Mail.objects.values_list("e_mail", flat=True)) == [tweede_prt_gelderland.email]
    # the receipt is always mailed
    _melden([prt_gelderland], soort=Soort.VERSLAG_ONTVANGEN, sleutel="test:2")
    assert Mail.objects.filter(sleutel="test:2", ontvanger=prt_gelderland).exists()
    # switching a kind back on mails it again
    services.mailvoorkeuren_opslaan(gebruiker=prt_gelderland, per_mail=[Soort.VERSLAG_BEOORDEELD])
    _melden([prt_gelderland], sleutel="test:3")
    assert Mail.objects.filter(sleutel="test:3").count() == 1
    assert services.mailvoorkeuren_van(prt_gelderland)[Soort.VERSLAG_BEOORDEELD] is True
    assert services.mailvoorkeuren_van(prt_gelderland)[Soort.VERSLAG_TERUGGESTUURD] is False


def test_switching_a_kind_off_stops_unsent_mail_of_that_kind(prt_gelderland):
    _melden([prt_gelderland])
    services.mailvoorkeuren_opslaan(gebruiker=prt_gelderland, per_mail=[])
    assert Mail.objects.get().status == Verzendstatus.VERVALLEN
    assert services.alles_versturen() == (0, 0)
    assert mail.outbox == []


def test_mail_only_address_without_user(prt_gelderland):
    _melden([prt_gelderland], adressen=["secretariaat@gelderland.example", prt_gelderland.email])
    adressen = sorted(Mail.objects.values_list("e_mail", flat=True))
    assert adressen == sorted(["secretariaat@gelderland.example", prt_gelderland.email])
    assert services.alles_versturen() == (2, 0)
    tafel = Mail.objects.get(ontvanger=None)
    assert "de tafel" in tafel.tekst and "meldingen/voorkeuren" not in tafel.tekst


def test_send_once_with_a_stable_message_id(prt_gelderland):
    _melden([prt_gelderland])
    rij = Mail.objects.get()
    assert services.mail_versturen(mail_id=rij.pk) is True
    assert services.mail_versturen(mail_id=rij.pk) is False  # already sent
    (bericht,) = mail.outbox
    assert bericht.to == [prt_gelderland.email]
    assert bericht.extra_headers["Message-ID"] == f"<melding-{rij.pk}@127.0.0.1>"
    assert bericht.alternatives[0][1] == "text/html"
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.VERZONDEN and rij.pogingen == 1


def test_smtp_error_is_recorded_and_the_row_tried_again_later(prt_gelderland, settings):
    settings.MELDINGEN_RETRY_BASIS_SECONDEN = 0
    _melden([prt_gelderland])
    rij = Mail.objects.get()
    fout = smtplib.SMTPServerDisconnected("verbinding verbroken")
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=fout):
        with pytest.raises(services.Verzendfout):
            services.mail_versturen(mail_id=rij.pk, laatste_poging=False, volgende_over=0)
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.GEPLAND and rij.geclaimd_door == ""
    assert "SMTPServerDisconnected" in rij.laatste_fout and rij.pogingen == 1
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=fout):
        assert services.alles_versturen() == (0, 1)
    rij.refresh_from_db()
    assert rij.status == Verzendstatus.MISLUKT
    assert services.te_versturen_ids() == [rij.pk]
    assert services.alles_versturen() == (1, 0)
    assert len(mail.outbox) == 1
    assert services.alles_versturen() == (0, 0)


def test_a_planned_retry_is_not_overtaken_by_the_sweep(prt_gelderland):
    _melden([prt_gelderland])
    rij = Mail.objects.get()
    fout = smtplib.SMTPServerDisconnected("weg")
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=fout):
        with pytest.raises(services.Verzendfout):
            services.mail_versturen(mail_id=rij.pk, laatste_poging=False, volgende_over=600)
    assert services.te_versturen_ids() == []


def test_a_claimed_row_is_not_sent_by_another_sender(prt_gelderland):
    _melden([prt_gelderland])
    rij = Mail.objects.get()
    assert services._claimen(mail_id=rij.pk, claim="worker-a")
    assert services.mail_versturen(mail_id=rij.pk, claim="worker-b") is False
    assert services.mail_versturen(mail_id=rij.pk, claim="worker-a") is True
    assert len(mail.outbox) == 1


def test_preferences_stored_per_kind_with_history(prt_gelderland):
    services.mailvoorkeuren_opslaan(
        gebruiker=prt_gelderland, per_mail=[Soort.UITRUIL_BEVESTIGD, "onzin"]
    )
    uit = set(
        Mailvoorkeur.objects.filter(gebruiker=prt_gelderland, per_mail=False).values_list(
            "soort", flat=True
        )
    )
    assert Soort.UITRUIL_BEVESTIGD not in uit and Soort.UITRUIL_VOORGESTELD in uit
    assert Soort.VERSLAG_ONTVANGEN not in uit  # required, not a choice
    assert Mailvoorkeur.history.filter(gebruiker=prt_gelderland).exists()
