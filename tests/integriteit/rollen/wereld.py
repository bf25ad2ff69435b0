"""The objects the role table's service calls need (tests/integriteit/test_rollen.py)."""

from __future__ import annotations

import datetime as dt
import types

from bezwaar.models import Bezwaar
from locaties.models import Opvanglocatie
from raming.models import Gemeente, Invoerbesluit, Mijlpaal, Provincie
from regietafels.models import (
    Bijlage,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
)
from tests.regietafels.conftest import _maak_raming
from uitruil.models import Richting, Taak, Uitruil, UitruilPartij


class Wereld:
    """The objects the calls need: the 2026 cycle with Gelderland's verslag, an exchange between
    Arnhem and Nijmegen, a draft verdeelbesluit. Scope: Gelderland / Arnhem."""

    def __init__(self, gebruikers):
        raming = _maak_raming(2026)
        self.raming = raming
        self.cyclus = raming.cyclus
        self.gelderland = Provincie.objects.get(code="PV25")
        self.arnhem = Gemeente.objects.get(naam="Arnhem")
        self.nijmegen = Gemeente.objects.get(naam="Nijmegen")
        self.tafel = Regietafel.objects.get(provincie=self.gelderland)
        self.verslag = Verslag.objects.create(regietafel=self.tafel, cyclus=self.cyclus)
        self.mijlpaal = Mijlpaal.objects.get(cyclus=self.cyclus, soort=Mijlpaal.Soort.VERSLAG)
        self.invoerbesluit = Invoerbesluit.objects.create(
            cyclus=self.cyclus,
            soort=Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            datum=dt.date(2025, 9, 26),
            landelijk_aantal=88_000,
            amv_aantal=7_480,
        )
        arnhem_gebruiker = gebruikers["gemeente"]
        self.uitruil = Uitruil.objects.create(
            cyclus=self.cyclus,
            provincie=self.gelderland,
            voorgesteld_door_gemeente=self.nijmegen,
            voorgesteld_door=arnhem_gebruiker,
            motivatie="test",
        )
        for gemeente, richting in (
            (self.arnhem, Richting.NEEMT_OP),
            (self.nijmegen, Richting.GEEFT_AF),
        ):
            UitruilPartij.objects.create(
                uitruil=self.uitruil,
                gemeente=gemeente,
                taak=Taak.ASIELOPVANG,
                richting=richting,
                aantal=5,
            )
        self.verzoek = Verlengingsverzoek.objects.create(
            verslag=self.verslag,
            reden="meer tijd",
            gevraagde_datum=dt.date(2026, 12, 1),
            ingediend_door=gebruikers["prt"],
        )
        self.besluit = Verdeelbesluit.objects.create(cyclus=self.cyclus)
        self.regel = VerdeelbesluitRegel.objects.create(
            verdeelbesluit=self.besluit, gemeente=self.arnhem, indicatief_aantal=10
        )
        self.bijlage = Bijlage(
            verslag=self.verslag,
            oorspronkelijke_naam="a.pdf",
            content_type="application/pdf",
            grootte=1,
            bestand="bijlagen/a.pdf",
        )
        self.bijlage.save()
        self.verlenging = Termijnverlenging.objects.create(
            cyclus=self.cyclus,
            regietafel=self.tafel,
            nieuwe_datum=dt.date(2026, 11, 15),
            reden="r",
        )
        self.melding = Realisatiemelding.objects.create(
            gemeente=self.arnhem, cyclus=self.cyclus, datum=dt.date(2026, 11, 1), aantal=2
        )
        self.bezwaar = Bezwaar.objects.create(
            kenmerk="BZW-T-1",
            regel=self.regel,
            gemeente=self.arnhem,
            indiener=Bezwaar.Indiener.GEMEENTE,
            wijze=Bezwaar.Wijze.APP,
            bekendgemaakt_op=dt.date(2026, 12, 22),
            ontvangen_op=dt.date(2027, 1, 5),
            gronden="g",
        )
        self.locatie = Opvanglocatie.objects.create(
            gemeente=self.arnhem,
            naam="Arnhem-Zuid",
            capaciteit_regulier=100,
            soort="regulier_azc",
            fase="planvorming",
            fase_sinds=dt.date(2020, 1, 1),
        )


def scenario_stub():
    return types.SimpleNamespace(pk=0, basis=None)
