"""One role rule inside the services: every public service, called by every role.

The list of services is derived by introspection: every public function of a services module
that takes the acting user (``door``; ``auteur`` for a scenario's creation) is a service and
must have an entry in ``AANROEPEN`` (a new service fails this test until it is classified); a
public function without an acting user must be a pure read or computation listed in
``ZONDER_ACTOR``. Each service is called by every role inside a rolled-back savepoint; the roles
the table in ``accounts.rechten`` refuses (by role or by scope) must get ``GeenToegang`` and the
others must not.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import types

import pytest
from django.db import transaction

from accounts.models import Rol
from accounts.rechten import RECHTEN, GeenToegang, Handeling, mag
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
from tests.factories import GebruikerFactory
from tests.regietafels.conftest import _maak_raming
from uitruil.models import Richting, Taak, Uitruil, UitruilPartij

H = Handeling


def _pakket(naam: str) -> list[str]:
    """A services package's modules (the functions live there, the package re-exports them)."""
    pakket = importlib.import_module(naam)
    return [f"{naam}.{m.name}" for m in pkgutil.iter_modules(pakket.__path__)]


def _modules() -> list[types.ModuleType]:
    namen = [
        "raming.scenarios.services",
        "raming.scenarios.berekening",
        "uitruil.services",
        "regietafels.verlengingen",
        "raming.vaststelling",
        "bezwaar.services",
        "documenten.bundels",
        "locaties.beschikbaarheid",
        "locaties.services",
    ]
    namen += _pakket("raming.services") + _pakket("regietafels.services")
    return [importlib.import_module(n) for n in namen]


def publieke_functies() -> dict[str, types.FunctionType]:
    gevonden = {}
    for module in _modules():
        for naam, functie in vars(module).items():
            if (
                not naam.startswith("_")
                and inspect.isfunction(functie)
                and functie.__module__ == module.__name__
            ):
                gevonden[f"{module.__name__}.{naam}"] = functie
    return gevonden


def _neemt_actor(functie) -> bool:
    return bool({"door", "auteur"} & set(inspect.signature(functie).parameters))


# Pure reads and computations: they change nothing and take no acting user.
ZONDER_ACTOR = {
    "regietafels.services.verslag_locaties.ongewone_uit_locaties",
    "raming.services.cyclus.beschikbaar_per_provincie",
    "raming.services.raming.vaststellen_belemmeringen",
    "raming.services.raming.uitzondering_belemmeringen",
    "raming.services.publicatie.publicatie_vertraging",
    "regietafels.verlengingen.al_verlengd",
    "raming.vaststelling.verschil_met_vorige",
    "raming.vaststelling.vaststellen_gevolgen",
    "raming.vaststelling.publiceren_gevolgen",
    "regietafels.verlengingen.late_raming",
    "raming.scenarios.berekening.basis_landelijk",
    "raming.scenarios.berekening.landelijk_na_aanpassingen",
    "raming.scenarios.berekening.amv_totaal",
    "raming.scenarios.berekening.bereken",
    "raming.scenarios.services.invoer_samenvatting",
    "raming.scenarios.services.promotie_reden",
    "regietafels.services.verslag.regel_fouten",
    "regietafels.services.verslag.verslag_samenvatting",
    "regietafels.services.bijlagen.soort_bestand",
    "regietafels.services.bijlagen.bijlage_soort",
    "regietafels.services.bijlagen.bijlage_naam",
    "bezwaar.services.beslissen_gevolgen",
    "bezwaar.services.intrekken_weigering",
    "documenten.bundels.mag_alle_beschikkingen",
    "documenten.bundels.bundel_maken",  # the worker's part, after the request was checked
    "documenten.bundels.beschikkingen_maken",
    "regietafels.services.verdeelbesluit.verdeel_pro_rata",
    "regietafels.services.gereedheid.verdeelbesluit_gereedheid",
    "regietafels.services.gereedheid.vaststellen_voorbeeld",
    "regietafels.services.verlenging.verlenging_voorbeeld",
    "regietafels.services.verslag_locaties.verslag_locatie_opbouw",
    "regietafels.services.verslag_locaties.zonder_locatie",
    "locaties.beschikbaarheid.standaard_peildatum",
    "locaties.beschikbaarheid.standaard_horizon",
    "locaties.beschikbaarheid.provincies_met_locaties",
    "locaties.services.gegevens_fouten",
    "locaties.services.fase_overgang_fouten",
    "regietafels.services.verslag.ongewone_regels",
    "regietafels.services.verslag.indienen_gevolgen",
    "regietafels.services.gedeeld.ongewoon_melding",
    "regietafels.services.gedeeld.herkomst_van",
}


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


