"""Actions on regietafels, verslagen, extensions, assessments, the verdeelbesluit and realisation.

Every state transition is enforced here (not in views): a frozen verslag cannot be edited,
assessment only follows submission, a verdeelbesluit is fixed once and only superseded by a new
version with a reason. Views, serializers and admin call these functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core import archief
from raming.models import Gemeente, GemeenteVerdeling, Wetscyclus
from raming.selectors import geldende_raming, provinciale_opgaven

from . import notificaties
from .models import (
    Beoordeling,
    Bijlage,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagRegel,
    VerslagVersie,
)
from .selectors import geldend_verdeelbesluit
from .termijnen import termijn_verlengen, verslagtermijn

AANTAL_VELDEN = ("bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens", "amv")
REGEL_VELDEN = (*AANTAL_VELDEN, "beschikbaar_van", "beschikbaar_tot", "opmerking")
BEWERKBAAR = (Verslag.Status.CONCEPT, Verslag.Status.TERUGGESTUURD)
REALISATIE_MAANDEN = 6

VELD_LABELS = {
    "bestaande_locaties": "bestaande locaties",
    "vastgestelde_plannen": "vastgestelde plannen",
    "bestuurlijke_voornemens": "bestuurlijke voornemens",
    "amv": "amv-plekken",
    "beschikbaar_van": "beschikbaar vanaf",
    "beschikbaar_tot": "beschikbaar tot",
    "opmerking": "opmerking",
    "open_besluiten": "openstaande besluiten",
    "knelpunten": "knelpunten",
}


class VerslagGewijzigd(ValidationError):
    """A save on a stale ``versie``: someone else saved in between. Carries what changed."""

    def __init__(self, *, wijzigingen: list[str], huidige_versie: int):
        self.wijzigingen = wijzigingen
        self.huidige_versie = huidige_versie
        tekst = (
            "Iemand anders heeft dit verslag intussen opgeslagen; uw wijzigingen zijn niet "
            "opgeslagen. Laad het verslag opnieuw en voer uw wijzigingen opnieuw in."
        )
        if wijzigingen:
            tekst += " Gewijzigd: " + "; ".join(wijzigingen) + "."
        super().__init__(tekst, code="verouderd")


def _vereis_ministerie(door) -> None:
    if not getattr(door, "is_ministerie", False):
        raise PermissionDenied("Alleen het ministerie mag dit doen.")


def _vereis_secretaris_van(door, verslag: Verslag) -> None:
    if getattr(door, "is_ministerie", False):
        return
    if getattr(door, "is_prt", False) and door.provincie_id == verslag.regietafel.provincie_id:
        return
    raise PermissionDenied("Alleen de secretaris van deze regietafel mag dit doen.")


def _reden(waarde: str | None, veld: str, tekst: str) -> str:
    if not waarde or not waarde.strip():
        raise ValidationError({veld: [tekst]})
    return waarde.strip()


# --- verslag -----------------------------------------------------------------------------


@transaction.atomic
def verslag_aanmaken(*, regietafel: Regietafel, cyclus: Wetscyclus, door=None) -> Verslag:
    """Create the one verslag of ``regietafel`` for ``cyclus``, with a row per gemeente of the
    province prefilled with its indicative number from the raming in force."""
    if door is not None:
        if not (
            door.is_ministerie or (door.is_prt and door.provincie_id == regietafel.provincie_id)
        ):
            raise PermissionDenied("Alleen de secretaris van deze regietafel mag dit doen.")
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
    gemeenten = Gemeente.objects.filter(provincie_id=regietafel.provincie_id).values_list(
        "pk", flat=True
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
) -> Verslag:
    """Save a draft. ``versie`` is the edit version the user's form was built from; a stale one
    is refused with what changed (optimistic lock, checked under a row lock). ``regels`` maps
    gemeente id → its values. The PRT secretary edits everything; a gemeente user only its own
    row. Invalid rows → ValidationError keyed ``regel-<gemeente>-<veld>``;
    nothing is saved."""
    verslag = Verslag.objects.select_for_update().select_related("regietafel").get(pk=verslag.pk)
    eigen_regel = (
        getattr(door, "is_gemeente", False)
        and door.gemeente.provincie_id == verslag.regietafel.provincie_id
        and set(regels) <= {door.gemeente_id}
        and open_besluiten is None
        and knelpunten is None
    )
    if not eigen_regel:
        # A gemeente user may only fill in its own row; everything else is the secretary's.
        _vereis_secretaris_van(door, verslag)
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
    # The verslag's own version moves first, so each row change is dated after it.
    if open_besluiten is not None:
        verslag.open_besluiten = open_besluiten.strip()
    if knelpunten is not None:
        verslag.knelpunten = knelpunten.strip()
    verslag.versie += 1
    verslag._history_user = door
    verslag.save()
    for gemeente_id, invoer in regels.items():
        regel = bestaand[gemeente_id]
        gewijzigd = False
        for veld in REGEL_VELDEN:
            nieuw = getattr(invoer, veld)
            if veld == "opmerking":
                nieuw = (nieuw or "").strip()
            if getattr(regel, veld) != nieuw:
                setattr(regel, veld, nieuw)
                gewijzigd = True
        if gewijzigd:
            regel._history_user = door
            regel.save()
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
            }
            for r in regels
        ],
        "bijlagen": list(verslag.bijlagen.values_list("oorspronkelijke_naam", flat=True)),
    }


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
    _vereis_secretaris_van(door, verslag)
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
    return momentopname


def _laatste_versie(verslag: Verslag) -> VerslagVersie:
    versie = verslag.versies.order_by("-volgnummer").first()
    if versie is None:
        raise ValidationError("Dit verslag is nog niet ingediend.")
    return versie


@transaction.atomic
def verslag_terugsturen(*, verslag: Verslag, opmerkingen: str, door) -> Beoordeling:
    """The ministry sends a submitted verslag back with remarks; the PRT may revise it."""
    _vereis_ministerie(door)
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
    _vereis_ministerie(door)
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


# --- attachments -------------------------------------------------------------------------

TOEGESTANE_BIJLAGEN = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def soort_bestand(kop: bytes, zip_inhoud=None) -> str | None:
    """The content type by magic bytes (never by name or the browser's claim)."""
    if kop.startswith(b"%PDF-"):
        return "application/pdf"
    if kop.startswith(b"PK\x03\x04") and zip_inhoud is not None:
        return zip_inhoud
    return None


def _zip_soort(bestand) -> str | None:
    """ODT or DOCX by the container's members; the archive is checked from its directory
    before anything is unpacked (``core.archief``)."""
    try:
        zf = archief.controleren(bestand)
        with zf:
            namen = set(zf.namelist())
            if "mimetype" in namen:
                mimetype = archief.lees_lid(zf, "mimetype", 200).decode("ascii", "replace")
                if mimetype.strip() == "application/vnd.oasis.opendocument.text":
                    return "application/vnd.oasis.opendocument.text"
            if "[Content_Types].xml" in namen and "word/document.xml" in namen:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    finally:
        bestand.seek(0)
    return None


@transaction.atomic
def bijlage_toevoegen(*, verslag: Verslag, bestand, door) -> Bijlage:
    """Attach a PDF, ODT or DOCX (checked by content) up to settings.UPLOAD_MAX_BYTES."""
    verslag = Verslag.objects.select_for_update().select_related("regietafel").get(pk=verslag.pk)
    _vereis_secretaris_van(door, verslag)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError("Aan een ingediend verslag kunnen geen bijlagen worden toegevoegd.")
    maximum = getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
    if bestand.size > maximum:
        raise ValidationError(
            {"bestand": [f"Het bestand is te groot (maximaal {maximum // (1024 * 1024)} MB)."]}
        )
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(0)
    zip_soort = _zip_soort(bestand) if kop.startswith(b"PK\x03\x04") else None
    soort = soort_bestand(kop, zip_soort)
    if soort is None:
        raise ValidationError({"bestand": ["Alleen PDF-, ODT- en DOCX-bestanden zijn toegestaan."]})
    naam = (getattr(bestand, "name", "") or "bijlage").replace("/", "_").replace("\\", "_")
    bijlage = Bijlage(
        verslag=verslag,
        oorspronkelijke_naam=naam[-255:],
        content_type=soort,
        grootte=bestand.size,
        toegevoegd_door=door,
    )
    bijlage.bestand.save(naam, bestand, save=False)
    bijlage._history_user = door
    bijlage.save()
    return bijlage


@transaction.atomic
def bijlage_verwijderen(*, bijlage: Bijlage, door) -> None:
    verslag = (
        Verslag.objects.select_for_update().select_related("regietafel").get(pk=bijlage.verslag_id)
    )
    _vereis_secretaris_van(door, verslag)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError("Bijlagen van een ingediend verslag kunnen niet worden verwijderd.")
    opslag, pad = bijlage.bestand.storage, bijlage.bestand.name
    bijlage._history_user = door
    bijlage.delete()
    transaction.on_commit(lambda: opslag.delete(pad))


# --- extensions --------------------------------------------------------------------------


@transaction.atomic
def verlenging_aanvragen(
    *, verslag: Verslag, reden: str, gevraagde_datum: dt.date, door
) -> Verlengingsverzoek:
    """A PRT asks for more time. One open request at a time; the date must be later than the
    deadline now in force."""
    verslag = (
        Verslag.objects.select_for_update()
        .select_related("regietafel", "cyclus")
        .get(pk=verslag.pk)
    )
    _vereis_secretaris_van(door, verslag)
    if verslag.status not in BEWERKBAAR:
        raise ValidationError("Voor een ingediend verslag kan geen verlenging worden gevraagd.")
    reden = _reden(reden, "reden", "Geef een reden voor het verzoek.")
    if gevraagde_datum is None:
        raise ValidationError({"gevraagde_datum": ["Vul de gevraagde datum in."]})
    termijn = verslagtermijn(verslag.cyclus, verslag.regietafel).effectief
    if termijn is not None and gevraagde_datum <= termijn:
        raise ValidationError(
            {
                "gevraagde_datum": [
                    f"De gevraagde datum moet na de huidige termijn ({termijn:%d-%m-%Y}) liggen."
                ]
            }
        )
    if verslag.verlengingsverzoeken.filter(status=Verlengingsverzoek.Status.OPEN).exists():
        raise ValidationError("Er is al een verzoek om verlenging in behandeling.")
    verzoek = Verlengingsverzoek(
        verslag=verslag, reden=reden, gevraagde_datum=gevraagde_datum, ingediend_door=door
    )
    verzoek._history_user = door
    verzoek.save()
    notificaties.verlenging_gevraagd(verzoek=verzoek)
    return verzoek


@transaction.atomic
def verlengingsverzoek_besluiten(
    *,
    verzoek: Verlengingsverzoek,
    toekennen: bool,
    besluit_reden: str,
    door,
    nieuwe_datum: dt.date | None = None,
    referentie: str = "",
) -> Verlengingsverzoek:
    """Grant (with a new date; default the requested one) or refuse a request, with a reason."""
    _vereis_ministerie(door)
    verzoek = (
        Verlengingsverzoek.objects.select_for_update()
        .select_related("verslag__regietafel", "verslag__cyclus")
        .get(pk=verzoek.pk)
    )
    if verzoek.status != Verlengingsverzoek.Status.OPEN:
        raise ValidationError("Over dit verzoek is al besloten.")
    besluit_reden = _reden(besluit_reden, "besluit_reden", "Geef een reden voor het besluit.")
    if toekennen:
        datum = nieuwe_datum or verzoek.gevraagde_datum
        verzoek.verlenging = verlenging_toekennen(
            cyclus=verzoek.verslag.cyclus,
            regietafel=verzoek.verslag.regietafel,
            nieuwe_datum=datum,
            reden=besluit_reden,
            referentie=referentie,
            door=door,
        )
        verzoek.status = Verlengingsverzoek.Status.TOEGEKEND
    else:
        verzoek.status = Verlengingsverzoek.Status.AFGEWEZEN
    verzoek.besluit_reden = besluit_reden
    verzoek.besloten_door = door
    verzoek.besloten_op = timezone.now()
    verzoek._history_user = door
    verzoek.save()
    if not toekennen:  # a granted request is announced with its extension
        notificaties.verlenging_afgewezen(verzoek=verzoek)
    return verzoek


@transaction.atomic
def verlenging_toekennen(
    *,
    cyclus: Wetscyclus,
    nieuwe_datum: dt.date,
    reden: str,
    door,
    regietafel: Regietafel | None = None,
    referentie: str = "",
) -> Termijnverlenging:
    """Grant an extension to one PRT or (regietafel None) to all at once. The new date must be
    later than the deadline now in force for it (for all: later than the original date)."""
    _vereis_ministerie(door)
    reden = _reden(reden, "reden", "Geef een reden voor de verlenging.")
    if nieuwe_datum is None:
        raise ValidationError({"nieuwe_datum": ["Vul de nieuwe datum in."]})
    if regietafel is not None:
        huidig = verslagtermijn(cyclus, regietafel).effectief
    else:
        from raming.models import Mijlpaal

        mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG).first()
        huidig = mijlpaal.datum if mijlpaal else None
    if huidig is not None and nieuwe_datum <= huidig:
        raise ValidationError(
            {
                "nieuwe_datum": [
                    f"De nieuwe datum moet na de geldende termijn ({huidig:%d-%m-%Y}) liggen."
                ]
            }
        )
    verlenging = termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=nieuwe_datum,
        reden=reden,
        door=door,
        regietafel=regietafel,
        referentie=referentie,
    )
    return verlenging


