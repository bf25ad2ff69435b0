"""Pages, the calendar feed, the API, the admin, the command and the beat schedule."""

import datetime as dt
import inspect
from io import StringIO

import pytest
import time_machine
from celery import current_app
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from herinneringen import services
from herinneringen.models import Herinnering, Verzendstatus, Voorkeur
from regietafels.models import Verslag

from .conftest import VERSLAGTERMIJN

AMS = dt.timezone(dt.timedelta(hours=1))


def om(datum: dt.date, uur=9):
    return time_machine.travel(dt.datetime(datum.year, datum.month, datum.day, uur, tzinfo=AMS))


@pytest.mark.django_db
def test_mijn_termijnen_prt(client, cyclus, prt_gelderland, django_assert_max_num_queries):
    client.force_login(prt_gelderland)
    with om(VERSLAGTERMIJN - dt.timedelta(days=5)), django_assert_max_num_queries(25):
        response = client.get("/termijnen/")
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Verslag regietafel Gelderland 2026 indienen" in inhoud
    assert "nog 5 dagen" in inhoud
    assert "Noord-Holland" not in inhoud  # another province's verslag is not "mine"
    assert "<caption" in inhoud and 'scope="col"' in inhoud


@pytest.mark.django_db
def test_mijn_termijnen_ministerie_ziet_alles_te_laat_eerst(client, cyclus, ministerie):
    from raming.models import Mijlpaal

    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.RAMING,
        oorspronkelijke_datum=dt.date(2027, 2, 1),
        datum=dt.date(2027, 2, 1),
    )
    client.force_login(ministerie)
    with om(VERSLAGTERMIJN + dt.timedelta(days=3)):
        inhoud = client.get("/termijnen/").content.decode()
    # each overdue verslag once: "niet ingediend", not also the PRT's "indienen"
    assert inhoud.count("3 dagen te laat") == 12
    assert inhoud.count("is niet ingediend") == 12 and "2026 indienen" not in inhoud
    assert inhoud.index("te laat") < inhoud.index("Capaciteitsraming 2026 vaststellen")
    assert "12 termijnen zijn verstreken" in inhoud


@pytest.mark.django_db
def test_gemeente_en_coa(client, cyclus, gemeente_zaanstad, coa):
    client.force_login(gemeente_zaanstad)
    inhoud = client.get("/termijnen/").content.decode()
    assert "Er staan geen termijnen voor u open." in inhoud
    assert client.get("/termijnen/alle/").status_code == 403
    client.force_login(coa)
    with om(VERSLAGTERMIJN - dt.timedelta(days=1)):
        inhoud = client.get("/termijnen/alle/").content.decode()
    assert "Verslag regietafel Gelderland 2026 indienen" in inhoud


@pytest.mark.django_db
def test_navigatie_en_home_panel(client, cyclus, prt_gelderland):
    client.force_login(prt_gelderland)
    with om(VERSLAGTERMIJN - dt.timedelta(days=2)):
        inhoud = client.get("/").content.decode()
    assert 'href="/termijnen/"' in inhoud and "Mijn termijnen" in inhoud
    assert "Eerstvolgende termijnen" in inhoud and "nog 2 dagen" in inhoud


@pytest.mark.django_db
def test_voorkeuren_pagina(client, prt_gelderland):
    client.force_login(prt_gelderland)
    inhoud = client.get("/termijnen/voorkeuren/").content.decode()
    assert "wettelijk" in inhoud and 'for="id_e_mail_0"' in inhoud
    assert 'value="digest" checked' in inhoud
    response = client.post("/termijnen/voorkeuren/", {"actie": "opslaan", "e_mail": "geen"})
    assert response.status_code == 302
    assert Voorkeur.objects.get(gebruiker=prt_gelderland).e_mail == "geen"
    response = client.post("/termijnen/voorkeuren/", {"actie": "opslaan", "e_mail": "fax"})
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert Voorkeur.objects.get(gebruiker=prt_gelderland).e_mail == "geen"


