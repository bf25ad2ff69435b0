"""SQL queries per request are constant in the data size (issue #9).

Every list-like page and every GET list endpoint of the API is built with 1 row and then with
50 rows of what it lists, and requested as the role that reads it. Both times the number of
queries must be the same and at most 15, the response must be 200 and it must really show the
1 or 50 rows (so an empty page cannot pass). Each size is measured twice after a first request
of the same client (per-process caches, session): with warm caches, the steady state that
``make bench`` measures, and with an empty cache, the first request after a change, when the
cached pages (published raming, exports) and the data cache read their rows.

Covered here:

- API (ministry token unless noted): provincies, regietafels, gemeenten, cycli, ramingen,
  ramingen/{id}/verdeling, verslagen, verslagen/{id}/versies, termijnverlengingen,
  verlengingsverzoeken, verdeelbesluiten, realisatiemeldingen, scenarios, uitruil (also as a
  gemeente), uitruil-grootboek/provincies/{slug} and /gemeenten/{code}, termijnen (all, one
  kind, and as a gemeente), verslagtermijnen (always the 12 regietafels; what grows is the
  number of extensions, and each regietafel must show its extended deadline);
- pages: the cycle list and a cycle, a raming and its difference with the previous version,
  the public raming list, a public raming with its CSV and xlsx exports, the scenario list,
  the verdeelbesluit list, a verdeelbesluit (ministry and PRT) with its CSV and xlsx exports,
  the extensions page, the realisation page (ministry and PRT), a regietafel page (ministry and
  PRT), the submitted versions of a verslag, the ministry overview ``/regietafels/`` (always the
  12 regietafels; what grows is their requests and extensions);
- the admin changelists of the main models (``/beheer/…``).

Covered elsewhere with a few-against-many test, so not repeated here:

- the home page of every role, ``/termijnen/``, ``/termijnen/alle/``, the verslag page and
  ``/inzicht/``: tests/herinneringen/test_querybudget.py (2 against 42 exchanges) and
  tests/regietafels/test_paginas.py (verslag with 26 against 56 rows);
- the uitruil pages ``/uitruil/``, the ledgers and the uitruil CSV/xlsx exports:
  tests/uitruil/test_lijst_grootboek.py;
- the scenario comparison page and its xlsx: tests/scenarios/test_views.py (1 against 4
  scenarios, the most that can be compared).

Not list-like (one object, or always the 12 provinces), so not here: ``/api/v1/mij/``, the
detail endpoints, the public raming CSV per province.

Others are optimising the uitruil, termijnen, verslag, overview and home pages: as everywhere
here, only the equality of the two counts and the budget are asserted, never an exact number.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken

from accounts.models import Gebruiker, Rol
from core.audit.models import Beveiligingsgebeurtenis
from herinneringen.models import Herinnering, Voorkeur
from meldingen.models import Mail
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Invoerbesluit,
    Inwonertal,
    MeerjarigBeschikbaar,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    SesWoaScore,
    Wetscyclus,
)
from raming.scenarios.models import Scenario, ScenarioAanpassing, ScenarioUitkomst
from regietafels.models import (
    Beoordeling,
    Bijlage,
    Lid,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagVersie,
)
from uitruil.models import Taakstelling, Uitruil, UitruilPartij

from ..factories import GebruikerFactory

BUDGET = 15
VEEL = 50
JAAR = 2026
GELDERLAND = "PV25"
PEILDATUM = dt.date(2023, 1, 1)

Maak = Callable[[int, int], None]


# --------------------------------------------------------------------------- the data


class Omgeving:
    """The shared objects of one test, made on first use. Rows are numbered 0…49; each
    builder ``maak(van, tot)`` adds rows ``van`` up to ``tot``."""

    def __init__(self, ministerie):
        self.ministerie = ministerie

    @cached_property
    def gelderland(self) -> Provincie:
        return Provincie.objects.get(code=GELDERLAND)

    @cached_property
    def cyclus(self) -> Wetscyclus:
        cyclus = Wetscyclus.objects.create(jaar=JAAR)
        datum = dt.date(JAAR, 11, 1)
        Mijlpaal.objects.create(
            cyclus=cyclus,
            soort=Mijlpaal.Soort.VERSLAG,
            oorspronkelijke_datum=datum,
            datum=datum,
        )
        return cyclus

    @cached_property
    def tafels(self) -> list[Regietafel]:
        return list(Regietafel.objects.select_related("provincie").order_by("provincie__code"))

    @cached_property
    def tafel(self) -> Regietafel:
        return next(t for t in self.tafels if t.provincie.code == GELDERLAND)

    @cached_property
    def verslag(self) -> Verslag:
        return Verslag.objects.create(regietafel=self.tafel, cyclus=self.cyclus)

    @cached_property
    def prt(self) -> Gebruiker:
        return GebruikerFactory(
            username="prf-prt", rol=Rol.PRT_SECRETARIS, provincie=self.gelderland
        )

    @cached_property
    def gemeentegebruiker(self) -> Gebruiker:
        """A user of "Prfgemeente 001", the second party of every exchange."""
        return GebruikerFactory(
            username="prf-gemeente", rol=Rol.GEMEENTE, gemeente=self.gemeenten(2)[1]
        )

    def gemeenten(self, aantal: int) -> list[Gemeente]:
        """``aantal`` test gemeenten in Gelderland, "Prfgemeente 000" and on."""
        bestaand = list(Gemeente.objects.filter(code__startswith="GM8").order_by("code"))
        Gemeente.objects.bulk_create(
            Gemeente(
                code=f"GM8{i:03d}",
                naam=f"Prfgemeente {i:03d}",
                slug=f"prfgemeente-{i:03d}",
                provincie=self.gelderland,
            )
            for i in range(len(bestaand), aantal)
        )
        return list(Gemeente.objects.filter(code__startswith="GM8").order_by("code"))[:aantal]

    def raming(self, status=Raming.Status.CONCEPT, *, versie=1, cyclus=None) -> Raming:
        publicatie = dt.date(JAAR, 1, 30) if status == Raming.Status.GEPUBLICEERD else None
        raming = Raming.objects.create(
            cyclus=cyclus or self.cyclus,
            versie=versie,
            status=status,
            landelijk_aantal=10_000,
            amv_aantal=800,
            peildatum_inwoners=PEILDATUM,
            ses_jaar=2022,
            berekend_op=timezone.now(),
            gepubliceerd_op=publicatie,
        )
        ProvincieVerdeling.objects.create(
            raming=raming, provincie=self.gelderland, opgave=10_000, amv=800
        )
        return raming

    def verdelingen(self, raming: Raming, van: int, tot: int, *, extra: int = 0) -> None:
        GemeenteVerdeling.objects.bulk_create(
            GemeenteVerdeling(
                raming=raming,
                gemeente=g,
                inwoners=10_000 + i,
                ses_woa=Decimal("0.100"),
                gewicht=Decimal("1.000000"),
                exact=Decimal("100.000000"),
                aantal=100 + i + extra,
                amv=8,
                meerjarig_beschikbaar=40,
            )
            for i, g in enumerate(self.gemeenten(tot)[van:tot], start=van)
        )


def _provincies_tot_gelderland() -> None:
    """Leave only Gelderland (and its regietafel): 1 province, so 50 can be made."""
    Regietafel.objects.exclude(provincie__code=GELDERLAND).delete()
    Provincie.objects.exclude(code=GELDERLAND).delete()


def _extra_provincies(van: int, tot: int) -> list[Provincie]:
    return Provincie.objects.bulk_create(
        Provincie(code=f"PX{i:02d}", naam=f"Prfprovincie {i:03d}", slug=f"prfprovincie-{i:03d}")
        for i in range(max(van, 1), tot)
    )


# --------------------------------------------------------------------------- builders


def b_provincies(o: Omgeving) -> Maak:
    _provincies_tot_gelderland()

    def maak(van, tot):
        _extra_provincies(van, tot)

    return maak


def b_regietafels(o: Omgeving) -> Maak:
    _provincies_tot_gelderland()
    gelderland = Regietafel.objects.get(provincie__code=GELDERLAND)

    def maak(van, tot):
        tafels = Regietafel.objects.bulk_create(
            Regietafel(provincie=p, naam=f"Prfregietafel {p.code}")
            for p in _extra_provincies(van, tot)
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


def b_verslagen(o: Omgeving) -> Maak:
    """Verslagen of the 12 regietafels over as many cycles as needed."""

    def maak(van, tot):
        cycli = [
            Wetscyclus.objects.get_or_create(jaar=2200 + k)[0] for k in range((tot - 1) // 12 + 1)
        ]
        Verslag.objects.bulk_create(
            Verslag(regietafel=o.tafels[i % 12], cyclus=cycli[i // 12], knelpunten=f"prf-{i:03d}")
            for i in range(van, tot)
        )

    return maak


def b_versies(o: Omgeving) -> Maak:
    def maak(van, tot):
        VerslagVersie.objects.bulk_create(
            VerslagVersie(
                verslag=o.verslag,
                volgnummer=i + 1,
                ingediend_op=timezone.now(),
                ingediend_door=o.prt,
                termijn=dt.date(JAAR, 11, 1),
                inhoud={"knelpunten": f"prf-{i:03d}", "regels": []},
            )
            for i in range(van, tot)
        )

    return maak


def b_termijnverlengingen(o: Omgeving) -> Maak:
    """Extensions, every third one for all regietafels; each later than the one before."""

    def maak(van, tot):
        Termijnverlenging.objects.bulk_create(
            Termijnverlenging(
                cyclus=o.cyclus,
                regietafel=None if i % 3 == 0 else o.tafels[i % 12],
                nieuwe_datum=dt.date(JAAR, 11, 2) + dt.timedelta(days=i),
                reden=f"prf-{i:03d}",
                besloten_door=o.ministerie,
            )
            for i in range(van, tot)
        )

    return maak


def b_verzoeken(o: Omgeving, *, alleen_open: bool = False) -> Maak:
    """Extension requests of the Gelderland verslag ("vz-000" …): open ones and (unless
    ``alleen_open``) every other one refused by the ministry."""

    def maak(van, tot):
        verzoeken = []
        for i in range(van, tot):
            open_ = alleen_open or i % 2 == 0
            verzoeken.append(
                Verlengingsverzoek(
                    verslag=o.verslag,
                    reden=f"vz-{i:03d}",
                    gevraagde_datum=dt.date(JAAR, 12, 1),
                    status="open" if open_ else "afgewezen",
                    ingediend_door=o.prt,
                    besloten_door=None if open_ else o.ministerie,
                    besloten_op=None if open_ else timezone.now(),
                    besluit_reden="" if open_ else f"Niet nodig (vz-{i:03d})",
                )
            )
        Verlengingsverzoek.objects.bulk_create(verzoeken)

    return maak


def b_verdeelbesluiten(o: Omgeving) -> Maak:
    def maak(van, tot):
        Verdeelbesluit.objects.bulk_create(
            Verdeelbesluit(
                cyclus=o.cyclus,
                versie=i + 1,
                status=(
                    Verdeelbesluit.Status.VASTGESTELD if i % 2 else Verdeelbesluit.Status.CONCEPT
                ),
                besluitdatum=dt.date(JAAR, 12, 1) if i % 2 else None,
                reden=f"prf-{i:03d}",
                aangemaakt_door=o.ministerie,
                vastgesteld_door=o.ministerie if i % 2 else None,
                vastgesteld_op=timezone.now() if i % 2 else None,
            )
            for i in range(van, tot)
        )

    return maak


def b_besluitregels(o: Omgeving, besluit: Verdeelbesluit, *, meldingen: bool = False) -> Maak:
    def maak(van, tot):
        VerdeelbesluitRegel.objects.bulk_create(
            VerdeelbesluitRegel(
                verdeelbesluit=besluit,
                gemeente=g,
                indicatief_aantal=100,
                aangeboden=60,
                restopgave=40,
                voorgesteld=100,
                aantal=100 + i,
                realisatietermijn=dt.date(JAAR + 1, 6, 1),
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )
        if meldingen:
            b_meldingen(o)(van, tot)

    return maak


def b_meldingen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Realisatiemelding.objects.bulk_create(
            Realisatiemelding(
                gemeente=g,
                cyclus=o.cyclus,
                datum=dt.date(JAAR, 12, 1),
                aantal=10 + i,
                gemeld_door=o.ministerie,
                opmerking=f"prf-{i:03d}",
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
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


def b_uitruilen(o: Omgeving, status=Uitruil.Status.VOORGESTELD) -> Maak:
    """Exchanges between two gemeenten of Gelderland, each with its two parties."""

    def maak(van, tot):
        a, b = o.gemeenten(2)
        bevestigd = status == Uitruil.Status.BEVESTIGD
        uitruilen = Uitruil.objects.bulk_create(
            Uitruil(
                cyclus=o.cyclus,
                provincie=o.gelderland,
                voorgesteld_door_gemeente=a,
                voorgesteld_door=o.ministerie,
                motivatie=f"prf-{i:03d}",
                status=status,
                bevestigd_op=timezone.now() if bevestigd else None,
                bevestigd_door=o.prt if bevestigd else None,
            )
            for i in range(van, tot)
        )
        instemming = "open" if status == Uitruil.Status.VOORGESTELD else "geaccepteerd"
        UitruilPartij.objects.bulk_create(
            UitruilPartij(
                uitruil=u,
                gemeente=gemeente,
                taak=taak,
                richting="neemt_op",
                aantal=10,
                instemming="geaccepteerd" if gemeente == a else instemming,
            )
            for u in uitruilen
            for gemeente, taak in ((a, "asielopvang"), (b, "statushouders"))
        )

    return maak


def b_leden(o: Omgeving) -> Maak:
    def maak(van, tot):
        Lid.objects.bulk_create(
            Lid(
                regietafel=o.tafel,
                naam=f"prf-{i:03d}",
                organisatie="Gemeente",
                soort=Lid.Soort.GEMEENTE,
                gemeente=g,
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
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


def b_gebruikers(o: Omgeving) -> Maak:
    def maak(van, tot):
        gemeenten = o.gemeenten(tot)
        Gebruiker.objects.bulk_create(
            Gebruiker(
                username=f"prf-{i:03d}",
                rol=Rol.GEMEENTE,
                gemeente=gemeenten[i],
                email=f"prf-{i:03d}@regietafel.example",
            )
            for i in range(van, tot)
        )

    return maak


def b_herinneringen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Herinnering.objects.bulk_create(
            Herinnering(
                ontvanger=o.prt,
                e_mail=o.prt.email,
                sleutel=f"prf-{i:03d}",
                soort="verslag",
                stap="30",
                termijn=dt.date(JAAR, 11, 1),
                gepland_voor=dt.date(JAAR, 10, 1),
                titel=f"Verslag prf-{i:03d}",
            )
            for i in range(van, tot)
        )

    return maak


def b_beoordelingen(o: Omgeving) -> Maak:
    """One submitted version per assessment, half of them assessed by the ministry."""
    versies = b_versies(o)

    def maak(van, tot):
        versies(van, tot)
        Beoordeling.objects.bulk_create(
            Beoordeling(
                verslag=o.verslag,
                versie=v,
                oordeel=Beoordeling.Oordeel.VOLDOENDE,
                opmerkingen=f"prf-{v.volgnummer - 1:03d}",
                door=o.ministerie if v.volgnummer % 2 else None,
            )
            for v in VerslagVersie.objects.filter(
                verslag=o.verslag, volgnummer__gt=van, volgnummer__lte=tot
            )
        )

    return maak


def b_bijlagen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Bijlage.objects.bulk_create(
            Bijlage(
                verslag=o.verslag,
                bestand=f"verslagen/{o.verslag.pk}/prf{i:03d}",
                oorspronkelijke_naam=f"prf-{i:03d}.pdf",
                content_type="application/pdf",
                grootte=1_000,
                toegevoegd_door=o.prt if i % 2 else None,
            )
            for i in range(van, tot)
        )

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


def b_taakstellingen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Taakstelling.objects.bulk_create(
            Taakstelling(
                gemeente=g,
                cyclus=o.cyclus,
                taak="statushouders",
                aantal=100,
                bron=f"prf-{i:03d}",
                vastgelegd_door=o.ministerie if i % 2 else None,
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_mails(o: Omgeving) -> Maak:
    def maak(van, tot):
        Mail.objects.bulk_create(
            Mail(
                ontvanger=o.prt,
                e_mail=f"{naam}@example.org",
                soort="verslag_ingediend",
                sleutel=naam,
                onderwerp=naam,
                tekst=naam,
                html=naam,
            )
            for naam in _namen(van, tot)
        )

    return maak


def b_voorkeuren(o: Omgeving) -> Maak:
    gebruikers = b_gebruikers(o)

    def maak(van, tot):
        gebruikers(van, tot)
        Voorkeur.objects.bulk_create(
            Voorkeur(gebruiker=g) for g in Gebruiker.objects.filter(username__in=_namen(van, tot))
        )

    return maak


def b_beveiligingslog(o: Omgeving) -> Maak:
    def maak(van, tot):
        Beveiligingsgebeurtenis.objects.bulk_create(
            Beveiligingsgebeurtenis(
                soort="inlog-mislukt",
                gebruikersnaam=f"prf-{i:03d}",
                ip_adres="192.0.2.1",
                pad="/account/inloggen/",
                methode="POST",
            )
            for i in range(van, tot)
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


def _namen(van: int, tot: int) -> list[str]:
    return [f"prf-{i:03d}" for i in range(van, tot)]


# --------------------------------------------------------------------------- reading a response


def _tekst(response) -> str:
    inhoud = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    if "spreadsheetml" in response.get("Content-Type", ""):
        from openpyxl import load_workbook

        boek = load_workbook(io.BytesIO(inhoud), read_only=True)
        return "\n".join(
            " ".join("" if c is None else str(c) for c in rij)
            for blad in boek.worksheets
            for rij in blad.iter_rows(values_only=True)
        )
    return inhoud.decode("utf-8")


def markers(patroon: str = r"prf-(\d{3})") -> Callable:
    """The number of different rows shown: distinct matches of ``patroon``."""
    regex = re.compile(patroon)
    return lambda response: len(set(regex.findall(_tekst(response))))


GEMEENTEN = markers(r"Prfgemeente (\d{3})")


def api_rijen(response) -> int:
    data = response.json()
    return len(data["results"] if isinstance(data, dict) else data)


def grootboek_provincie_rijen(response) -> int:
    return len(response.json()["bevestigde_uitruil"])


def grootboek_gemeente_rijen(response) -> int:
    return len({b["uitruil"] for taak in response.json()["taken"] for b in taak["boekingen"]})


def verlengde_termijnen(response) -> int:
    """Regietafels whose effective deadline is the extended one (so extensions were read)."""
    return sum(1 for r in response.json() if r["effectief"] != r["oorspronkelijk"])


def admin_rijen(response) -> int:
    return _tekst(response).count('<th class="field-')


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Geval:
    naam: str
    rol: str  # ministerie | superuser | token | gemeente-token | prt | anoniem
    opbouw: Callable[[Omgeving], tuple[str, Maak]]
    tellen: Callable
    vast: int | None = None  # rows shown regardless of the data size (instead of 1 / 50)


def _url(url: str, builder) -> Callable[[Omgeving], tuple[str, Maak]]:
    return lambda o: (url, builder(o))


def _verdeling_api(o):
    raming = o.raming()
    return f"/api/v1/ramingen/{raming.pk}/verdeling/", lambda v, t: o.verdelingen(raming, v, t)


def _versies_api(o):
    return f"/api/v1/verslagen/{o.verslag.pk}/versies/", b_versies(o)


def _grootboek_provincie_api(o):
    o.cyclus  # noqa: B018
    return "/api/v1/uitruil-grootboek/provincies/gelderland/", b_uitruilen(
        o, Uitruil.Status.BEVESTIGD
    )


def _grootboek_gemeente_api(o):
    gemeente = o.gemeenten(2)[0]
    return f"/api/v1/uitruil-grootboek/gemeenten/{gemeente.code}/", b_uitruilen(
        o, Uitruil.Status.BEVESTIGD
    )


def _verslagtermijnen_api(o):
    o.cyclus  # noqa: B018
    return f"/api/v1/verslagtermijnen/?cyclus={JAAR}", b_termijnverlengingen(o)


def _termijnen_api(o):
    return "/api/v1/termijnen/?page_size=100", b_verzoeken(o, alleen_open=True)


def _termijnen_soort_api(o):
    return "/api/v1/termijnen/?soort=verlengingsverzoek", b_verzoeken(o, alleen_open=True)


def _termijnen_gemeente_api(o):
    o.cyclus  # noqa: B018
    return "/api/v1/termijnen/", b_uitruilen(o)


def termijnen_van_soort(soort: str) -> Callable:
    return lambda response: sum(1 for r in response.json()["results"] if r["soort"] == soort)


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


def _verdeelbesluit(pad: str, *, vastgesteld: bool = False, meldingen: bool = False):
    def opbouw(o):
        besluit = Verdeelbesluit.objects.create(
            cyclus=o.cyclus,
            versie=1,
            status=Verdeelbesluit.Status.VASTGESTELD if vastgesteld else "concept",
            besluitdatum=dt.date(JAAR, 12, 1) if vastgesteld else None,
            aangemaakt_door=o.ministerie,
        )
        url = pad.format(pk=besluit.pk, jaar=JAAR)
        return url, b_besluitregels(o, besluit, meldingen=meldingen)

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


API = [
    Geval("api-provincies", "token", _url("/api/v1/provincies/", b_provincies), api_rijen),
    Geval("api-regietafels", "token", _url("/api/v1/regietafels/", b_regietafels), api_rijen),
    Geval("api-gemeenten", "token", _url("/api/v1/gemeenten/", b_gemeenten), api_rijen),
    Geval("api-cycli", "token", _url("/api/v1/cycli/", b_cycli), api_rijen),
    Geval("api-ramingen", "token", _url("/api/v1/ramingen/", b_ramingen), api_rijen),
    Geval("api-raming-verdeling", "token", _verdeling_api, api_rijen),
    Geval("api-verslagen", "token", _url("/api/v1/verslagen/", b_verslagen), api_rijen),
    Geval("api-verslag-versies", "token", _versies_api, api_rijen),
    Geval(
        "api-termijnverlengingen",
        "token",
        _url("/api/v1/termijnverlengingen/", b_termijnverlengingen),
        api_rijen,
    ),
    Geval(
        "api-verlengingsverzoeken",
        "token",
        _url("/api/v1/verlengingsverzoeken/", b_verzoeken),
        api_rijen,
    ),
    Geval(
        "api-verdeelbesluiten",
        "token",
        _url("/api/v1/verdeelbesluiten/", b_verdeelbesluiten),
        api_rijen,
    ),
    Geval(
        "api-realisatiemeldingen",
        "token",
        _url("/api/v1/realisatiemeldingen/", b_meldingen),
        api_rijen,
    ),
    Geval("api-scenarios", "token", _url("/api/v1/scenarios/", b_scenarios), api_rijen),
    Geval("api-uitruil", "token", _url("/api/v1/uitruil/", b_uitruilen), api_rijen),
    Geval("api-grootboek-provincie", "token", _grootboek_provincie_api, grootboek_provincie_rijen),
    Geval("api-grootboek-gemeente", "token", _grootboek_gemeente_api, grootboek_gemeente_rijen),
    Geval("api-termijnen", "token", _termijnen_api, termijnen_van_soort("verlengingsverzoek")),
    Geval("api-termijnen-soort", "token", _termijnen_soort_api, api_rijen),
    Geval(
        "api-termijnen-gemeente",
        "gemeente-token",
        _termijnen_gemeente_api,
        termijnen_van_soort("uitruil-antwoord"),
    ),
    Geval(
        "api-uitruil-gemeente", "gemeente-token", _url("/api/v1/uitruil/", b_uitruilen), api_rijen
    ),
    Geval("api-verslagtermijnen", "token", _verslagtermijnen_api, verlengde_termijnen, vast=12),
]

PAGINAS = [
    Geval("cycli", "ministerie", _url("/raming/cycli/", b_cycli), markers()),
    Geval("cyclus", "ministerie", _cyclus_pagina, markers()),
    Geval("raming", "ministerie", _raming_pagina, GEMEENTEN),
    Geval("raming-verschil", "ministerie", _raming_verschil, GEMEENTEN),
    Geval(
        "openbaar-lijst",
        "anoniem",
        _url("/raming/openbaar/", b_gepubliceerde_ramingen),
        markers(r"/raming/openbaar/(21\d\d)/"),
    ),
    Geval("openbaar-raming", "anoniem", _openbaar(""), GEMEENTEN),
    Geval("openbaar-csv", "anoniem", _openbaar("gemeenten.csv"), GEMEENTEN),
    Geval("openbaar-xlsx", "anoniem", _openbaar("raming.xlsx"), GEMEENTEN),
    Geval("scenarios", "ministerie", _url("/scenarios/", b_scenarios), markers()),
    Geval("verdeelbesluiten", "ministerie", _verdeelbesluiten_pagina, markers()),
    Geval(
        "verdeelbesluit",
        "ministerie",
        _verdeelbesluit("/regietafels/verdeelbesluit/{pk}/"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-csv",
        "ministerie",
        _verdeelbesluit("/regietafels/verdeelbesluit/{pk}/export.csv"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-xlsx",
        "ministerie",
        _verdeelbesluit("/regietafels/verdeelbesluit/{pk}/export.xlsx"),
        GEMEENTEN,
    ),
    Geval(
        "verdeelbesluit-prt",
        "prt",
        _verdeelbesluit("/regietafels/verdeelbesluit/{pk}/", vastgesteld=True),
        GEMEENTEN,
    ),
    Geval("verlengingen", "ministerie", _verlengingen_pagina, _tel_verlengingen),
    Geval(
        "overzicht",
        "ministerie",
        _overzicht_pagina,
        lambda r: _tekst(r).count('class="rt-kaart__vlak"'),
        vast=12,
    ),
    Geval(
        "realisatie",
        "ministerie",
        _verdeelbesluit("/regietafels/realisatie/?cyclus={jaar}", vastgesteld=True, meldingen=True),
        GEMEENTEN,
    ),
    Geval(
        "realisatie-prt",
        "prt",
        _verdeelbesluit("/regietafels/realisatie/?cyclus={jaar}", vastgesteld=True, meldingen=True),
        GEMEENTEN,
    ),
    Geval("regietafel", "ministerie", _regietafel_pagina, markers()),
    Geval("regietafel-prt", "prt", _regietafel_pagina, markers()),
    Geval("verslag-versies", "ministerie", _versies_pagina, markers(r"Versie (\d+)</a>")),
]

BEHEER = [
    Geval(f"beheer-{pad.replace('/', '-')}", rol, _url(f"/beheer/{pad}/", builder), admin_rijen)
    for pad, builder, rol in [
        ("raming/gemeente", b_gemeenten, "ministerie"),
        ("raming/wetscyclus", b_cycli, "ministerie"),
        ("raming/invoerbesluit", b_cyclusinvoer, "ministerie"),
        ("raming/raming", b_ramingen, "ministerie"),
        ("regietafels/lid", b_leden, "ministerie"),
        ("regietafels/verslag", b_verslagen, "ministerie"),
        ("regietafels/verslagversie", b_versies, "ministerie"),
        ("regietafels/termijnverlenging", b_termijnverlengingen, "ministerie"),
        ("regietafels/verlengingsverzoek", b_verzoeken, "ministerie"),
        ("regietafels/verdeelbesluit", b_verdeelbesluiten, "ministerie"),
        ("regietafels/realisatiemelding", b_meldingen, "ministerie"),
        ("uitruil/uitruil", b_uitruilen, "ministerie"),
        ("scenarios/scenario", b_scenarios, "superuser"),
        ("herinneringen/herinnering", b_herinneringen, "superuser"),
        ("meldingen/mail", b_mails, "superuser"),
        ("regietafels/beoordeling", b_beoordelingen, "ministerie"),
        ("regietafels/bijlage", b_bijlagen, "ministerie"),
        ("raming/meerjarigbeschikbaar", b_beschikbaar, "ministerie"),
        ("raming/inwonertal", b_inwonertallen, "ministerie"),
        ("raming/seswoascore", b_ses, "ministerie"),
        ("uitruil/taakstelling", b_taakstellingen, "ministerie"),
        ("scenarios/scenariouitkomst", b_scenario_uitkomsten, "superuser"),
    ]
]


def _beheer_gemeenteverdeling(o):
    raming = o.raming()
    return "/beheer/raming/gemeenteverdeling/", lambda v, t: o.verdelingen(raming, v, t)


def _beheer_besluitregels(o):
    return _verdeelbesluit("/beheer/regietafels/verdeelbesluitregel/")(o)


BEHEER += [
    Geval(
        "beheer-accounts-gebruiker",
        "superuser",
        _url("/beheer/accounts/gebruiker/", b_gebruikers),
        markers(),
    ),
    Geval(
        "beheer-herinneringen-voorkeur",
        "superuser",
        _url("/beheer/herinneringen/voorkeur/", b_voorkeuren),
        markers(),
    ),
    Geval(
        "beheer-audit-beveiligingsgebeurtenis",
        "ministerie",
        _url("/beheer/audit/beveiligingsgebeurtenis/", b_beveiligingslog),
        markers(),
    ),
    Geval("beheer-raming-gemeenteverdeling", "ministerie", _beheer_gemeenteverdeling, admin_rijen),
    Geval(
        "beheer-regietafels-verdeelbesluitregel", "ministerie", _beheer_besluitregels, admin_rijen
    ),
]


def _params(gevallen):
    return [pytest.param(g, id=g.naam) for g in gevallen]


# --------------------------------------------------------------------------- measuring


def _inloggen(client, rol: str, o: Omgeving) -> dict:
    if rol.endswith("token"):
        gebruiker = o.gemeentegebruiker if rol == "gemeente-token" else o.ministerie
        return {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user=gebruiker)[1]}"}
    if rol == "superuser":
        o.ministerie.is_superuser = True
        o.ministerie.save(update_fields=["is_superuser"])
    if rol in ("ministerie", "superuser"):
        client.force_login(o.ministerie)  # with its confirmed TOTP device: 2FA verified
    elif rol == "prt":
        client.force_login(o.prt)
    return {}


def _meten(client, url: str, headers: dict) -> dict[str, tuple[list[str], object]]:
    """The queries of a request with warm caches (the steady state ``make bench`` measures)
    and of one with an empty cache (the first request after a change: computes everything)."""
    cache.clear()  # the rows changed: nothing cached from before may be served
    eerste = client.get(url, **headers)  # per-process caches, session
    assert eerste.status_code == 200, (url, eerste.status_code)
    metingen = {}
    for soort in ("warm", "koud"):
        if soort == "koud":
            cache.clear()
        with CaptureQueriesContext(connection) as vastgelegd:
            response = client.get(url, **headers)
        metingen[soort] = ([q["sql"] for q in vastgelegd.captured_queries], response)
    return metingen


def _vorm(sql: str) -> str:
    return re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "S", sql))[:300]


def _verschil(een: list[str], veel: list[str]) -> str:
    extra = Counter(map(_vorm, veel)) - Counter(map(_vorm, een))
    return "\n".join(f"  {n}x {sql}" for sql, n in extra.most_common(5))


@pytest.mark.parametrize("geval", _params(API + PAGINAS + BEHEER))
def test_queries_constant_en_binnen_budget(client, ministerie, geval):
    o = Omgeving(ministerie)
    url, maak = geval.opbouw(o)
    headers = _inloggen(client, geval.rol, o)
    per_grootte = []
    for van, tot in ((0, 1), (1, VEEL)):
        maak(van, tot)
        metingen = _meten(client, url, headers)
        for soort, (_queries, response) in metingen.items():
            assert response.status_code == 200, (url, soort, response.status_code)
            assert geval.tellen(response) == (geval.vast or tot), f"{url} ({soort}): rows shown"
        per_grootte.append(metingen)
    een, veel = per_grootte
    print(
        f"queries {geval.naam}: warm {len(een['warm'][0])} / {len(veel['warm'][0])}, "
        f"koud {len(een['koud'][0])} / {len(veel['koud'][0])}"
    )
    for soort in ("warm", "koud"):
        weinig, vijftig = een[soort][0], veel[soort][0]
        assert len(vijftig) == len(weinig), (
            f"{url} ({soort} cache): {len(weinig)} queries with 1 row, {len(vijftig)} with "
            f"{VEEL}; repeated:\n" + _verschil(weinig, vijftig)
        )
        assert len(vijftig) <= BUDGET, f"{url} ({soort} cache): {len(vijftig)} queries > {BUDGET}"