# --- verdeelbesluit ----------------------------------------------------------------------


def verdeel_pro_rata(tekort: int, gewichten: dict[int, int]) -> dict[int, int]:
    """Spread ``tekort`` over keys pro rata their weights, largest remainder, summing exactly."""
    totaal = sum(gewichten.values())
    if tekort <= 0 or totaal <= 0:
        return {k: 0 for k in gewichten}
    exact = {k: tekort * w / totaal for k, w in gewichten.items()}
    uitkomst = {k: int(v) for k, v in exact.items()}
    rest = tekort - sum(uitkomst.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - uitkomst[k]), k))[:rest]:
        uitkomst[k] += 1
    return uitkomst


def _restopgave_herberekenen(besluit: Verdeelbesluit, provincie_id: int, opgave: int) -> None:
    regels = list(besluit.regels.select_for_update().filter(gemeente__provincie_id=provincie_id))
    tekort = max(0, opgave - sum(r.aangeboden for r in regels))
    kandidaten = {
        r.pk: r.indicatief_aantal
        for r in regels
        if r.aangeboden < r.indicatief_aantal and not r.vrijgesteld
    }
    verdeling = verdeel_pro_rata(tekort, kandidaten)
    for regel in regels:
        rest = verdeling.get(regel.pk, 0)
        voorgesteld = regel.aangeboden + rest
        aangepast = bool(regel.aanpassingsreden)
        if (
            regel.restopgave != rest
            or regel.voorgesteld != voorgesteld
            or (not aangepast and regel.aantal != voorgesteld)
        ):
            regel.restopgave = rest
            regel.voorgesteld = voorgesteld
            if not aangepast:
                regel.aantal = voorgesteld
            regel.save()