def _scenario_stub():
    return types.SimpleNamespace(pk=0, basis=None)


# service → (act, scope keyword arguments for ``mag``, the call's keyword arguments)
AANROEPEN: dict[str, tuple] = {
    "raming.services.cyclus.cyclus_aanmaken": (H.CYCLUS_BEHEREN, {}, lambda w: {"jaar": 2030}),
    "raming.services.cyclus.mijlpaal_wijzigen": (
        H.CYCLUS_BEHEREN,
        {},
        lambda w: {"mijlpaal": w.mijlpaal, "datum": dt.date(2026, 11, 2), "reden": "x"},
    ),
    "raming.services.cyclus.invoerbesluit_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "soort": Invoerbesluit.Soort.MPP_EN_CAPACITEITSBESLUIT,
            "datum": dt.date(2025, 9, 1),
            "landelijk_aantal": 1000,
            "amv_aantal": 10,
        },
    ),
    "raming.services.cyclus.meerjarig_beschikbaar_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "aantal": 1,
            "peildatum": dt.date(2026, 2, 1),
            "gemeente": w.arnhem,
        },
    ),
    "raming.services.cyclus.meerjarig_beschikbaar_overnemen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "per_gemeente": {w.arnhem.pk: 5},
            "provincie_ids": {w.gelderland.pk},
            "peildatum": dt.date(2026, 2, 1),
            "bron": "test",
        },
    ),
    "locaties.beschikbaarheid.beschikbaar_voorbeeld": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "peildatum": dt.date(2026, 2, 1),
            "horizon": dt.date(2028, 12, 31),
            "marge": 20,
            "provincie_ids": {w.gelderland.pk},
        },
    ),
    "locaties.beschikbaarheid.beschikbaar_vastleggen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "peildatum": dt.date(2026, 2, 1),
            "horizon": dt.date(2028, 12, 31),
            "marge": 20,
            "provincie_ids": {w.gelderland.pk},
        },
    ),
    "regietafels.services.verslag_locaties.regels_uit_locaties": (
        H.VERSLAG_REGEL_INVULLEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "gemeente_ids": {w.arnhem.pk}, "versie": 0},
    ),
    "raming.services.raming.raming_aanmaken": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "invoerbesluit": w.invoerbesluit,
            "peildatum_inwoners": dt.date(2023, 1, 1),
        },
    ),
    "raming.services.raming.raming_invoer_wijzigen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming, "ses_jaar": 2022},
    ),
    "raming.services.raming.raming_berekenen": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming},
    ),
    "raming.services.publicatie.raming_vaststellen": (
        H.RAMING_VASTSTELLEN,
        {},
        lambda w: {"raming": w.raming},
    ),
    "raming.vaststelling.uitzondering_vastleggen": (
        H.RAMING_VASTSTELLEN,
        {},
        lambda w: {"raming": w.raming, "reden": "ontbrekende invoer, toch vaststellen"},
    ),
    "raming.services.publicatie.raming_publiceren": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "staatscourant_referentie": "x",
            "gepubliceerd_op": dt.date(2026, 2, 26),
        },
    ),
    "raming.services.publicatie.raming_uitstellen": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "reden": "x",
            "kamerbrief": "y",
            "uitgesteld_op": dt.date(2026, 2, 5),
        },
    ),
    "raming.services.publicatie.publicatie_registreren": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "raming": w.raming,
            "staatscourant_referentie": "x",
            "gepubliceerd_op": dt.date(2026, 2, 26),
            "toelichting": "t",
        },
    ),
    "raming.services.publicatie.historische_raming_vastleggen": (
        H.RAMING_PUBLICEREN,
        {},
        lambda w: {
            "cyclus": w.cyclus,
            "landelijk_aantal": 10,
            "amv_aantal": 1,
            "opgaven": {},
            "gepubliceerd_op": dt.date(2026, 2, 26),
            "staatscourant_referentie": "x",
            "toelichting": "t",
        },
    ),
    "raming.services.publicatie.tussentijdse_wijziging": (
        H.RAMING_OPSTELLEN,
        {},
        lambda w: {"raming": w.raming, "reden": "x"},
    ),
    "regietafels.verlengingen.verslagtermijn_verlengen_na_late_raming": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"cyclus": w.cyclus},
    ),
    "raming.scenarios.services.scenario_aanmaken": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"basis": w.raming, "naam": "s", "beschrijving": "b"},
    ),
    "raming.scenarios.services.scenario_wijzigen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {
            "scenario": _scenario_stub(),
            "naam": "s",
            "beschrijving": "b",
            "landelijk_aantal": None,
            "amv_aandeel": None,
            "peildatum_inwoners": dt.date(2023, 1, 1),
            "ses_jaar": None,
            "afrondingsmethode": "per_gemeente",
            "aanpassingen": [],
            "beschikbaar_wijzigingen": [],
        },
    ),
    "raming.scenarios.services.scenario_herberekenen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": _scenario_stub()},
    ),
    "raming.scenarios.services.scenario_delen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": _scenario_stub(), "secretarissen": []},
    ),
    "raming.scenarios.services.delen_stoppen": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": _scenario_stub()},
    ),
    "raming.scenarios.services.scenario_promoveren": (
        H.SCENARIO_WERKEN,
        {},
        lambda w: {"scenario": _scenario_stub()},
    ),
    "uitruil.services.voorstellen": (
        H.UITRUIL_AFSPREKEN,
        {},
        lambda w: {"cyclus": w.cyclus, "partijen": [], "motivatie": "m"},
    ),
    "uitruil.services.accepteren": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.afwijzen": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil, "reden": "nee"},
    ),
    "uitruil.services.intrekken": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.bevestigen": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.terugsturen": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil, "reden": "r"},
    ),
    "uitruil.services.annuleren": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil, "reden": "r"},
    ),
    "uitruil.services.taakstelling_vastleggen": (
        H.TAAKSTELLING_VASTLEGGEN,
        {"gemeente": "arnhem"},
        lambda w: {"gemeente": w.arnhem, "cyclus": w.cyclus, "taak": "statushouders", "aantal": 3},
    ),
    "regietafels.services.verslag.verslag_aanmaken": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"regietafel": w.tafel, "cyclus": w.cyclus},
    ),
    "regietafels.services.verslag.verslag_opslaan": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "versie": 1, "regels": {}, "knelpunten": "k"},
    ),
    "regietafels.services.verslag.verslag_indienen": (
        H.VERSLAG_INDIENEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag},
    ),
    "regietafels.services.verslag.verslag_terugsturen": (
        H.VERSLAG_BEOORDELEN,
        {},
        lambda w: {"verslag": w.verslag, "opmerkingen": "o"},
    ),
    "regietafels.services.verslag.verslag_beoordelen": (
        H.VERSLAG_BEOORDELEN,
        {},
        lambda w: {"verslag": w.verslag, "oordeel": "voldoende", "opmerkingen": ""},
    ),
    "regietafels.services.bijlagen.bijlage_toevoegen": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "bestand": None},
    ),
    "regietafels.services.bijlagen.bijlage_verwijderen": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"bijlage": w.bijlage},
    ),
    "regietafels.services.verlenging.verlenging_aanvragen": (
        H.VERLENGING_AANVRAGEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "reden": "r", "gevraagde_datum": dt.date(2026, 12, 1)},
    ),
    "regietafels.services.verlenging.verlengingsverzoek_besluiten": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verzoek": w.verzoek, "toekennen": False, "besluit_reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_toekennen": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"cyclus": w.cyclus, "nieuwe_datum": dt.date(2026, 12, 1), "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_voorstellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"cyclus": w.cyclus},
    ),
    "regietafels.services.verdeelbesluit.gemeente_vrijstellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"regel": w.regel, "vrijgesteld": True, "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.regel_aanpassen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"regel": w.regel, "aantal": 3, "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_vaststellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "besluitdatum": dt.date(2026, 12, 1)},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_nieuwe_versie": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_intrekken": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verlenging": w.verlenging, "reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_corrigeren": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verlenging": w.verlenging, "nieuwe_datum": dt.date(2026, 11, 20), "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_herzien": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "reden": "r", "gemeente": w.arnhem, "aantal": 4},
    ),
    "regietafels.services.realisatie.realisatie_intrekken": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {"melding": w.melding, "reden": "r"},
    ),
    "regietafels.services.realisatie.realisatie_corrigeren": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {"melding": w.melding, "aantal": 3, "datum": dt.date(2026, 11, 2), "reden": "r"},
    ),
    "bezwaar.services.bezwaar_indienen": (
        H.BEZWAAR_INDIENEN,
        {"gemeente": "arnhem"},
        lambda w: {"regel": w.regel, "gronden": "g"},
    ),
    "bezwaar.services.bezwaar_registreren": (
        H.BEZWAAR_REGISTREREN,
        {},
        lambda w: {
            "regel": w.regel,
            "indiener": "gemeente",
            "ontvangen_op": dt.date(2027, 1, 5),
            "gronden": "g",
        },
    ),
    "bezwaar.services.bijlage_toevoegen": (
        H.BEZWAAR_INDIENEN,
        {"gemeente": "arnhem"},
        lambda w: {"bezwaar": w.bezwaar, "bestand": None},
    ),
    "bezwaar.services.verschoonbaar_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "bezwaar.services.adviescommissie_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "adviescommissie": True},
    ),
    "bezwaar.services.horen_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "gehoord_op": dt.date(2027, 1, 6)},
    ),
    "bezwaar.services.verdagen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "bezwaar.services.uitstel_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {
            "bezwaar": w.bezwaar,
            "nieuwe_datum": dt.date(2027, 6, 1),
            "reden": "r",
            "instemming": "i",
            "instemming_op": dt.date(2027, 1, 6),
            "geen_nadeel": "n",
        },
    ),
    "bezwaar.services.bezwaar_intrekken": (
        H.BEZWAAR_INTREKKEN,
        {"gemeente": "arnhem"},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "documenten.bundels.bundel_aanvragen": (
        H.BESCHIKKINGEN_BUNDELEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit},
    ),
    "bezwaar.services.beslissen": (
        H.BEZWAAR_BESLISSEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "uitkomst": "ongegrond", "motivering": "m"},
    ),
    "regietafels.services.realisatie.realisatie_melden": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {
            "gemeente": w.arnhem,
            "cyclus": w.cyclus,
            "datum": dt.date(2026, 12, 1),
            "aantal": 1,
        },
    ),
    "locaties.services.locatie_aanmaken": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "gemeente": w.arnhem,
            "gegevens": {"naam": "n", "capaciteit_regulier": 5, "soort": "noodopvang"},
            "fase_sinds": dt.date(2026, 1, 1),
        },
    ),
    "locaties.services.locatie_wijzigen": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "locatie": w.locatie,
            "gegevens": {"naam": "n", "capaciteit_regulier": 6, "soort": "noodopvang"},
        },
    ),
    "locaties.services.fase_wijzigen": (
        H.LOCATIE_BEHEREN,
        {"gemeente": "arnhem"},
        lambda w: {
            "locatie": w.locatie,
            "naar_fase": "besluitvorming",
            "datum": dt.date(2026, 1, 1),
        },
    ),
    "locaties.services.locatie_bevestigen": (
        H.LOCATIE_BEVESTIGEN,
        {"gemeente": "arnhem"},
        lambda w: {"locatie": w.locatie},
    ),
}


