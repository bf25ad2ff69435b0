"""Who may do what: one table of acts and roles, and one check used inside every service.

Every public service function of the domain apps calls :func:`vereist` with the acting user
first, so pages, API, admin actions and commands obey the same rule. A refusal raises
:class:`GeenToegang` (a ``PermissionDenied``): Django answers 403 on a page, the API answers
403 in its error shape. The README's role table ("Who may do what") lists the same table;
``tests/integriteit/test_rollen.py`` keeps the two equal.

Scope: a PRT secretary acts only for its own province (and the gemeenten in it), a gemeente
user only for its own gemeente. The ministry's acts are national; COA confirms the capacity
and phase of reception locations and imports its list of them.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from .models import Rol


class Handeling(StrEnum):
    CYCLUS_BEHEREN = "cyclus_beheren"
    RAMING_OPSTELLEN = "raming_opstellen"
    RAMING_VASTSTELLEN = "raming_vaststellen"
    RAMING_PUBLICEREN = "raming_publiceren"
    SCENARIO_WERKEN = "scenario_werken"
    VERSLAG_BEWERKEN = "verslag_bewerken"
    VERSLAG_REGEL_INVULLEN = "verslag_regel_invullen"
    VERSLAG_INDIENEN = "verslag_indienen"
    VERSLAG_BEOORDELEN = "verslag_beoordelen"
    VERLENGING_AANVRAGEN = "verlenging_aanvragen"
    VERLENGING_BESLUITEN = "verlenging_besluiten"
    VERDEELBESLUIT_NEMEN = "verdeelbesluit_nemen"
    REALISATIE_MELDEN = "realisatie_melden"
    UITRUIL_AFSPREKEN = "uitruil_afspreken"
    UITRUIL_BEVESTIGEN = "uitruil_bevestigen"
    TAAKSTELLING_VASTLEGGEN = "taakstelling_vastleggen"
    BEZWAAR_INDIENEN = "bezwaar_indienen"
    BEZWAAR_REGISTREREN = "bezwaar_registreren"
    BEZWAAR_BEHANDELEN = "bezwaar_behandelen"
    BEZWAAR_BESLISSEN = "bezwaar_beslissen"
    BEZWAAR_INTREKKEN = "bezwaar_intrekken"
    BESCHIKKINGEN_BUNDELEN = "beschikkingen_bundelen"
    LOCATIE_BEHEREN = "locatie_beheren"
    LOCATIE_BEVESTIGEN = "locatie_bevestigen"
    LOCATIES_IMPORTEREN = "locaties_importeren"
    REFERENTIE_IMPORTEREN = "referentie_importeren"


M, P, G, C = Rol.MINISTERIE, Rol.PRT_SECRETARIS, Rol.GEMEENTE, Rol.COA

#: act → the roles that may take it (anonymous visitors take none; COA only confirms and
#: imports reception locations).
RECHTEN: dict[Handeling, frozenset[str]] = {
    Handeling.CYCLUS_BEHEREN: frozenset({M}),
    Handeling.RAMING_OPSTELLEN: frozenset({M}),
    Handeling.RAMING_VASTSTELLEN: frozenset({M}),
    Handeling.RAMING_PUBLICEREN: frozenset({M}),
    Handeling.SCENARIO_WERKEN: frozenset({M}),
    Handeling.VERSLAG_BEWERKEN: frozenset({P}),
    Handeling.VERSLAG_REGEL_INVULLEN: frozenset({P, G}),
    Handeling.VERSLAG_INDIENEN: frozenset({P}),
    Handeling.VERSLAG_BEOORDELEN: frozenset({M}),
    Handeling.VERLENGING_AANVRAGEN: frozenset({P}),
    Handeling.VERLENGING_BESLUITEN: frozenset({M}),
    Handeling.VERDEELBESLUIT_NEMEN: frozenset({M}),
    Handeling.REALISATIE_MELDEN: frozenset({M, P, G}),
    Handeling.UITRUIL_AFSPREKEN: frozenset({G}),
    Handeling.UITRUIL_BEVESTIGEN: frozenset({P}),
    Handeling.TAAKSTELLING_VASTLEGGEN: frozenset({M, P, G}),
    Handeling.BEZWAAR_INDIENEN: frozenset({P, G}),
    Handeling.BEZWAAR_REGISTREREN: frozenset({M}),
    Handeling.BEZWAAR_BEHANDELEN: frozenset({M}),
    Handeling.BEZWAAR_BESLISSEN: frozenset({M}),
    Handeling.BEZWAAR_INTREKKEN: frozenset({M, P, G}),
    Handeling.BESCHIKKINGEN_BUNDELEN: frozenset({M, C}),
    Handeling.LOCATIE_BEHEREN: frozenset({M, P, G}),
    Handeling.LOCATIE_BEVESTIGEN: frozenset({C}),
    Handeling.LOCATIES_IMPORTEREN: frozenset({M, C}),
    Handeling.REFERENTIE_IMPORTEREN: frozenset({M}),
}

OMSCHRIJVING: dict[Handeling, str] = {
    Handeling.CYCLUS_BEHEREN: "een wetscyclus aanmaken en mijlpalen verplaatsen",
    Handeling.RAMING_OPSTELLEN: "een capaciteitsraming opstellen, berekenen of wijzigen",
    Handeling.RAMING_VASTSTELLEN: "een capaciteitsraming vaststellen",
    Handeling.RAMING_PUBLICEREN: "een capaciteitsraming publiceren of het uitstel vastleggen",
    Handeling.SCENARIO_WERKEN: "met scenario's werken",
    Handeling.VERSLAG_BEWERKEN: "het verslag van de regietafel opstellen en bijlagen beheren",
    Handeling.VERSLAG_REGEL_INVULLEN: "een regel van het verslag invullen",
    Handeling.VERSLAG_INDIENEN: "het verslag indienen",
    Handeling.VERSLAG_BEOORDELEN: "een verslag beoordelen of terugsturen",
    Handeling.VERLENGING_AANVRAGEN: "verlenging van de verslagtermijn vragen",
    Handeling.VERLENGING_BESLUITEN: "een termijnverlenging toekennen, corrigeren of intrekken",
    Handeling.VERDEELBESLUIT_NEMEN: "het verdeelbesluit opstellen, vaststellen of herzien",
    Handeling.REALISATIE_MELDEN: "gerealiseerde plekken melden, corrigeren of intrekken",
    Handeling.UITRUIL_AFSPREKEN: "een uitruil voorstellen of erop reageren",
    Handeling.UITRUIL_BEVESTIGEN: "een uitruil bevestigen, terugsturen of annuleren",
    Handeling.TAAKSTELLING_VASTLEGGEN: "een taakstelling vastleggen",
    Handeling.BEZWAAR_INDIENEN: "bezwaar maken tegen de beschikking verdeelbesluit",
    Handeling.BEZWAAR_REGISTREREN: "een per post of e-mail ontvangen bezwaarschrift vastleggen",
    Handeling.BEZWAAR_BEHANDELEN: (
        "een bezwaar behandelen: horen, verdagen, uitstel en verschoonbaarheid vastleggen"
    ),
    Handeling.BEZWAAR_BESLISSEN: "op een bezwaar beslissen",
    Handeling.BEZWAAR_INTREKKEN: (
        "een bezwaar intrekken (de indiener) of een ontvangen intrekking vastleggen"
    ),
    Handeling.BESCHIKKINGEN_BUNDELEN: "alle beschikkingen van een verdeelbesluit als zip ophalen",
    Handeling.LOCATIE_BEHEREN: "een opvanglocatie registreren, wijzigen of haar fase melden",
    Handeling.LOCATIE_BEVESTIGEN: "capaciteit en fase van een opvanglocatie bevestigen",
    Handeling.LOCATIES_IMPORTEREN: "een lijst van opvanglocaties importeren",
    Handeling.REFERENTIE_IMPORTEREN: "CBS-gegevens (gemeenten, inwoners, SES-WOA) importeren",
}


class Systeem:
    """The installation itself, acting in a management command started without
    ``--door`` by whoever operates the server (access to the server's shell is the
    authorisation; ``make run`` imports the gemeenten this way before any user exists).

    It is not a user: it may only take the acts in ``SYSTEEM_HANDELINGEN`` and is recorded as
    nobody (``als_gebruiker`` gives None) with the command named in the record's source.
    A command given ``--door NAAM`` acts as that user and is checked like a page."""

    is_authenticated = True
    is_active = True
    rol = "systeem"
    pk = None
    username = "systeem"

    def __str__(self) -> str:
        return "systeem (beheercommando)"


SYSTEEM = Systeem()

#: The acts a management command may take as the system actor.
SYSTEEM_HANDELINGEN = frozenset({Handeling.REFERENTIE_IMPORTEREN})


def als_gebruiker(door):
    """The user to record as having acted: None for the system actor."""
    return None if isinstance(door, Systeem) else door


class GeenToegang(PermissionDenied):
    """The acting user may not take this act (role) or not for this province/gemeente (scope)."""

    def __init__(self, tekst: str, *, handeling: Handeling | None = None):
        super().__init__(tekst)
        self.handeling = handeling


def _id(waarde) -> int | None:
    return getattr(waarde, "pk", waarde)


def weigering(user, handeling: Handeling, *, provincie=None, gemeente=None) -> str | None:
    """Why ``user`` may not take ``handeling`` here (a Dutch sentence), or None when it may.

    ``provincie``: a Provincie or its id; ``gemeente``: a Gemeente (its ``provincie_id`` is
    read for a PRT secretary)."""
    handeling = Handeling(handeling)
    if isinstance(user, Systeem):
        if handeling in SYSTEEM_HANDELINGEN:
            return None
        return f"Een beheercommando zonder gebruiker mag niet {OMSCHRIJVING[handeling]}."
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return "Log in om dit te doen."
    rol = getattr(user, "rol", None)
    if rol not in RECHTEN[handeling]:
        return f"Uw rol mag niet {OMSCHRIJVING[handeling]}."
    if rol == Rol.PRT_SECRETARIS:
        provincie_id = _id(provincie)
        if gemeente is not None:
            provincie_id = gemeente.provincie_id
        if provincie_id is not None and provincie_id != user.provincie_id:
            return "Dit hoort bij een andere provincie dan die van uw regietafel."
    elif rol == Rol.GEMEENTE:
        if gemeente is not None:
            if _id(gemeente) != user.gemeente_id:
                return "U kunt dit alleen voor uw eigen gemeente doen."
        elif provincie is not None and _id(provincie) != user.eigen_provincie_id:
            return "Dit hoort bij een andere provincie dan die van uw gemeente."
    return None


def mag(user, handeling: Handeling, *, provincie=None, gemeente=None) -> bool:
    return weigering(user, handeling, provincie=provincie, gemeente=gemeente) is None


def vereist(user, handeling: Handeling, *, provincie=None, gemeente=None) -> None:
    """Raise :class:`GeenToegang` unless ``user`` may take ``handeling`` here."""
    reden = weigering(user, handeling, provincie=provincie, gemeente=gemeente)
    if reden is not None:
        raise GeenToegang(reden, handeling=Handeling(handeling))


def rollen_voor(handeling: Handeling) -> frozenset[str]:
    return RECHTEN[Handeling(handeling)]


ROL_NAMEN = {M: "het ministerie", P: "de PRT-secretaris", G: "een gemeente", Rol.COA: "het COA"}


def rol_vereist(user, rollen) -> None:
    """Raise :class:`GeenToegang` unless ``user`` is logged in with one of ``rollen`` (what a
    page shows, as opposed to an act: which roles may read it)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        raise GeenToegang("Log in om dit te zien.")
    if getattr(user, "rol", None) not in rollen:
        namen = [ROL_NAMEN.get(r, r) for r in Rol.values if r in rollen]
        raise GeenToegang(
            "Deze pagina is er voor "
            + (" en ".join([", ".join(namen[:-1]), namen[-1]]) if len(namen) > 1 else namen[0])
            + "."
        )


def zichtbaar_per_rol(qs, user, *, provincie: str, gemeente: str | None = None):
    """The shape most access rules (``QuerySet.zichtbaar_voor``) share, written once: ministry
    and COA see every row; a PRT secretary the rows of its province; a gemeente user the rows
    of its own gemeente, or, without a ``gemeente`` path, those of its gemeente's province;
    anyone else (anonymous, a user without a province or gemeente) none. ``provincie`` and
    ``gemeente`` are the lookups from the row to the province's and the gemeente's id."""
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_ministerie or user.is_coa:
        return qs
    if user.is_gemeente and gemeente is not None:
        return qs.filter(**{gemeente: user.gemeente_id}) if user.gemeente_id else qs.none()
    provincie_id = user.eigen_provincie_id
    if provincie_id is None:
        return qs.none()
    return qs.filter(**{provincie: provincie_id})
