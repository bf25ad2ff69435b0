"""Builders of the query-budget tests for provinces, gemeenten, cycles, ramingen and
scenarios: ``maak(van, tot)`` adds rows ``van`` up to ``tot`` (numbered 0…49)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from raming.models import (
    Invoerbesluit,
    Inwonertal,
    MeerjarigBeschikbaar,
    Mijlpaal,
    Raming,
    SesWoaScore,
    Wetscyclus,
)
from raming.scenarios.models import Scenario, ScenarioAanpassing, ScenarioUitkomst
from regietafels.models import Lid, Regietafel

from .omgeving import (
    GELDERLAND,
    JAAR,
    PEILDATUM,
    Maak,
    Omgeving,
    extra_provincies,
    provincies_tot_gelderland,
)


def b_provincies(o: Omgeving) -> Maak:
    provincies_tot_gelderland()

    def maak(van, tot):
        extra_provincies(van, tot)

    return maak


def b_regietafels(o: Omgeving) -> Maak:
    provincies_tot_gelderland()
    gelderland = Regietafel.objects.get(provincie__code=GELDERLAND)

    def maak(van, tot):
        tafels = Regietafel.objects.bulk_create(
            Regietafel(provincie=p, naam=f"Prfregietafel {p.code}")
            for p in extra_provincies(van, tot)
        )
        if van == 0:
            tafels.insert(0, gelderland)
        Lid.objects.bulk_create(
            Lid(regietafel=t, naam=f"Lid {k}", organisatie="Provincie", soort=Lid.Soort.PROVINCIE)
            for t in tafels
            for k in range(2)
        )

    return maak


def b_gemeenten(o: Omgeving) -> Maak:
    def maak(van, tot):
        o.gemeenten(tot)

    return maak


def b_cycli(o: Omgeving) -> Maak:
    def maak(van, tot):
        cycli = Wetscyclus.objects.bulk_create(
            Wetscyclus(jaar=2100 + i, omschrijving=f"prf-{i:03d}") for i in range(van, tot)
        )
        Mijlpaal.objects.bulk_create(
            Mijlpaal(
                cyclus=c,
                soort=soort,
                oorspronkelijke_datum=dt.date(c.jaar, 11, 1),
                datum=dt.date(c.jaar, 11, 1),
            )
            for c in cycli
            for soort in Mijlpaal.Soort.values
        )
        Invoerbesluit.objects.bulk_create(
            Invoerbesluit(
                cyclus=c,
                soort=Invoerbesluit.Soort.MPP,
                datum=dt.date(c.jaar - 1, 9, 1),
                referentie=f"prf-{c.jaar - 2100:03d}",
                landelijk_aantal=10_000,
                amv_aantal=800,
            )
            for c in cycli
        )
        Raming.objects.bulk_create(
            Raming(cyclus=c, versie=1, status=Raming.Status.CONCEPT, landelijk_aantal=10_000)
            for c in cycli
        )

    return maak


def b_ramingen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Raming.objects.bulk_create(
            Raming(
                cyclus=o.cyclus,
                versie=i + 1,
                status=Raming.Status.CONCEPT,
                landelijk_aantal=10_000,
                wijzigingsreden=f"prf-{i:03d}",
            )
            for i in range(van, tot)
        )

    return maak


def b_gepubliceerde_ramingen(o: Omgeving) -> Maak:
    """One published raming per cycle (2100, 2101, …)."""

    def maak(van, tot):
        cycli = Wetscyclus.objects.bulk_create(Wetscyclus(jaar=2100 + i) for i in range(van, tot))
        Raming.objects.bulk_create(
            Raming(
                cyclus=c,
                versie=1,
                status=Raming.Status.GEPUBLICEERD,
                landelijk_aantal=10_000,
                gepubliceerd_op=dt.date(c.jaar, 1, 30),
                staatscourant_referentie=f"prf-{c.jaar - 2100:03d}",
            )
            for c in cycli
        )

    return maak


def b_cyclusinvoer(o: Omgeving) -> Maak:
    """What the cycle page lists: inputs, places available and raming versions."""
    o.cyclus  # noqa: B018 (made before the first request)

    def maak(van, tot):
        Invoerbesluit.objects.bulk_create(
            Invoerbesluit(
                cyclus=o.cyclus,
                soort=Invoerbesluit.Soort.MPP,
                datum=dt.date(JAAR - 1, 1, 1) + dt.timedelta(days=i),
                referentie=f"prf-{i:03d}",
                landelijk_aantal=10_000,
                amv_aantal=800,
            )
            for i in range(van, tot)
        )
        MeerjarigBeschikbaar.objects.bulk_create(
            MeerjarigBeschikbaar(cyclus=o.cyclus, gemeente=g, aantal=5, peildatum=PEILDATUM)
            for g in o.gemeenten(tot)[van:tot]
        )
        b_ramingen(o)(van, tot)

    return maak


def b_beschikbaar(o: Omgeving) -> Maak:
    def maak(van, tot):
        MeerjarigBeschikbaar.objects.bulk_create(
            MeerjarigBeschikbaar(
                cyclus=o.cyclus, gemeente=g, aantal=5, peildatum=PEILDATUM, bron=f"prf-{i:03d}"
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_inwonertallen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Inwonertal.objects.bulk_create(
            Inwonertal(gemeente=g, peildatum=PEILDATUM, aantal=10_000 + i)
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_ses(o: Omgeving) -> Maak:
    def maak(van, tot):
        SesWoaScore.objects.bulk_create(
            SesWoaScore(gemeente=g, jaar=2022, score=Decimal("0.100"))
            for g in o.gemeenten(tot)[van:tot]
        )

    return maak


def b_scenarios(o: Omgeving) -> Maak:
    basis = o.raming(Raming.Status.GEPUBLICEERD)

    def maak(van, tot):
        scenarios = Scenario.objects.bulk_create(
            Scenario(
                basis=basis,
                naam=f"prf-{i:03d}",
                beschrijving="Aanname",
                auteur=o.ministerie,
                peildatum_inwoners=PEILDATUM,
                ses_jaar=2022,
                afrondingsmethode=Raming.Afronding.PER_GEMEENTE,
                resultaat_landelijk=9_000,
                berekend_op=timezone.now(),
            )
            for i in range(van, tot)
        )
        ScenarioAanpassing.objects.bulk_create(
            ScenarioAanpassing(scenario=s, label="uitstroom", delta=-1_000) for s in scenarios
        )

    return maak


def b_scenario_uitkomsten(o: Omgeving) -> Maak:
    scenarios = b_scenarios(o)
    scenarios(0, 1)
    scenario = Scenario.objects.get()

    def maak(van, tot):
        ScenarioUitkomst.objects.bulk_create(
            ScenarioUitkomst(
                scenario=scenario,
                set=ScenarioUitkomst.Set.ACTUEEL,
                provincie=o.gelderland,
                gemeente=g,
                aantal=100 + i,
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak
