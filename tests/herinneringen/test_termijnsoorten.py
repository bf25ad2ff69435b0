"""The other kinds of terms: exchanges, extension requests, realisation, the raming due date."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from herinneringen import services
from herinneringen.models import Voorkeur
from herinneringen.termijnen import Soort, termijnen_voor
from raming.models import Gemeente, Mijlpaal
from regietafels.models import (
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from uitruil.models import Uitruil, UitruilPartij

AMS = dt.timezone(dt.timedelta(hours=1))


def aan(adres):
    return [m for m in mail.outbox if m.to == [adres]]


@pytest.fixture
def uitruil(cyclus, gemeente_zaanstad, gemeenten, provincie_noord_holland):
    purmerend = Gemeente.objects.get(naam="Purmerend")
    zaanstad = gemeente_zaanstad.gemeente
    u = Uitruil.objects.create(
        cyclus=cyclus,
        provincie=provincie_noord_holland,
        voorgesteld_door_gemeente=purmerend,
        voorgesteld_door=gemeente_zaanstad,
        motivatie="Meer Oekraïners tegen asielopvang",
    )
    UitruilPartij.objects.create(
        uitruil=u,
        gemeente=purmerend,
        taak="oekraine",
        richting="neemt_op",
        aantal=50,
        instemming="geaccepteerd",
    )
    UitruilPartij.objects.create(
        uitruil=u, gemeente=zaanstad, taak="asielopvang", richting="neemt_op", aantal=50
    )
    UitruilPartij.objects.create(
        uitruil=u, gemeente=zaanstad, taak="oekraine", richting="geeft_af", aantal=50
    )
    return u


@pytest.mark.django_db
def test_uitruilvoorstel_wacht_op_antwoord_van_de_gemeente(uitruil, gemeente_zaanstad):
    vandaag = timezone.localdate()
    (termijn,) = termijnen_voor(gemeente_zaanstad, vandaag=vandaag)
    assert termijn.soort == Soort.UITRUIL_ANTWOORD
    assert termijn.pad == f"/uitruil/{uitruil.pk}/"
    services.sweep_synchroon()
    (bericht,) = aan(gemeente_zaanstad.email)
    assert "Uitruilvoorstel van Purmerend beantwoorden (Zaanstad)" in bericht.body
    # A week later the reminder comes again; opted out, it does not.
    with time_machine.travel(timezone.now() + dt.timedelta(days=7)):
        services.voorkeur_wijzigen(gebruiker=gemeente_zaanstad, e_mail=Voorkeur.EMail.GEEN)
        services.sweep_synchroon()
    assert len(aan(gemeente_zaanstad.email)) == 1


@pytest.mark.django_db
def test_geaccepteerde_uitruil_wacht_op_bevestiging_prt(uitruil, prt_noord_holland, prt_gelderland):
    Uitruil.objects.filter(pk=uitruil.pk).update(status=Uitruil.Status.GEACCEPTEERD)
    UitruilPartij.objects.filter(uitruil=uitruil).update(instemming="geaccepteerd")
    soorten = {t.soort for t in termijnen_voor(prt_noord_holland)}
    assert Soort.UITRUIL_BEVESTIGING in soorten
    assert Soort.UITRUIL_BEVESTIGING not in {t.soort for t in termijnen_voor(prt_gelderland)}


@pytest.mark.django_db
def test_verlengingsverzoek_wacht_op_besluit_ministerie(verslag_gelderland, ministerie):
    Verlengingsverzoek.objects.create(
        verslag=verslag_gelderland,
        reden="Gemeenteraad vergadert later",
        gevraagde_datum=dt.date(2026, 12, 1),
    )
    services.sweep_synchroon()
    (bericht,) = aan(ministerie.email)
    assert "Verlengingsverzoek Gelderland 2026 (tot 01-12-2026) beslissen" in bericht.body


@pytest.mark.django_db
def test_realisatietermijn_gemeente_tot_gerealiseerd(cyclus, gemeente_arnhem):
    besluit = Verdeelbesluit.objects.create(
        cyclus=cyclus,
        status=Verdeelbesluit.Status.VASTGESTELD,
        besluitdatum=dt.date(2026, 12, 23),
        vastgesteld_op=timezone.now(),
    )
    VerdeelbesluitRegel.objects.create(
        verdeelbesluit=besluit,
        gemeente=gemeente_arnhem.gemeente,
        aantal=300,
        realisatietermijn=dt.date(2027, 7, 1),
    )
    dag = dt.datetime(2027, 6, 17, 7, tzinfo=AMS)
    with time_machine.travel(dag):
        (termijn,) = termijnen_voor(gemeente_arnhem)
        assert termijn.soort == Soort.REALISATIE and termijn.dagen(dag.date()) == 14
        services.sweep_synchroon()
    (bericht,) = aan(gemeente_arnhem.email)
    assert "Arnhem: 300 plekken aanbieden aan het COA" in bericht.body
    assert "nog 14 dagen" in bericht.body


@pytest.mark.django_db
def test_ramingtermijn_ministerie_tot_gepubliceerd(cyclus, ministerie):
    Mijlpaal.objects.create(
        cyclus=cyclus,
        soort=Mijlpaal.Soort.RAMING,
        oorspronkelijke_datum=dt.date(2027, 2, 1),
        datum=dt.date(2027, 2, 1),
    )
    Verslag.objects.all().delete()
    with time_machine.travel(dt.datetime(2027, 1, 25, 7, tzinfo=AMS)):
        termijnen = termijnen_voor(ministerie)
        assert any(
            t.soort == Soort.RAMING and t.dagen(dt.date(2027, 1, 25)) == 7 for t in termijnen
        )
