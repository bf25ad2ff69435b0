"""Extensions of the verslag term: requests, decisions, grants."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Mijlpaal, Wetscyclus

from .. import notificaties
from ..models import (
    Regietafel,
    Termijnverlenging,
    Verlengingsverzoek,
    Verslag,
)
from ..termijnen import termijn_verlengen, verslagtermijn, verslagtermijnen
from .gedeeld import (
    BEWERKBAAR,
    _reden,
)

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
    vereist(door, Handeling.VERLENGING_AANVRAGEN, provincie=verslag.regietafel.provincie_id)
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
    grens = _venster(verslag.cyclus)
    if gevraagde_datum > grens:
        raise ValidationError(
            {
                "gevraagde_datum": [
                    f"De gevraagde datum moet binnen de cyclus {verslag.cyclus.jaar} liggen: "
                    f"uiterlijk {grens:%d-%m-%Y}, vóór het verdeelbesluit."
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
    vereist(door, Handeling.VERLENGING_BESLUITEN)
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


def _venster(cyclus: Wetscyclus) -> dt.date:
    """The latest date a verslag term may move to: before the cycle's verdeelbesluit milestone
    (the minister needs the verslagen for it), else the end of the cycle year."""
    mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERDEELBESLUIT).first()
    if mijlpaal is not None:
        return mijlpaal.datum - dt.timedelta(days=1)
    return dt.date(cyclus.jaar, 12, 31)


def _geldende_termijn(
    cyclus: Wetscyclus, regietafel: Regietafel | None, *, zonder: int | None = None
) -> dt.date | None:
    """The term in force for one PRT (or, regietafel None, for all: the milestone moved by
    the cycle-wide extensions), leaving out extension ``zonder`` (the one being corrected)."""
    mijlpaal = Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG).first()
    verlengingen = Termijnverlenging.objects.filter(cyclus=cyclus).exclude(pk=zonder)
    if regietafel is None:
        verlengingen = verlengingen.filter(regietafel__isnull=True)
    else:
        verlengingen = verlengingen.voor_regietafel(regietafel)
    datums = [mijlpaal.datum] if mijlpaal else []
    datums += list(verlengingen.values_list("nieuwe_datum", flat=True))
    return max(datums) if datums else None


def _controleer_datum(
    cyclus: Wetscyclus, regietafel: Regietafel | None, nieuwe_datum, *, zonder: int | None = None
) -> None:
    if nieuwe_datum is None:
        raise ValidationError({"nieuwe_datum": ["Vul de nieuwe datum in."]})
    huidig = _geldende_termijn(cyclus, regietafel, zonder=zonder)
    if huidig is not None and nieuwe_datum <= huidig:
        raise ValidationError(
            {
                "nieuwe_datum": [
                    f"De nieuwe datum moet na de geldende termijn ({huidig:%d-%m-%Y}) liggen."
                ]
            }
        )
    grens = _venster(cyclus)
    if nieuwe_datum > grens:
        raise ValidationError(
            {
                "nieuwe_datum": [
                    f"De nieuwe datum moet binnen de cyclus {cyclus.jaar} liggen: uiterlijk "
                    f"{grens:%d-%m-%Y}, vóór het verdeelbesluit."
                ]
            }
        )


def verlenging_voorbeeld(
    *,
    cyclus: Wetscyclus,
    nieuwe_datum: dt.date,
    regietafel: Regietafel | None = None,
    vervangt: Termijnverlenging | None = None,
) -> dict:
    """What granting (or correcting) an extension will do: whose term moves from when to when,
    who is told, and what others see. Changes nothing; a date the grant would refuse is refused
    here too."""
    _controleer_datum(
        cyclus, regietafel, nieuwe_datum, zonder=vervangt.pk if vervangt is not None else None
    )
    tafels = list(
        Regietafel.objects.select_related("provincie").order_by("provincie__naam")
        if regietafel is None
        else Regietafel.objects.select_related("provincie").filter(pk=regietafel.pk)
    )
    nu = verslagtermijnen(cyclus, regietafel_ids=[t.pk for t in tafels])
    ingediend = set(
        Verslag.objects.filter(
            cyclus=cyclus, status__in=[Verslag.Status.INGEDIEND, Verslag.Status.BEOORDEELD]
        ).values_list("regietafel_id", flat=True)
    )
    rijen = []
    for tafel in tafels:
        van = nu[tafel.pk].effectief
        if vervangt is not None:
            zonder = _geldende_termijn(cyclus, tafel, zonder=vervangt.pk)
            naar = max(d for d in (zonder, nieuwe_datum) if d is not None)
        else:
            naar = max(d for d in (van, nieuwe_datum) if d is not None)
        rijen.append(
            {
                "provincie": tafel.provincie.naam,
                "van": van,
                "naar": naar,
                "verschuift": van != naar,
                "al_ingediend": tafel.pk in ingediend,
            }
        )
    return {
        "cyclus": cyclus.jaar,
        "nieuwe_datum": nieuwe_datum,
        "voor": "alle regietafels" if regietafel is None else regietafel.provincie.naam,
        "termijnen": rijen,
        "wie_wordt_geinformeerd": [
            f"de secretaris van de regietafel {r['provincie']}" for r in rijen if r["verschuift"]
        ],
        "wordt_zichtbaar": [
            "de nieuwe termijn, de reden en de referentie voor de betrokken regietafels en "
            "hun gemeenten; de oorspronkelijke datum blijft zichtbaar"
        ],
    }


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
    vereist(door, Handeling.VERLENGING_BESLUITEN)
    reden = _reden(reden, "reden", "Geef een reden voor de verlenging.")
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    _controleer_datum(cyclus, regietafel, nieuwe_datum)
    verlenging = termijn_verlengen(
        cyclus=cyclus,
        nieuwe_datum=nieuwe_datum,
        reden=reden,
        door=door,
        regietafel=regietafel,
        referentie=referentie,
    )
    return verlenging


def _geldende_verlenging(verlenging: Termijnverlenging) -> Termijnverlenging:
    Wetscyclus.objects.select_for_update().get(pk=verlenging.cyclus_id)
    verlenging = (
        Termijnverlenging.alle.select_for_update(of=("self",))
        .select_related("cyclus", "regietafel")
        .get(pk=verlenging.pk)
    )
    if verlenging.ingetrokken_op is not None:
        raise ValidationError("Deze verlenging is al ingetrokken of gecorrigeerd.")
    return verlenging


def _intrekken(verlenging: Termijnverlenging, *, reden: str, door) -> None:
    verlenging.ingetrokken_op = timezone.now()
    verlenging.ingetrokken_door = door
    verlenging.intrekkingsreden = reden
    verlenging._history_user = door
    verlenging.save()


@transaction.atomic
def verlenging_intrekken(*, verlenging: Termijnverlenging, reden: str, door) -> Termijnverlenging:
    """Withdraw a granted extension, with a reason. It stays on record (who, when, why); the
    term in force falls back to the milestone and the other extensions."""
    vereist(door, Handeling.VERLENGING_BESLUITEN)
    reden = _reden(reden, "reden", "Geef een reden voor de intrekking.")
    verlenging = _geldende_verlenging(verlenging)
    _intrekken(verlenging, reden=reden, door=door)
    notificaties.verlenging_ingetrokken(verlenging=verlenging)
    return verlenging


@transaction.atomic
def verlenging_corrigeren(
    *, verlenging: Termijnverlenging, nieuwe_datum: dt.date, reden: str, door
) -> Termijnverlenging:
    """Correct a granted extension's date (e.g. a typing error such as 31-12-9999): a new
    extension that replaces it, with who, when and why; the old one stays on record. The new
    date is checked against the term in force *without* the corrected extension."""
    vereist(door, Handeling.VERLENGING_BESLUITEN)
    reden = _reden(reden, "reden", "Geef een reden voor de correctie.")
    oud = _geldende_verlenging(verlenging)
    _controleer_datum(oud.cyclus, oud.regietafel, nieuwe_datum, zonder=oud.pk)
    _intrekken(oud, reden=f"Gecorrigeerd: {reden}", door=door)
    nieuw = termijn_verlengen(
        cyclus=oud.cyclus,
        nieuwe_datum=nieuwe_datum,
        reden=f"Correctie van de verlenging tot {oud.nieuwe_datum:%d-%m-%Y}: {reden}",
        door=door,
        regietafel=oud.regietafel,
        referentie=oud.referentie,
    )
    nieuw.vervangt = oud
    nieuw._history_user = door
    nieuw.save(update_fields=["vervangt"])
    return nieuw