@pytest.mark.django_db
def test_agenda_feed_geheim_en_intrekbaar(client, cyclus, prt_gelderland):
    client.force_login(prt_gelderland)
    client.post("/termijnen/voorkeuren/", {"actie": "agenda-vernieuwen"})
    token = Voorkeur.objects.get(gebruiker=prt_gelderland).ical_token
    assert token and len(token) >= 40
    client.logout()
    url = reverse("herinneringen:agenda", args=[token])
    response = client.get(url)  # no login: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    ics = response.content.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261101" in ics
    assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT") == 1
    assert all(len(r.encode()) <= 75 for r in ics.split("\r\n"))
    assert client.get(url.replace(token[:6], "xxxxxx")).status_code == 404
    # Regenerating kills the old address; revoking kills every address.
    client.force_login(prt_gelderland)
    client.post("/termijnen/voorkeuren/", {"actie": "agenda-vernieuwen"})
    nieuw = Voorkeur.objects.get(gebruiker=prt_gelderland).ical_token
    assert client.get(url).status_code == 404
    client.post("/termijnen/voorkeuren/", {"actie": "agenda-intrekken"})
    assert client.get(reverse("herinneringen:agenda", args=[nieuw])).status_code == 404


@pytest.mark.django_db
def test_api_mijn_termijnen(client, cyclus, prt_gelderland, prt_noord_holland):
    client.force_login(prt_gelderland)
    with om(VERSLAGTERMIJN + dt.timedelta(days=2)):
        data = client.get("/api/v1/termijnen/").json()
    assert data["count"] == 1
    (termijn,) = data["results"]
    assert termijn["soort"] == "verslag" and termijn["dagen_resterend"] == -2
    assert termijn["te_laat"] is True and termijn["wettelijk"] is True
    client.logout()
    assert client.get("/api/v1/termijnen/").status_code in (401, 403)


@pytest.mark.django_db
def test_admin_toont_verzonden_en_mislukt_alleen_lezen(client, cyclus, ministerie, prt_gelderland):
    ministerie.is_superuser = True
    ministerie.save()
    with om(VERSLAGTERMIJN - dt.timedelta(days=7)):
        services.herinneringen_plannen()
    Herinnering.objects.filter(ontvanger=prt_gelderland).update(
        status=Verzendstatus.MISLUKT, laatste_fout="SMTPServerDisconnected: weg"
    )
    client.force_login(ministerie)
    inhoud = client.get("/beheer/herinneringen/herinnering/").content.decode()
    assert "SMTPServerDisconnected: weg" in inhoud and prt_gelderland.email in inhoud
    rij = Herinnering.objects.get(ontvanger=prt_gelderland)
    assert client.get(f"/beheer/herinneringen/herinnering/{rij.pk}/change/").status_code == 200
    assert client.get("/beheer/herinneringen/herinnering/add/").status_code == 403


# --- the management command -----------------------------------------------------------------


@pytest.mark.django_db
def test_commando_versturen_droog_en_tweemaal(cyclus, prt_gelderland, prt_noord_holland):
    droog = StringIO()
    call_command("herinneringen_versturen", "--datum", "2026-10-25", "--droog", stdout=droog)
    assert f"zou versturen: {prt_gelderland.email}: 1 item" in droog.getvalue()
    assert "Droog: 2 e-mails zouden worden verstuurd." in droog.getvalue()
    assert Herinnering.objects.count() == 0 and mail.outbox == []

    eerste = StringIO()
    call_command("herinneringen_versturen", "--datum", "2026-10-25", stdout=eerste)
    regels = eerste.getvalue().strip().splitlines()
    assert f"{prt_gelderland.email}: 1 item" in regels
    assert f"{prt_noord_holland.email}: 1 item" in regels
    assert regels[-1] == "2 e-mails verstuurd, 0 mislukt."
    tweede = StringIO()
    call_command("herinneringen_versturen", "--datum", "2026-10-25", stdout=tweede)
    assert tweede.getvalue().strip() == "0 e-mails verstuurd, 0 mislukt."
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_commando_ongeldige_datum(db):
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("herinneringen_versturen", "--datum", "25-10-2026")


@pytest.mark.django_db
def test_teruggestuurd_verslag(verslag_gelderland, prt_gelderland):
    Verslag.objects.filter(pk=verslag_gelderland.pk).update(status=Verslag.Status.TERUGGESTUURD)
    services.sweep_synchroon()
    (bericht,) = mail.outbox
    assert "teruggestuurd" in bericht.body


