"""The data of the query-budget tests (tests/performance/test_queries_*.py): one
``Omgeving`` per test, whose shared objects are made on first use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

from django.utils import timezone

from accounts.models import Gebruiker, Rol
from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from regietafels.models import Regietafel, Verslag

from ...factories import GebruikerFactory

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


def provincies_tot_gelderland() -> None:
    """Leave only Gelderland (and its regietafel): 1 province, so 50 can be made."""
    Regietafel.objects.exclude(provincie__code=GELDERLAND).delete()
    Provincie.objects.exclude(code=GELDERLAND).delete()


def extra_provincies(van: int, tot: int) -> list[Provincie]:
    return Provincie.objects.bulk_create(
        Provincie(code=f"PX{i:02d}", naam=f"Prfprovincie {i:03d}", slug=f"prfprovincie-{i:03d}")
        for i in range(max(van, 1), tot)
    )