@pytest.fixture
def gebruikers(gemeenten):
    gelderland = Provincie.objects.get(code="PV25")
    utrecht = Provincie.objects.get(code="PV26")
    return {
        "ministerie": GebruikerFactory(username="r-min", rol=Rol.MINISTERIE),
        "coa": GebruikerFactory(username="r-coa", rol=Rol.COA),
        "prt": GebruikerFactory(username="r-prt", rol=Rol.PRT_SECRETARIS, provincie=gelderland),
        "prt-elders": GebruikerFactory(
            username="r-prt-u", rol=Rol.PRT_SECRETARIS, provincie=utrecht
        ),
        "gemeente": GebruikerFactory(
            username="r-arnhem", rol=Rol.GEMEENTE, gemeente=Gemeente.objects.get(naam="Arnhem")
        ),
        "gemeente-elders": GebruikerFactory(
            username="r-utrecht", rol=Rol.GEMEENTE, gemeente=Gemeente.objects.get(naam="Utrecht")
        ),
        "inactief": GebruikerFactory(username="r-uit", rol=Rol.MINISTERIE, is_active=False),
    }


def test_elke_publieke_functie_is_ingedeeld():
    """A new public function in a services module fails here until it is classified: a service
    (takes the acting user; needs an entry in AANROEPEN) or a pure read (ZONDER_ACTOR)."""
    functies = publieke_functies()
    diensten = {naam for naam, f in functies.items() if _neemt_actor(f)}
    zonder = set(functies) - diensten
    assert diensten == set(AANROEPEN), "services zonder/te veel aanroep in AANROEPEN"
    assert zonder <= ZONDER_ACTOR, f"publieke functies zonder handelende gebruiker: {zonder}"
    # the acting user is keyword-only and required: it cannot be forgotten
    for naam in diensten:
        parameters = inspect.signature(functies[naam]).parameters
        actor = parameters.get("door") or parameters.get("auteur")
        assert actor.kind is inspect.Parameter.KEYWORD_ONLY, naam
        assert actor.default is inspect.Parameter.empty, naam