def _opgaven(cyclus) -> dict[int, int]:
    return {pid: pv.opgave for pid, pv in provinciale_opgaven(geldende_raming(cyclus)).items()}


@transaction.atomic
def verdeelbesluit_voorstellen(*, cyclus: Wetscyclus, door) -> Verdeelbesluit:
    """Draft the first verdeelbesluit of a cycle, prefilled from the submitted verslagen, with
    the restopgave proposed where a province falls short."""
    _vereis_ministerie(door)
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    if Verdeelbesluit.objects.filter(cyclus=cyclus).exists():
        raise ValidationError(
            "Voor deze cyclus bestaat al een verdeelbesluit; maak zo nodig een nieuwe versie."
        )
    raming = geldende_raming(cyclus)
    if raming is None:
        raise ValidationError("Er is geen geldende capaciteitsraming voor deze cyclus.")
    besluit = Verdeelbesluit(cyclus=cyclus, aangemaakt_door=door)
    besluit._history_user = door
    besluit.save()
    aangeboden = {
        gemeente_id: b + v + w
        for gemeente_id, b, v, w in VerslagRegel.objects.filter(
            verslag__cyclus=cyclus,
            verslag__status__in=[Verslag.Status.INGEDIEND, Verslag.Status.BEOORDEELD],
        ).values_list(
            "gemeente_id", "bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"
        )
    }
    regels = [
        VerdeelbesluitRegel(
            verdeelbesluit=besluit,
            gemeente_id=gv.gemeente_id,
            indicatief_aantal=gv.aantal,
            aangeboden=aangeboden.get(gv.gemeente_id, 0),
            voorgesteld=aangeboden.get(gv.gemeente_id, 0),
            aantal=aangeboden.get(gv.gemeente_id, 0),
        )
        for gv in GemeenteVerdeling.objects.filter(raming=raming)
    ]
    bulk_create_with_history(regels, VerdeelbesluitRegel, default_user=door)
    for provincie_id, opgave in _opgaven(cyclus).items():
        _restopgave_herberekenen(besluit, provincie_id, opgave)
    return besluit


