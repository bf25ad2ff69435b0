"""Extensions of the verslag term: requests, decisions, grants."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Wetscyclus

from .. import notificaties
from ..models import (
    Regietafel,
    Termijnverlenging,
    Verlengingsverzoek,
    Verslag,
)
from ..termijnen import termijn_verlengen, verslagtermijn
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
