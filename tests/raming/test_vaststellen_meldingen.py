"""A vastgestelde raming counts for the cycle at once (the PRTs draft their verslag on it), so
vaststellen tells each PRT its provincial opgave and each gemeente its indicative number, in
the notices and the outbox; publishing tells them again, now public. Each of these acts tells
every PRT and gemeente, so it records one outbox row and the worker writes the notices after
commit (``opdrachten.alles_uitvoeren`` here stands in for the worker)."""

import datetime as dt

import pytest
import time_machine

from accounts.models import Rol
from meldingen import opdrachten
from meldingen.models import Mail, Melding, Meldopdracht, Soort
from raming import services
from raming.models import Gemeente, GemeenteVerdeling, ProvincieVerdeling
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arnhem_gebruiker(gemeenten):
    return GebruikerFactory(
        username="t-gemeente-arnhem", rol=Rol.GEMEENTE, gemeente=Gemeente.objects.get(naam="Arnhem")
    )


def test_vaststellen_vertelt_prt_en_gemeente_hun_aantal(
    concept, ministerie, prt_gelderland, prt_noord_holland, arnhem_gebruiker
):
    with time_machine.travel(dt.datetime(2026, 1, 29, 10, tzinfo=dt.UTC), tick=False):
        raming = services.raming_vaststellen(raming=concept, door=ministerie)
    # the act recorded one row for the worker and no notice
    assert Meldopdracht.objects.get().sleutel == f"raming-vastgesteld:{raming.pk}"
    assert not Melding.objects.exists() and not Mail.objects.exists()
    with time_machine.travel(dt.datetime(2026, 1, 29, 10, 1, tzinfo=dt.UTC), tick=False):
        assert opdrachten.alles_uitvoeren() == (1, 0)
    opgave = ProvincieVerdeling.objects.get(raming=raming, provincie__code="PV25").opgave
    aantal = GemeenteVerdeling.objects.get(raming=raming, gemeente__naam="Arnhem").aantal

    ontvangers = set(
        Melding.objects.filter(soort=Soort.RAMING_VASTGESTELD).values_list(
            "ontvanger__username", flat=True
        )
    )
    assert ontvangers == {"t-prt-gelderland", "t-prt-noord-holland", "t-gemeente-arnhem"}
    prt = Melding.objects.get(soort=Soort.RAMING_VASTGESTELD, ontvanger=prt_gelderland)
    assert prt.titel == "Capaciteitsraming 2026 vastgesteld (versie 1)"
    assert f"Provinciale opgave Gelderland: {opgave:,} plekken".replace(",", ".") in prt.tekst
    assert "openbaar worden ze met de publicatie" in prt.tekst
    gemeente = Melding.objects.get(soort=Soort.RAMING_VASTGESTELD, ontvanger=arnhem_gebruiker)
    assert f"Indicatief aantal Arnhem: {aantal} plekken" in gemeente.tekst
    assert "Noord-Holland" not in gemeente.tekst
    # the outbox holds the mail for each, to be sent by the worker
    mails = Mail.objects.filter(soort=Soort.RAMING_VASTGESTELD)
    assert set(mails.values_list("ontvanger__username", flat=True)) == ontvangers
    assert not Melding.objects.filter(ontvanger=ministerie).exists()

    # publishing tells them again, now with the Staatscourant reference
    services.raming_publiceren(
        raming=raming,
        staatscourant_referentie="Stcrt. 2026, 1234",
        gepubliceerd_op=dt.date(2026, 1, 30),
        door=ministerie,
    )
    assert not Melding.objects.filter(soort=Soort.RAMING_GEPUBLICEERD).exists()
    opdrachten.alles_uitvoeren()
    gepubliceerd = Melding.objects.get(soort=Soort.RAMING_GEPUBLICEERD, ontvanger=prt_gelderland)
    assert "Stcrt. 2026, 1234" in gepubliceerd.tekst
    assert "openbaar worden ze" not in gepubliceerd.tekst


def test_bevestigingspagina_noemt_wie_bericht_krijgt(client, concept, ministerie, prt_gelderland):
    from django.urls import reverse

    client.force_login(ministerie)
    r = client.get(reverse("raming:raming_vaststellen", kwargs={"pk": concept.pk}))
    assert "Wie bericht krijgt" in r.text
    assert "De PRT-secretaris: de opgave van hun provincie" in r.text