def _concept_regel(regel: VerdeelbesluitRegel) -> VerdeelbesluitRegel:
    regel = (
        VerdeelbesluitRegel.objects.select_for_update()
        .select_related("verdeelbesluit", "gemeente")
        .get(pk=regel.pk)
    )
    if regel.verdeelbesluit.status != Verdeelbesluit.Status.CONCEPT:
        raise ValidationError(
            "Dit verdeelbesluit is vastgesteld; wijzigen kan alleen in een nieuwe versie."
        )
    return regel


@transaction.atomic
def gemeente_vrijstellen(
    *, regel: VerdeelbesluitRegel, vrijgesteld: bool, reden: str, door
) -> VerdeelbesluitRegel:
    """Exempt a gemeente from the restopgave (with a reason), or undo it; the province's
    restopgave is proposed again over the remaining gemeenten."""
    _vereis_ministerie(door)
    regel = _concept_regel(regel)
    if vrijgesteld:
        reden = _reden(reden, "vrijstelling_reden", "Geef een reden voor de vrijstelling.")
    regel.vrijgesteld = vrijgesteld
    regel.vrijstelling_reden = reden.strip() if vrijgesteld else ""
    regel._history_user = door
    regel.save()
    provincie_id = regel.gemeente.provincie_id
    _restopgave_herberekenen(
        regel.verdeelbesluit,
        provincie_id,
        _opgaven(regel.verdeelbesluit.cyclus).get(provincie_id, 0),
    )
    regel.refresh_from_db()
    return regel