def _weigert(functie, kwargs, gebruiker) -> bool:
    actor = "auteur" if "auteur" in inspect.signature(functie).parameters else "door"
    try:
        with transaction.atomic():
            try:
                functie(**kwargs, **{actor: gebruiker})
            finally:
                transaction.set_rollback(True)
    except GeenToegang:
        return True
    except TypeError as fout:  # a call this table builds wrongly must not pass as "allowed"
        raise AssertionError(f"{functie.__name__}: {fout}") from fout
    except Exception:  # noqa: BLE001 - any other refusal (validation, state) is not about the role
        return False
    return False


@pytest.mark.django_db(transaction=False)
def test_elke_dienst_met_elke_rol(gebruikers):
    wereld = Wereld(gebruikers)
    scope_objecten = {"gelderland": wereld.gelderland, "arnhem": wereld.arnhem}
    functies = publieke_functies()
    afwijkingen = []
    for naam, (handeling, scope, maak_kwargs) in sorted(AANROEPEN.items()):
        scope = {k: scope_objecten[v] for k, v in scope.items()}
        for wie, gebruiker in gebruikers.items():
            verwacht = not mag(gebruiker, handeling, **scope)
            echt = _weigert(functies[naam], maak_kwargs(wereld), gebruiker)
            if verwacht != echt:
                afwijkingen.append(f"{naam} door {wie}: geweigerd={echt}, verwacht={verwacht}")
    assert not afwijkingen, "\n".join(afwijkingen)


