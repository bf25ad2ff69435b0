"""The verslag: create, save (optimistic lock), submit, send back, assess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.rechten import Handeling, vereist
from raming.berekening import indeling_van
from raming.models import Gemeente, GemeenteVerdeling, Wetscyclus
from raming.selectors import geldende_raming, provinciale_opgaven

from .. import notificaties, signalen
from ..models import (
    Beoordeling,
    Regietafel,
    Verslag,
    VerslagRegel,
    VerslagVersie,
)
from ..termijnen import verslagtermijn
from .gedeeld import (
    AANTAL_VELDEN,
    BEWERKBAAR,
    HERKOMST_VELDEN,
    ONGEWOON_FACTOR,
    OPGEGEVEN,
    REGEL_VELDEN,
    VELD_LABELS,
    BevestigingNodig,
    VerslagGewijzigd,
    _reden,
    herkomst_van,
    ongewoon_melding,
)

# --- verslag -----------------------------------------------------------------------------


@transaction.atomic
def verslag_aanmaken(*, regietafel: Regietafel, cyclus: Wetscyclus, door) -> Verslag:
    """Create the one verslag of ``regietafel`` for ``cyclus``, with a row per gemeente of the
    province prefilled with its indicative number from the raming in force."""
    vereist(door, Handeling.VERSLAG_BEWERKEN, provincie=regietafel.provincie_id)
    # Lock the regietafel so two simultaneous creations cannot both pass the existence check.
    Regietafel.objects.select_for_update().get(pk=regietafel.pk)
    if Verslag.objects.filter(regietafel=regietafel, cyclus=cyclus).exists():
        raise ValidationError("Deze regietafel heeft al een verslag voor deze cyclus.")
    raming = geldende_raming(cyclus)
    if raming is None:
        raise ValidationError(
            "Er is nog geen vastgestelde capaciteitsraming voor deze cyclus; een verslag kan "
            "pas daarna worden aangemaakt."
        )
    verslag = Verslag.objects.create(regietafel=regietafel, cyclus=cyclus)
    verdelingen = GemeenteVerdeling.objects.filter(
        raming=raming, gemeente__provincie_id=regietafel.provincie_id
    ).values_list("gemeente_id", "aantal")
    indicatief = dict(verdelingen)
    # the gemeenten of the cycle's indeling: a gemeente retired later still belongs to it
    gemeenten = (
        Gemeente.objects.bestaand_op(indeling_van(cyclus))
        .filter(provincie_id=regietafel.provincie_id)
        .values_list("pk", flat=True)
    )
    regels = [
        VerslagRegel(verslag=verslag, gemeente_id=g, indicatief_aantal=indicatief.get(g, 0))
        for g in gemeenten
    ]
    bulk_create_with_history(regels, VerslagRegel, default_user=door)
    return verslag


@dataclass
class RegelInvoer:
    """Parsed values for one row (what a form or serializer hands to the service)."""

    bestaande_locaties: int = 0
    vastgestelde_plannen: int = 0
    bestuurlijke_voornemens: int = 0
    amv: int = 0
    beschikbaar_van: dt.date | None = None
    beschikbaar_tot: dt.date | None = None
    opmerking: str = ""


def regel_fouten(invoer: RegelInvoer, *, bij_indienen: bool = False) -> dict[str, str]:
    """Field → Dutch message for one row; empty when the row is valid."""
    fouten: dict[str, str] = {}
    for veld in AANTAL_VELDEN:
        waarde = getattr(invoer, veld)
        if not isinstance(waarde, int) or isinstance(waarde, bool):
            fouten[veld] = "Vul een heel getal in."
        elif waarde < 0:
            fouten[veld] = "Het aantal kan niet negatief zijn."
    if not fouten:
        aangeboden = (
            invoer.bestaande_locaties + invoer.vastgestelde_plannen + invoer.bestuurlijke_voornemens
        )
        if invoer.amv > aangeboden:
            fouten["amv"] = "Het aantal amv-plekken kan niet groter zijn dan het totaal aangeboden."
    van, tot = invoer.beschikbaar_van, invoer.beschikbaar_tot
    if van and tot and tot < van:
        fouten["beschikbaar_tot"] = "De beschikbaarheid kan niet eindigen voordat die begint."
    if bij_indienen and bool(van) != bool(tot):
        veld = "beschikbaar_tot" if van else "beschikbaar_van"
        fouten[veld] = "Vul zowel het begin als het einde van de beschikbaarheid in."
    return fouten


def _aangeboden(bron) -> int:
    return bron.bestaande_locaties + bron.vastgestelde_plannen + bron.bestuurlijke_voornemens


def ongewone_regels(bestaand: dict[int, VerslagRegel], regels: dict[int, RegelInvoer]) -> list:
    """The rows of ``regels`` whose offered total is more than ``ONGEWOON_FACTOR`` times the
    indicative number and differs from what is stored (a figure confirmed before is not asked
    again), in the order of the gemeente names. ``bestaand``: gemeente id → stored row."""
    uit: list[dict] = []
    for gemeente_id, invoer in regels.items():
        regel = bestaand.get(gemeente_id)
        if regel is None:
            continue
        aangeboden = _aangeboden(invoer)
        indicatief = regel.indicatief_aantal or 0
        if aangeboden <= ONGEWOON_FACTOR * indicatief or aangeboden == _aangeboden(regel):
            continue
        naam = regel.gemeente.naam
        uit.append(
            {
                "gemeente": naam,
                "gemeente_id": gemeente_id,
                "aangeboden": aangeboden,
                "indicatief": indicatief,
                "melding": ongewoon_melding(
                    gemeente=naam, aangeboden=aangeboden, indicatief=indicatief
                ),
            }
        )
    return sorted(uit, key=lambda r: r["gemeente"])


def _bevestigd(bevestigd, rij: dict) -> bool:
    if bevestigd is True:
        return True
    if isinstance(bevestigd, dict):
        return bevestigd.get(rij["gemeente_id"]) == rij["aangeboden"]
    return False


def _wijzigingen_sinds(verslag: Verslag, versie: int) -> list[str]:
    """Human-readable changes saved after the verslag had edit version ``versie``."""
    # The moment the verslag left edit version ``versie``: every change from then on is news.
    moment = (
        verslag.history.filter(versie__gt=versie)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if moment is None:
        return []
    wijzigingen: list[str] = []
    nieuwste = verslag.history.order_by("-history_date").first()
    oud = verslag.history.filter(history_date__lt=moment).order_by("-history_date").first()
    if nieuwste and oud:
        wie = nieuwste.history_user or "onbekend"
        if nieuwste.status != oud.status:
            wijzigingen.append(
                f"status {oud.get_status_display()} → {nieuwste.get_status_display()} (door {wie})"
            )
        for veld in ("open_besluiten", "knelpunten"):
            if getattr(nieuwste, veld) != getattr(oud, veld):
                wijzigingen.append(f"{VELD_LABELS[veld]} (door {wie})")
    regel_ids = (
        VerslagRegel.history.filter(verslag_id=verslag.pk, history_date__gte=moment)
        .values_list("id", flat=True)
        .distinct()
    )
    regels = {
        r.pk: r for r in VerslagRegel.objects.filter(pk__in=regel_ids).select_related("gemeente")
    }
    for regel_id, regel in sorted(regels.items(), key=lambda item: item[1].gemeente.naam):
        oud = (
            VerslagRegel.history.filter(id=regel_id, history_date__lt=moment)
            .order_by("-history_date")
            .first()
        )
        nieuw = VerslagRegel.history.filter(id=regel_id).order_by("-history_date").first()
        if oud is None or nieuw is None:
            continue
        wie = nieuw.history_user or "onbekend"
        for veld in REGEL_VELDEN:
            a, b = getattr(oud, veld), getattr(nieuw, veld)
            if a != b:
                wijzigingen.append(
                    f"{regel.gemeente.naam}: {VELD_LABELS[veld]} {_toon(a)} → {_toon(b)} "
                    f"(door {wie})"
                )
    return wijzigingen


def _toon(waarde) -> str:
    if waarde is None or waarde == "":
        return "leeg"
    if isinstance(waarde, dt.date):
        return f"{waarde:%d-%m-%Y}"
    return str(waarde)


@transaction.atomic
def verslag_opslaan(
    *,
    verslag: Verslag,
    versie: int,
    regels: dict[int, RegelInvoer],
    open_besluiten: str | None = None,
    knelpunten: str | None = None,
    door,
    bevestigd: bool | dict[int, int] = False,
    herkomst: dict | None = None,
) -> Verslag:
    """Save a draft. ``versie`` is the edit version the user's form was built from; a stale one
    is refused with what changed (optimistic lock, checked under a row lock). ``regels`` maps
    gemeente id → its values. The PRT secretary edits everything; a gemeente user only its own
    row. Invalid rows → ValidationError keyed ``regel-<gemeente>-<veld>``;
    nothing is saved. A row offering more than three times its indicative number needs
    ``bevestigd``: True for every row, or gemeente id → the offered total that was confirmed
    (a changed figure is asked again); otherwise ``BevestigingNodig`` names the rows.
    ``herkomst``: the provenance of the saved rows (``herkomst``, ``bron``, ``bron_peildatum``,
    ``bron_url``); without it a row is what the PRT reports (a recorded fact, its source the
    verslag)."""
    verslag = Verslag.objects.select_for_update().select_related("regietafel").get(pk=verslag.pk)
    provincie_id = verslag.regietafel.provincie_id
    if getattr(door, "is_gemeente", False):
        # A gemeente user may only fill in its own row; everything else is the secretary's.
        vereist(door, Handeling.VERSLAG_REGEL_INVULLEN, provincie=provincie_id)
        if set(regels) - {door.gemeente_id} or open_besluiten is not None or knelpunten is not None:
            vereist(door, Handeling.VERSLAG_BEWERKEN, provincie=provincie_id)
    else:
        vereist(door, Handeling.VERSLAG_BEWERKEN, provincie=provincie_id)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError(
            f"Dit verslag is {verslag.get_status_display().lower()} en daarmee bevroren; "
            "het kan niet meer worden gewijzigd."
        )
    if verslag.versie != versie:
        raise VerslagGewijzigd(
            wijzigingen=_wijzigingen_sinds(verslag, versie), huidige_versie=verslag.versie
        )
    bestaand = {r.gemeente_id: r for r in verslag.regels.select_related("gemeente")}
    fouten: dict[str, list[str]] = {}
    for gemeente_id, invoer in regels.items():
        if gemeente_id not in bestaand:
            fouten["__all__"] = ["Een gemeente hoort niet bij dit verslag."]
            continue
        for veld, tekst in regel_fouten(invoer).items():
            fouten[f"regel-{gemeente_id}-{veld}"] = [tekst]
    if fouten:
        raise ValidationError(fouten)
    onbevestigd = [r for r in ongewone_regels(bestaand, regels) if not _bevestigd(bevestigd, r)]
    if onbevestigd:
        raise BevestigingNodig(onbevestigd)
    # The verslag's own version moves first, so each row change is dated after it.
    if open_besluiten is not None:
        verslag.open_besluiten = open_besluiten.strip()
    if knelpunten is not None:
        verslag.knelpunten = knelpunten.strip()
    verslag.versie += 1
    verslag._history_user = door
    verslag.save()
    gewijzigd: list[VerslagRegel] = []
    velden: set[str] = set()
    for gemeente_id, invoer in regels.items():
        regel = bestaand[gemeente_id]
        anders = False
        for veld in REGEL_VELDEN:
            nieuw = getattr(invoer, veld)
            if veld == "opmerking":
                nieuw = (nieuw or "").strip()
            if getattr(regel, veld) != nieuw:
                setattr(regel, veld, nieuw)
                velden.add(veld)
                anders = True
        # a figure the PRT changes is its own (recorded), whatever it was before
        nieuwe_herkomst = herkomst_van(herkomst) or (OPGEGEVEN if anders else {})
        for veld, nieuw in nieuwe_herkomst.items():
            if getattr(regel, veld) != nieuw:
                setattr(regel, veld, nieuw)
                velden.add(veld)
                anders = True
        if anders:
            gewijzigd.append(regel)
    if gewijzigd:
        # one UPDATE of the changed rows and one insert of their history records (each changed
        # row its record, by this user), instead of two queries per row
        bulk_update_with_history(
            gewijzigd,
            VerslagRegel,
            [veld for veld in (*REGEL_VELDEN, *HERKOMST_VELDEN) if veld in velden],
            default_user=door,
            batch_size=500,
        )
    return verslag


_NIET_GELEZEN = object()


def verslag_samenvatting(verslag: Verslag, regels=None, *, opgave=_NIET_GELEZEN) -> dict:
    """Totals of a verslag against its provincial opgave (used by the summary and snapshot).
    ``opgave``: the provincial opgave when already read (None: there is none), else read here."""
    regels = list(verslag.regels.all()) if regels is None else regels
    if opgave is _NIET_GELEZEN:
        verdeling = provinciale_opgaven(geldende_raming(verslag.cyclus)).get(
            verslag.regietafel.provincie_id
        )
        opgave = verdeling.opgave if verdeling else None
    totaal = {
        veld: sum(getattr(r, veld) for r in regels)
        for veld in (*AANTAL_VELDEN, "indicatief_aantal")
    }
    totaal["aangeboden"] = sum(r.aangeboden for r in regels)
    opgave_aantal = opgave if opgave is not None else sum(r.indicatief_aantal for r in regels)
    return {
        "totaal": totaal,
        "opgave": opgave_aantal,
        "verschil": totaal["aangeboden"] - opgave_aantal,
        "aantal_regels": len(regels),
    }


def _momentopname(verslag: Verslag, regels: list[VerslagRegel]) -> dict:
    samenvatting = verslag_samenvatting(verslag, regels)
    return {
        "open_besluiten": verslag.open_besluiten,
        "knelpunten": verslag.knelpunten,
        "opgave": samenvatting["opgave"],
        "totaal": samenvatting["totaal"],
        "regels": [
            {
                "gemeente_id": r.gemeente_id,
                "gemeente": r.gemeente.naam,
                "indicatief_aantal": r.indicatief_aantal,
                **{veld: getattr(r, veld) for veld in AANTAL_VELDEN},
                "aangeboden": r.aangeboden,
                "verschil": r.verschil,
                "beschikbaar_van": r.beschikbaar_van.isoformat() if r.beschikbaar_van else None,
                "beschikbaar_tot": r.beschikbaar_tot.isoformat() if r.beschikbaar_tot else None,
                "opmerking": r.opmerking,
                "herkomst": r.herkomst,
                "bron": r.bron,
            }
            for r in regels
        ],
        "bijlagen": list(verslag.bijlagen.values_list("oorspronkelijke_naam", flat=True)),
    }


def indienen_gevolgen(verslag: Verslag, *, vandaag: dt.date | None = None) -> dict:
    """What submitting does, for the confirmation page and the API's dry run: the term and
    whether it is late, who is told, what happens to the verslag and the terms."""
    vandaag = vandaag or timezone.localdate()
    termijn = verslagtermijn(verslag.cyclus, verslag.regietafel).effectief
    te_laat = termijn is not None and vandaag > termijn
    tafel = verslag.regietafel
    wie = [
        "U en de andere secretarissen van de regietafel: de ontvangstbevestiging met een link"
        + (f" (ook aan het secretariaat, {tafel.e_mail})" if tafel.e_mail else "")
        + "; die gaat altijd per e-mail.",
        "Het ministerie: het verslag wacht op beoordeling.",
    ]
    wat = [
        "Het verslag wordt bevroren en als versie bewaard; wijzigen kan pas weer als het "
        "ministerie het terugstuurt.",
        "De termijn voor het verslag is gehaald"
        + (" (te laat: het wordt als te laat geregistreerd)." if te_laat else ".")
        if termijn
        else "Er is geen termijn vastgesteld.",
        "Het ministerie krijgt een termijn om het verslag te beoordelen.",
    ]
    return {"termijn": termijn, "te_laat": te_laat, "wie_bericht": wie, "wat_gebeurt": wat}


@transaction.atomic
def verslag_indienen(
    *, verslag: Verslag, door, versie: int | None = None, nu: dt.datetime | None = None
) -> VerslagVersie:
    """Submit (or resubmit) a verslag: it is frozen, timestamped, marked late when after the
    effective deadline, and a snapshot is kept. A receipt is e-mailed after commit."""
    verslag = (
        Verslag.objects.select_for_update()
        .select_related("regietafel", "cyclus")
        .get(pk=verslag.pk)
    )
    vereist(door, Handeling.VERSLAG_INDIENEN, provincie=verslag.regietafel.provincie_id)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError(
            f"Dit verslag is al {verslag.get_status_display().lower()}; het kan niet opnieuw "
            "worden ingediend."
        )
    if versie is not None and versie != verslag.versie:
        raise VerslagGewijzigd(
            wijzigingen=_wijzigingen_sinds(verslag, versie), huidige_versie=verslag.versie
        )
    regels = list(verslag.regels.select_related("gemeente"))
    fouten: dict[str, list[str]] = {}
    for regel in regels:
        invoer = RegelInvoer(**{veld: getattr(regel, veld) for veld in REGEL_VELDEN})
        for veld, tekst in regel_fouten(invoer, bij_indienen=True).items():
            fouten[f"regel-{regel.gemeente_id}-{veld}"] = [f"{regel.gemeente.naam}: {tekst}"]
    if fouten:
        raise ValidationError(fouten)
    nu = nu or timezone.now()
    termijn = verslagtermijn(verslag.cyclus, verslag.regietafel).effectief
    te_laat = termijn is not None and timezone.localdate(nu) > termijn
    volgnummer = verslag.versies.count() + 1
    momentopname = VerslagVersie(
        verslag=verslag,
        volgnummer=volgnummer,
        ingediend_op=nu,
        ingediend_door=door,
        te_laat=te_laat,
        termijn=termijn,
        inhoud=_momentopname(verslag, regels),
    )
    momentopname._history_user = door
    momentopname.save()
    verslag.status = Verslag.Status.INGEDIEND
    verslag.ingediend_op = nu
    verslag.ingediend_door = door
    verslag.te_laat = te_laat
    verslag.versie += 1
    verslag._history_user = door
    verslag.save()
    # The receipt and the ministry's notice are recorded with the submission; mail leaves
    # after commit through the worker, so an SMTP outage never fails the submission.
    notificaties.verslag_ingediend(versie=momentopname)
    signalen.verslag_ingediend.send(sender=VerslagVersie, versie=momentopname)
    return momentopname


def _laatste_versie(verslag: Verslag) -> VerslagVersie:
    versie = verslag.versies.order_by("-volgnummer").first()
    if versie is None:
        raise ValidationError("Dit verslag is nog niet ingediend.")
    return versie


@transaction.atomic
def verslag_terugsturen(*, verslag: Verslag, opmerkingen: str, door) -> Beoordeling:
    """The ministry sends a submitted verslag back with remarks; the PRT may revise it."""
    vereist(door, Handeling.VERSLAG_BEOORDELEN)
    verslag = Verslag.objects.select_for_update().get(pk=verslag.pk)
    if verslag.status != Verslag.Status.INGEDIEND:
        raise ValidationError("Alleen een ingediend verslag kan worden teruggestuurd.")
    opmerkingen = _reden(
        opmerkingen, "opmerkingen", "Geef aan waarom het verslag wordt teruggestuurd."
    )
    beoordeling = Beoordeling(
        verslag=verslag,
        versie=_laatste_versie(verslag),
        oordeel=Beoordeling.Oordeel.TERUGGESTUURD,
        opmerkingen=opmerkingen,
        door=door,
    )
    beoordeling._history_user = door
    beoordeling.save()
    verslag.status = Verslag.Status.TERUGGESTUURD
    verslag.versie += 1
    verslag._history_user = door
    verslag.save()
    notificaties.verslag_beoordeeld(beoordeling=beoordeling)
    return beoordeling


@transaction.atomic
def verslag_beoordelen(*, verslag: Verslag, oordeel: str, opmerkingen: str, door) -> Beoordeling:
    """Assess a submitted verslag as sufficient or insufficient (remarks required for the
    latter). Only after submission."""
    vereist(door, Handeling.VERSLAG_BEOORDELEN)
    verslag = Verslag.objects.select_for_update().get(pk=verslag.pk)
    if verslag.status != Verslag.Status.INGEDIEND:
        raise ValidationError("Alleen een ingediend verslag kan worden beoordeeld.")
    if oordeel not in (Beoordeling.Oordeel.VOLDOENDE, Beoordeling.Oordeel.ONVOLDOENDE):
        raise ValidationError({"oordeel": ["Kies voldoende of onvoldoende."]})
    if oordeel == Beoordeling.Oordeel.ONVOLDOENDE:
        opmerkingen = _reden(
            opmerkingen, "opmerkingen", "Licht toe waarom het verslag onvoldoende is."
        )
    beoordeling = Beoordeling(
        verslag=verslag,
        versie=_laatste_versie(verslag),
        oordeel=oordeel,
        opmerkingen=(opmerkingen or "").strip(),
        door=door,
    )
    beoordeling._history_user = door
    beoordeling.save()
    verslag.status = Verslag.Status.BEOORDEELD
    verslag.versie += 1
    verslag._history_user = door
    verslag.save()
    notificaties.verslag_beoordeeld(beoordeling=beoordeling)
    return beoordeling