@transaction.atomic
def regel_aanpassen(
    *, regel: VerdeelbesluitRegel, aantal: int, reden: str, door
) -> VerdeelbesluitRegel:
    """Set a gemeente's number in a draft verdeelbesluit; differing from the proposal needs a
    reason."""
    _vereis_ministerie(door)
    regel = _concept_regel(regel)
    if not isinstance(aantal, int) or aantal < 0:
        raise ValidationError({"aantal": ["Vul een geheel aantal van 0 of meer in."]})
    reden = (reden or "").strip()
    if aantal != regel.voorgesteld and not reden:
        raise ValidationError({"aanpassingsreden": ["Geef een reden voor de aanpassing."]})
    regel.aantal = aantal
    regel.aanpassingsreden = reden if aantal != regel.voorgesteld else ""
    regel._history_user = door
    regel.save()
    return regel


@transaction.atomic
def verdeelbesluit_vaststellen(
    *, verdeelbesluit: Verdeelbesluit, besluitdatum: dt.date, door
) -> Verdeelbesluit:
    """Fix a draft once; each gemeente's realisation deadline is besluitdatum + 6 months."""
    _vereis_ministerie(door)
    besluit = Verdeelbesluit.objects.select_for_update().get(pk=verdeelbesluit.pk)
    if besluit.status != Verdeelbesluit.Status.CONCEPT:
        raise ValidationError("Dit verdeelbesluit is al vastgesteld.")
    if besluitdatum is None:
        raise ValidationError({"besluitdatum": ["Vul de besluitdatum in."]})
    besluit.status = Verdeelbesluit.Status.VASTGESTELD
    besluit.besluitdatum = besluitdatum
    besluit.vastgesteld_door = door
    besluit.vastgesteld_op = timezone.now()
    besluit._history_user = door
    besluit.save()
    termijn = besluitdatum + relativedelta(months=REALISATIE_MAANDEN)
    for regel in besluit.regels.all():
        regel.realisatietermijn = termijn
        regel._history_user = door
        regel.save(update_fields=["realisatietermijn"])
    notificaties.verdeelbesluit_vastgesteld(besluit=besluit)
    return besluit