# --- the beat schedule ------------------------------------------------------------------------


def test_elke_beat_taak_bestaat_met_geldige_argumenten():
    import config.celery  # noqa: F401  (autodiscovery)

    current_app.loader.import_default_modules()
    schema = django_settings.CELERY_BEAT_SCHEDULE
    assert "dagelijkse-herinneringen" in schema
    for naam, regel in schema.items():
        assert regel["task"] in current_app.tasks, naam
        taak = current_app.tasks[regel["task"]]
        handtekening = inspect.signature(taak.run)
        handtekening.bind(*regel.get("args", ()), **regel.get("kwargs", {}))
    cron = schema["dagelijkse-herinneringen"]["schedule"]
    assert cron.hour == {7} and cron.minute == {0}
    assert django_settings.CELERY_TIMEZONE == "Europe/Amsterdam"


@pytest.mark.django_db
def test_demo_idempotent_zonder_mail(prt_gelderland, ministerie):
    from accounts.models import Gebruiker
    from herinneringen import demo

    Gebruiker.objects.filter(pk__in=[prt_gelderland.pk, ministerie.pk]).update(is_demo=True)
    uit = StringIO()
    demo.laad(stdout=uit)
    assert "2 aangemaakt" in uit.getvalue()
    demo.laad(stdout=uit)
    assert "0 aangemaakt" in uit.getvalue()
    assert Voorkeur.objects.filter(e_mail="digest").count() == 2
    assert mail.outbox == [] and Herinnering.objects.count() == 0


@pytest.mark.django_db
def test_api_filters_en_constant_aantal_queries(
    client, cyclus, ministerie, django_assert_max_num_queries
):
    client.force_login(ministerie)
    with om(VERSLAGTERMIJN + dt.timedelta(days=1)):
        with django_assert_max_num_queries(20):
            alles = client.get("/api/v1/termijnen/").json()
        te_laat = client.get("/api/v1/termijnen/?soort=verslag-te-laat").json()
        niet_te_laat = client.get("/api/v1/termijnen/?te_laat=true&soort=raming").json()
    assert alles["count"] == 12  # each overdue verslag once
    assert te_laat["count"] == 12
    assert {t["soort"] for t in te_laat["results"]} == {"verslag-te-laat"}
    assert niet_te_laat["count"] == 0


@pytest.mark.django_db
def test_agenda_feed_ministerie_actueel_na_een_wijziging(client, cyclus, ministerie):
    """The ministry's feed (its own terms; ``?van=alle`` every open term, ``?van=anderen``
    those of the PRTs and gemeenten) follows a change at once."""
    from raming.models import Mijlpaal

    token = services.ical_token_vernieuwen(gebruiker=ministerie)
    url = reverse("herinneringen:agenda", args=[token])
    with om(VERSLAGTERMIJN - dt.timedelta(days=5)):
        for _ in range(3):
            ics = client.get(url + "?van=alle").content.decode()
        assert ics.count("BEGIN:VEVENT") == 12  # the 12 verslag deadlines
        assert "Capaciteitsraming" not in ics
        # the PRTs' terms to submit, not the ministry's own
        assert client.get(url).content.decode().count("BEGIN:VEVENT") == 0
        assert client.get(url + "?van=anderen").content.decode().count("BEGIN:VEVENT") == 12
        Mijlpaal.objects.create(
            cyclus=cyclus,
            soort=Mijlpaal.Soort.RAMING,
            oorspronkelijke_datum=dt.date(2027, 2, 1),
            datum=dt.date(2027, 2, 1),
        )
        ics = client.get(url + "?van=alle").content.decode()
        eigen = client.get(url).content.decode()
        anderen = client.get(url + "?van=anderen").content.decode()
    assert ics.count("BEGIN:VEVENT") == 13
    assert "Capaciteitsraming 2026 vaststellen" in ics
    assert eigen.count("BEGIN:VEVENT") == 1 and "Capaciteitsraming 2026 vaststellen" in eigen
    assert "X-WR-CALNAME:Regietafel: termijnen" in eigen
    assert anderen.count("BEGIN:VEVENT") == 12 and "Capaciteitsraming" not in anderen
    assert "(van anderen)" in anderen
