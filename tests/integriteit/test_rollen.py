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

import importlib
import inspect
import pkgutil
import types

import pytest
from django.db import transaction

from accounts.models import Rol
from accounts.rechten import RECHTEN, GeenToegang, Handeling, mag
from raming.models import Gemeente, Provincie
from tests.factories import GebruikerFactory

from .rollen.aanroepen_raming import AANROEPEN_RAMING
from .rollen.aanroepen_regietafels import AANROEPEN_REGIETAFELS
from .rollen.wereld import Wereld

H = Handeling

# service → (act, scope keyword arguments for ``mag``, the call's keyword arguments)
AANROEPEN: dict[str, tuple] = {**AANROEPEN_RAMING, **AANROEPEN_REGIETAFELS}


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
    "regietafels.services.realisatie.koppeling_voorstel",
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
