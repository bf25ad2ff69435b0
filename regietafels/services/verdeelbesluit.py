"""The verdeelbesluit: draft from the verslagen, restopgave, exemptions, fixing, versions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.rechten import Handeling, vereist
from raming.models import GemeenteVerdeling, Herkomst, Wetscyclus
from raming.selectors import geldende_raming, provinciale_opgaven
from raming.termijnen import realisatiemijlpaal_volgen, realisatietermijn

from .. import notificaties, signalen
from ..models import (
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verslag,
    VerslagRegel,
)
from .gedeeld import (
    _reden,
)
from .gereedheid import verdeelbesluit_gereedheid

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


def _restopgave_toepassen(regels: list[VerdeelbesluitRegel], opgave: int) -> list:
    """Propose the restopgave over one province's rows (in memory): what the province falls
    short of its opgave is spread pro rata the indicative numbers over the gemeenten that
    offered less than theirs and are not exempted. Returns the rows that changed."""
    tekort = max(0, opgave - sum(r.aangeboden for r in regels))
    # keyed by position: the rows come in the order of their keys (ties go to the first)
    kandidaten = {
        i: r.indicatief_aantal
        for i, r in enumerate(regels)
        if r.aangeboden < r.indicatief_aantal and not r.vrijgesteld
    }
    verdeling = verdeel_pro_rata(tekort, kandidaten)
    gewijzigd = []
    for i, regel in enumerate(regels):
        rest = verdeling.get(i, 0)
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
            gewijzigd.append(regel)
    return gewijzigd


def _restopgave_herberekenen(
    besluit: Verdeelbesluit, provincie_id: int, opgave: int, door=None
) -> None:
    regels = list(
        besluit.regels.select_for_update()
        .filter(gemeente__provincie_id=provincie_id)
        .order_by("pk")
    )
    gewijzigd = _restopgave_toepassen(regels, opgave)
    if gewijzigd:
        # one UPDATE for the province, each changed row with its history record
        bulk_update_with_history(
            gewijzigd,
            VerdeelbesluitRegel,
            ["restopgave", "voorgesteld", "aantal"],
            default_user=door,
            batch_size=500,
        )


def _opgaven(cyclus) -> dict[int, int]:
    return {pid: pv.opgave for pid, pv in provinciale_opgaven(geldende_raming(cyclus)).items()}


@transaction.atomic
def verdeelbesluit_voorstellen(*, cyclus: Wetscyclus, door) -> Verdeelbesluit:
    """Draft the first verdeelbesluit of a cycle, prefilled from the submitted verslagen, with
    the restopgave proposed where a province falls short."""
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
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
    aangeboden = {}
    illustratief = set()
    for gemeente_id, b, v, w, herkomst in VerslagRegel.objects.filter(
        verslag__cyclus=cyclus,
        verslag__status__in=[Verslag.Status.INGEDIEND, Verslag.Status.BEOORDEELD],
    ).values_list(
        "gemeente_id",
        "bestaande_locaties",
        "vastgestelde_plannen",
        "bestuurlijke_voornemens",
        "herkomst",
    ):
        aangeboden[gemeente_id] = b + v + w
        if herkomst == Herkomst.ILLUSTRATIEF:
            illustratief.add(gemeente_id)
    regels = []
    per_provincie: dict[int, list[VerdeelbesluitRegel]] = {}
    for gemeente_id, provincie_id, indicatief in (
        GemeenteVerdeling.objects.filter(raming=raming)
        .order_by("pk")
        .values_list("gemeente_id", "gemeente__provincie_id", "aantal")
    ):
        regel = VerdeelbesluitRegel(
            verdeelbesluit=besluit,
            gemeente_id=gemeente_id,
            indicatief_aantal=indicatief,
            aangeboden=aangeboden.get(gemeente_id, 0),
            voorgesteld=aangeboden.get(gemeente_id, 0),
            aantal=aangeboden.get(gemeente_id, 0),
            **_herkomst(gemeente_id in illustratief),
        )
        regels.append(regel)
        per_provincie.setdefault(provincie_id, []).append(regel)
    # the restopgave is proposed before the rows are written: one insert of all rows, each
    # with its history record, instead of an insert and then an update per gemeente
    for provincie_id, opgave in _opgaven(cyclus).items():
        _restopgave_toepassen(per_provincie.get(provincie_id, []), opgave)
    bulk_create_with_history(regels, VerdeelbesluitRegel, default_user=door)
    return besluit


def _herkomst(illustratief: bool) -> dict:
    """A besluit row is computed by Regietafel from the verslag's row (the project's rule for
    the restopgave); from an illustrative row it is illustrative itself."""
    if illustratief:
        return {"herkomst": Herkomst.ILLUSTRATIEF, "bron": BRON_ILLUSTRATIEF}
    return {"herkomst": Herkomst.BEREKEND, "bron": BRON_BEREKEND}


BRON_BEREKEND = (
    "Het aanbod uit het verslag; de restopgave naar rato van het indicatieve aantal over de "
    "gemeenten die minder boden (regel van Regietafel)."
)
BRON_ILLUSTRATIEF = (
    "Berekend door Regietafel zoals elk verdeelbesluit, maar uit een illustratieve verdeling "
    "van het verslag over de gemeenten (zie de herkomst van de verslagregel)."
)


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
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
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
        door=door,
    )
    regel.refresh_from_db()
    return regel


@transaction.atomic
def regel_aanpassen(
    *, regel: VerdeelbesluitRegel, aantal: int, reden: str, door
) -> VerdeelbesluitRegel:
    """Set a gemeente's number in a draft verdeelbesluit; differing from the proposal needs a
    reason."""
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
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
    *, verdeelbesluit: Verdeelbesluit, besluitdatum: dt.date, door, afwijkingsreden: str = ""
) -> Verdeelbesluit:
    """Fix a draft once; each gemeente's realisation deadline is besluitdatum + 6 months.

    Refused while a verslag term still runs or a submitted verslag is unassessed, unless the
    ministry overrides with ``afwijkingsreden``: the reason and what stood open are recorded
    and shown with the besluit."""
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
    besluit = (
        Verdeelbesluit.objects.select_for_update()
        .select_related("cyclus")
        .get(pk=verdeelbesluit.pk)
    )
    if besluit.status != Verdeelbesluit.Status.CONCEPT:
        raise ValidationError("Dit verdeelbesluit is al vastgesteld.")
    if besluitdatum is None:
        raise ValidationError({"besluitdatum": ["Vul de besluitdatum in."]})
    if besluitdatum > timezone.localdate():
        raise ValidationError({"besluitdatum": ["De besluitdatum kan niet in de toekomst liggen."]})
    # the verslagen are locked so no submission or assessment slips in between check and fix
    list(Verslag.objects.select_for_update().filter(cyclus_id=besluit.cyclus_id).values("pk"))
    gereedheid = verdeelbesluit_gereedheid(besluit.cyclus)
    afwijkingsreden = (afwijkingsreden or "").strip()
    if not gereedheid.gereed and not afwijkingsreden:
        raise ValidationError(
            {
                "afwijkingsreden": [
                    "Het verdeelbesluit kan nog niet worden vastgesteld: "
                    + "; ".join(gereedheid.punten())
                    + ". Wacht tot de termijnen zijn verstreken en de verslagen beoordeeld, of "
                    "geef een reden om toch vast te stellen (die komt in het besluit)."
                ]
            }
        )
    besluit.afwijkingsreden = "" if gereedheid.gereed else afwijkingsreden
    besluit.open_bij_vaststelling = gereedheid.punten()
    besluit.status = Verdeelbesluit.Status.VASTGESTELD
    besluit.besluitdatum = besluitdatum
    besluit.vastgesteld_door = door
    besluit.vastgesteld_op = timezone.now()
    besluit._history_user = door
    besluit.save()
    termijn = realisatiemijlpaal_volgen(besluit.cyclus, besluitdatum)
    regels = list(besluit.regels.all())
    for regel in regels:
        regel.realisatietermijn = termijn
    # every gemeente gets the same date: one plain UPDATE (bulk_update would build a CASE per
    # row) and one insert of the history rows, each row its record with the user who fixed it
    besluit.regels.update(realisatietermijn=termijn)
    VerdeelbesluitRegel.history.bulk_history_create(regels, update=True, default_user=door)
    notificaties.verdeelbesluit_vastgesteld(besluit=besluit)
    signalen.verdeelbesluit_vastgesteld.send(
        sender=Verdeelbesluit, verdeelbesluit=besluit, gemeente=None
    )
    return besluit


@transaction.atomic
def verdeelbesluit_nieuwe_versie(
    *, verdeelbesluit: Verdeelbesluit, reden: str, door
) -> Verdeelbesluit:
    """Supersede the latest fixed verdeelbesluit by a new draft version, with a reason."""
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
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
            herkomst=r.herkomst,
            bron=r.bron,
            bron_peildatum=r.bron_peildatum,
            bron_url=r.bron_url,
        )
        for r in besluit.regels.all()
    ]
    bulk_create_with_history(kopie, VerdeelbesluitRegel, default_user=door)
    return nieuw


@transaction.atomic
def verdeelbesluit_herzien(
    *,
    verdeelbesluit: Verdeelbesluit,
    reden: str,
    door,
    gemeente=None,
    aantal: int | None = None,
    besluitdatum: dt.date | None = None,
) -> Verdeelbesluit:
    """Supersede the fixed verdeelbesluit in force, never overwrite it.

    For all gemeenten: a new draft version (adjust it, then fix it). For one ``gemeente`` (e.g.
    after a decision on an objection): a new version with that gemeente's ``aantal``, fixed at
    once on ``besluitdatum`` (default today); that gemeente's realisation term runs from then,
    the others keep theirs. Either way the old version stays as it was, with its successor."""
    vereist(door, Handeling.VERDEELBESLUIT_NEMEN)
    if gemeente is None:
        return verdeelbesluit_nieuwe_versie(verdeelbesluit=verdeelbesluit, reden=reden, door=door)
    if not isinstance(aantal, int) or isinstance(aantal, bool) or aantal < 0:
        raise ValidationError({"aantal": ["Vul een geheel aantal van 0 of meer in."]})
    besluitdatum = besluitdatum or timezone.localdate()
    if besluitdatum > timezone.localdate():
        raise ValidationError({"besluitdatum": ["De besluitdatum kan niet in de toekomst liggen."]})
    oud_termijnen = dict(
        VerdeelbesluitRegel.objects.filter(verdeelbesluit_id=verdeelbesluit.pk).values_list(
            "gemeente_id", "realisatietermijn"
        )
    )
    if gemeente.pk not in oud_termijnen:
        raise ValidationError({"gemeente": ["Deze gemeente staat niet in het verdeelbesluit."]})
    nieuw = verdeelbesluit_nieuwe_versie(verdeelbesluit=verdeelbesluit, reden=reden, door=door)
    regels = list(nieuw.regels.order_by("pk"))
    for regel in regels:
        if regel.gemeente_id == gemeente.pk:
            regel.aantal = aantal
            regel.aanpassingsreden = nieuw.reden
            regel.realisatietermijn = realisatietermijn(nieuw.cyclus, besluitdatum)
        else:
            regel.realisatietermijn = oud_termijnen.get(regel.gemeente_id)
    # one UPDATE for all gemeenten, each row with its history record
    bulk_update_with_history(
        regels,
        VerdeelbesluitRegel,
        ["aantal", "aanpassingsreden", "realisatietermijn"],
        default_user=door,
        batch_size=500,
    )
    nieuw.status = Verdeelbesluit.Status.VASTGESTELD
    nieuw.besluitdatum = besluitdatum
    nieuw.vastgesteld_door = door
    nieuw.vastgesteld_op = timezone.now()
    nieuw._history_user = door
    nieuw.save()
    notificaties.verdeelbesluit_herzien_voor_gemeente(besluit=nieuw, gemeente=gemeente)
    signalen.verdeelbesluit_vastgesteld.send(
        sender=Verdeelbesluit, verdeelbesluit=nieuw, gemeente=gemeente
    )
    return nieuw