@transaction.atomic
def verdeelbesluit_nieuwe_versie(
    *, verdeelbesluit: Verdeelbesluit, reden: str, door
) -> Verdeelbesluit:
    """Supersede the latest fixed verdeelbesluit by a new draft version, with a reason."""
    _vereis_ministerie(door)
    Wetscyclus.objects.select_for_update().get(pk=verdeelbesluit.cyclus_id)
    besluit = Verdeelbesluit.objects.get(pk=verdeelbesluit.pk)
    if besluit.status != Verdeelbesluit.Status.VASTGESTELD:
        raise ValidationError("Alleen een vastgesteld verdeelbesluit kan worden vervangen.")
    nieuwste = Verdeelbesluit.objects.filter(cyclus_id=besluit.cyclus_id).order_by("-versie")[0]
    if nieuwste.pk != besluit.pk:
        raise ValidationError("Er is al een nieuwere versie van dit verdeelbesluit.")
    reden = _reden(reden, "reden", "Geef de reden voor een nieuwe versie van het verdeelbesluit.")
    nieuw = Verdeelbesluit(
        cyclus_id=besluit.cyclus_id,
        versie=besluit.versie + 1,
        reden=reden,
        vorige_versie=besluit,
        aangemaakt_door=door,
    )
    nieuw._history_user = door
    nieuw.save()
    kopie = [
        VerdeelbesluitRegel(
            verdeelbesluit=nieuw,
            gemeente_id=r.gemeente_id,
            indicatief_aantal=r.indicatief_aantal,
            aangeboden=r.aangeboden,
            restopgave=r.restopgave,
            voorgesteld=r.voorgesteld,
            aantal=r.aantal,
            vrijgesteld=r.vrijgesteld,
            vrijstelling_reden=r.vrijstelling_reden,
            aanpassingsreden=r.aanpassingsreden,
        )
        for r in besluit.regels.all()
    ]
    bulk_create_with_history(kopie, VerdeelbesluitRegel, default_user=door)
    return nieuw


# --- realisation -------------------------------------------------------------------------


@transaction.atomic
def realisatie_melden(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int,
    door,
    opmerking: str = "",
) -> Realisatiemelding:
    """A gemeente (or its PRT secretary, or the ministry) reports places realised on a date."""
    mag = (
        door.is_ministerie
        or (door.is_gemeente and door.gemeente_id == gemeente.pk)
        or (door.is_prt and door.provincie_id == gemeente.provincie_id)
    )
    if not mag:
        raise PermissionDenied("U mag voor deze gemeente geen realisatie melden.")
    if geldend_verdeelbesluit(cyclus) is None:
        raise ValidationError("Er is nog geen vastgesteld verdeelbesluit voor deze cyclus.")
    fouten = {}
    if not isinstance(aantal, int) or aantal < 1:
        fouten["aantal"] = ["Vul een aantal van 1 of meer in."]
    if datum is None:
        fouten["datum"] = ["Vul de datum in."]
    elif datum > timezone.localdate():
        fouten["datum"] = ["De datum kan niet in de toekomst liggen."]
    if fouten:
        raise ValidationError(fouten)
    melding = Realisatiemelding(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        gemeld_door=door,
        opmerking=(opmerking or "").strip(),
    )
    melding._history_user = door
    melding.save()
    return melding