def test_uitstel_vertelt_prts_en_gemeenten(concept, ministerie, prt_gelderland, arnhem_gebruiker):
    services.raming_uitstellen(
        raming=concept,
        reden="Aan de opvolger gelaten",
        kamerbrief="Kamerbrief 5 februari 2026",
        uitgesteld_op=dt.date(2026, 2, 5),
        door=ministerie,
    )
    assert not Melding.objects.exists()
    opdrachten.alles_uitvoeren()  # the worker, after commit
    meldingen = Melding.objects.filter(soort=Soort.RAMING_UITGESTELD)
    assert set(meldingen.values_list("ontvanger__username", flat=True)) == {
        "t-prt-gelderland",
        "t-gemeente-arnhem",
    }
    tekst = meldingen.get(ontvanger=prt_gelderland).tekst
    assert "Reden: Aan de opvolger gelaten" in tekst
    assert "Kamerbrief: Kamerbrief 5 februari 2026" in tekst


def test_verplaatste_mijlpaal_vertelt_wie_ernaar_toe_werkt(
    cyclus, ministerie, prt_gelderland, arnhem_gebruiker
):
    verslag = cyclus.mijlpalen.get(soort="verslag")
    services.mijlpaal_wijzigen(
        mijlpaal=verslag, datum=dt.date(2026, 12, 1), reden="Raming later", door=ministerie
    )
    assert not Melding.objects.exists()
    opdrachten.alles_uitvoeren()  # the worker, after commit
    melding = Melding.objects.get(soort=Soort.MIJLPAAL_VERPLAATST, ontvanger=prt_gelderland)
    assert "van 1 november 2026 naar 1 december 2026" in melding.tekst
    assert "Reden: Raming later" in melding.tekst
    assert Melding.objects.filter(
        soort=Soort.MIJLPAAL_VERPLAATST, ontvanger=arnhem_gebruiker
    ).exists()
    # the verdeelbesluit's milestone concerns the PRTs, not the gemeenten
    besluit = cyclus.mijlpalen.get(soort="verdeelbesluit")
    services.mijlpaal_wijzigen(
        mijlpaal=besluit, datum=dt.date(2027, 1, 31), reden="later", door=ministerie
    )
    opdrachten.alles_uitvoeren()
    assert Melding.objects.filter(ontvanger=prt_gelderland).count() == 2
    assert Melding.objects.filter(ontvanger=arnhem_gebruiker).count() == 1
    assert not Melding.objects.filter(ontvanger=ministerie).exists()


def test_twee_keer_verplaatst_voor_de_worker_elk_bericht_zijn_eigen_datum(
    cyclus, ministerie, prt_gelderland
):
    """The worker runs after the act: a milestone moved twice before it runs is told twice,
    each time with the date and reason of that move."""
    verslag = cyclus.mijlpalen.get(soort="verslag")
    services.mijlpaal_wijzigen(
        mijlpaal=verslag, datum=dt.date(2026, 12, 1), reden="Eerste", door=ministerie
    )
    services.mijlpaal_wijzigen(
        mijlpaal=verslag, datum=dt.date(2026, 12, 15), reden="Tweede", door=ministerie
    )
    assert Meldopdracht.objects.count() == 2
    assert opdrachten.alles_uitvoeren() == (2, 0)
    teksten = list(
        Melding.objects.filter(soort=Soort.MIJLPAAL_VERPLAATST, ontvanger=prt_gelderland)
        .order_by("aangemaakt_op", "pk")
        .values_list("tekst", flat=True)
    )
    assert len(teksten) == 2
    assert "van 1 november 2026 naar 1 december 2026" in teksten[0]
    assert "Reden: Eerste" in teksten[0]
    assert "van 1 december 2026 naar 15 december 2026" in teksten[1]
    assert "Reden: Tweede" in teksten[1]


def test_in_proces_zoals_onder_make_run_direct_na_de_publicatie(
    vastgesteld,
    ministerie,
    prt_gelderland,
    arnhem_gebruiker,
    eager,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.raming_publiceren(
            raming=vastgesteld,
            staatscourant_referentie="Stcrt. 2026, 1234",
            gepubliceerd_op=dt.date(2026, 1, 30),
            door=ministerie,
        )
    assert set(
        Melding.objects.filter(soort=Soort.RAMING_GEPUBLICEERD).values_list(
            "ontvanger__username", flat=True
        )
    ) == {"t-prt-gelderland", "t-gemeente-arnhem"}
    opdracht = Meldopdracht.objects.get(sleutel=f"raming:{vastgesteld.pk}")
    assert opdracht.taak == "raming.tasks.raming_melden"
    assert opdracht.argumenten == {"raming_id": vastgesteld.pk, "vastgesteld": False}