def test_tabel_volgens_de_wet():
    """The acts the issue names, read straight from the table."""
    assert RECHTEN[H.VERSLAG_INDIENEN] == {Rol.PRT_SECRETARIS}
    assert Rol.MINISTERIE not in RECHTEN[H.VERSLAG_BEWERKEN]
    assert RECHTEN[H.VERSLAG_BEOORDELEN] == {Rol.MINISTERIE}
    assert RECHTEN[H.VERDEELBESLUIT_NEMEN] == {Rol.MINISTERIE}
    # COA takes no act of the cycle; it only confirms and imports reception locations
    coa_handelingen = {h for h, rollen in RECHTEN.items() if Rol.COA in rollen}
    # and fetches every beschikking of a verdeelbesluit at once (it reads all provinces)
    assert coa_handelingen == {
        H.LOCATIE_BEVESTIGEN,
        H.LOCATIES_IMPORTEREN,
        H.BESCHIKKINGEN_BUNDELEN,
    }


def test_readme_toont_dezelfde_tabel():
    """README's role table ("Who may do what") is the table the services check."""
    from pathlib import Path

    from django.conf import settings

    from accounts.rechten import OMSCHRIJVING

    tekst = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    rollen = [Rol.MINISTERIE, Rol.PRT_SECRETARIS, Rol.GEMEENTE, Rol.COA]
    for handeling, toegestaan in RECHTEN.items():
        vinkjes = " | ".join("✓" if r in toegestaan else "–" for r in rollen)
        regel = f"| `{handeling.value}` | {OMSCHRIJVING[handeling]} | {vinkjes} |"
        assert regel in tekst, regel
