"""Realisation reports of gemeenten: report, correct, withdraw. A correction or withdrawal
never erases: the report stays on record with who, when and why, and only reports in force
(``Realisatiemelding.objects``) count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from locaties.models import Opvanglocatie
from locaties.realisatie import gerealiseerd_op as locatie_gerealiseerd_op
from raming.models import Gemeente, Wetscyclus

from .. import notificaties
from ..models import Realisatiemelding
from ..selectors import geldend_verdeelbesluit, realisatie_stand, volgende_ramingspeildatum
from .gedeeld import _reden, herkomst_van

# --- realisation -------------------------------------------------------------------------


class _Gelijk:
    """The correction keeps the report's location."""


GELIJK = _Gelijk()


def _locatie_controleren(
    *, gemeente: Gemeente, cyclus: Wetscyclus, datum: dt.date, locatie, aantal, zonder
) -> int:
    """A report that names a location: the location is the gemeente's, counts as realised on
    the report's date and no other report in force names it; the number is its places (filled
    in when left empty). Returns the number."""
    # one report per location: reports on the same location wait for each other here
    locatie = Opvanglocatie.objects.select_for_update().get(pk=locatie.pk)
    if locatie.gemeente_id != gemeente.pk:
        raise ValidationError({"locatie": [f"Deze locatie hoort niet bij {gemeente}."]})
    plekken = locatie.capaciteit_regulier + locatie.capaciteit_amv
    if aantal in (None, ""):
        aantal = plekken
    elif aantal != plekken:
        raise ValidationError(
            {
                "aantal": [
                    f"Bij een melding voor {locatie.naam} is het aantal de {plekken} plekken die "
                    "het register voor deze locatie heeft. Laat het aantal leeg, of pas eerst "
                    "de capaciteit in het register aan."
                ]
            }
        )
    telt = {
        loc.locatie_id
        for loc in locatie_gerealiseerd_op(
            datum,
            volgende_peildatum=volgende_ramingspeildatum(cyclus),
            gemeente_ids={gemeente.pk},
        )
    }
    if locatie.pk not in telt:
        raise ValidationError(
            {
                "locatie": [
                    f"Volgens het locatieregister is {locatie.naam} op {datum:%d-%m-%Y} niet in "
                    "gebruik en beschikbaar. Meld eerst in het register dat de locatie in "
                    "gebruik is, of kies een latere datum."
                ]
            }
        )
    andere = (
        Realisatiemelding.objects.filter(cyclus=cyclus, locatie=locatie).exclude(pk=zonder).first()
    )
    if andere is not None:
        raise ValidationError(
            {
                "locatie": [
                    f"Er is al een melding voor {locatie.naam} (per {andere.datum:%d-%m-%Y}, "
                    f"{andere.aantal} plekken). Corrigeer die melding in plaats van een tweede "
                    "te doen; de locatie telt maar één keer."
                ]
            }
        )
    return aantal


def _controleer(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int | None,
    bevestigd: bool,
    locatie=None,
    zonder: int | None = None,
) -> int:
    """The checks of a report; returns its number (a location's places when left empty)."""
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        raise ValidationError("Er is nog geen vastgesteld verdeelbesluit voor deze cyclus.")
    fouten = {}
    leeg_bij_locatie = locatie is not None and aantal in (None, "")
    if not leeg_bij_locatie and (
        not isinstance(aantal, int) or isinstance(aantal, bool) or aantal < 1
    ):
        fouten["aantal"] = ["Vul een aantal van 1 of meer in."]
    if datum is None:
        fouten["datum"] = ["Vul de datum in."]
    elif datum > timezone.localdate():
        fouten["datum"] = ["De datum kan niet in de toekomst liggen."]
    elif datum < dt.date(cyclus.jaar, 1, 1):
        fouten["datum"] = [
            f"De datum kan niet vóór de cyclus {cyclus.jaar} liggen (vanaf 01-01-{cyclus.jaar})."
        ]
    if fouten:
        raise ValidationError(fouten)
    if locatie is not None:
        aantal = _locatie_controleren(
            gemeente=gemeente,
            cyclus=cyclus,
            datum=datum,
            locatie=locatie,
            aantal=aantal,
            zonder=zonder,
        )
    # possible but unusual: more realised than the besluit asks → confirm, do not pass silently.
    # A report naming a location adds nothing: the location counts already (ADR 0014).
    vastgesteld, eerder = realisatie_stand(gemeente=gemeente, cyclus=cyclus, zonder=zonder)
    erbij = 0 if locatie is not None else aantal
    if eerder + erbij > vastgesteld and erbij and not bevestigd:
        raise ValidationError(
            {
                "bevestigd": [
                    f"Met deze melding komt {gemeente} op {eerder + erbij} gerealiseerde "
                    f"plekken, meer dan de {vastgesteld} uit het verdeelbesluit. Klopt dat? "
                    "Bevestig het aantal of pas het aan."
                ]
            },
            code="bevestigen",
        )
    return aantal


@transaction.atomic
def realisatie_melden(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int | None,
    door,
    opmerking: str = "",
    bevestigd: bool = False,
    herkomst: dict | None = None,
    locatie=None,
) -> Realisatiemelding:
    """A gemeente (or its PRT secretary, or the ministry) reports places realised on a date,
    optionally in one location of the register (``locatie``: then the number is the
    location's places and it adds nothing to the total, the location counts already). More
    than the besluit's number in total needs ``bevestigd``. ``herkomst``: the report's
    provenance (default: a recorded fact, its source the report itself)."""
    melding = _gemeld(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        door=door,
        opmerking=opmerking,
        bevestigd=bevestigd,
        herkomst=herkomst,
        locatie=locatie,
    )
    notificaties.realisatie_gemeld(melding=melding, door=door)
    return melding


def _gemeld(
    *,
    gemeente: Gemeente,
    cyclus: Wetscyclus,
    datum: dt.date,
    aantal: int | None,
    door,
    opmerking: str = "",
    bevestigd: bool = False,
    herkomst: dict | None = None,
    locatie=None,
) -> Realisatiemelding:
    """``realisatie_melden`` without its notices."""
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=gemeente)
    aantal = _controleer(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        bevestigd=bevestigd,
        locatie=locatie,
    )
    melding = Realisatiemelding(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=datum,
        aantal=aantal,
        locatie=locatie,
        gemeld_door=door,
        opmerking=(opmerking or "").strip(),
        **herkomst_van(herkomst),
    )
    melding._history_user = door
    melding.save()
    return melding


def _geldende_melding(melding: Realisatiemelding, door) -> Realisatiemelding:
    melding = (
        Realisatiemelding.alle.select_for_update(of=("self",))
        .select_related("gemeente", "cyclus", "locatie")
        .get(pk=melding.pk)
    )
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=melding.gemeente)
    if melding.ingetrokken_op is not None:
        raise ValidationError("Deze melding is al ingetrokken of gecorrigeerd.")
    return melding


def _intrekken(melding: Realisatiemelding, *, reden: str, door) -> None:
    melding.ingetrokken_op = timezone.now()
    melding.ingetrokken_door = door
    melding.intrekkingsreden = reden
    melding._history_user = door
    melding.save()


@transaction.atomic
def realisatie_intrekken(*, melding: Realisatiemelding, reden: str, door) -> Realisatiemelding:
    """Withdraw a wrong report, with a reason (its reporter's gemeente, the PRT or the
    ministry). It stays on record but no longer counts."""
    melding = _ingetrokken(melding=melding, reden=reden, door=door)
    notificaties.realisatie_gecorrigeerd(oud=melding, door=door)
    return melding


def _ingetrokken(*, melding: Realisatiemelding, reden: str, door) -> Realisatiemelding:
    """``realisatie_intrekken`` without its notices."""
    vereist(door, Handeling.REALISATIE_MELDEN)
    reden = _reden(reden, "reden", "Geef een reden voor de intrekking.")
    melding = _geldende_melding(melding, door)
    _intrekken(melding, reden=reden, door=door)
    return melding


@transaction.atomic
def realisatie_corrigeren(
    *,
    melding: Realisatiemelding,
    aantal: int,
    datum: dt.date,
    reden: str,
    door,
    bevestigd: bool = False,
    locatie=GELIJK,
    herkomst: dict | None = None,
) -> Realisatiemelding:
    """Correct a report: a new report that replaces it (who, when, why); the old one stays on
    record and no longer counts. It keeps the report's location unless ``locatie`` names
    another (or None: no location). ``herkomst``: as for ``realisatie_melden``."""
    oud, nieuw = _gecorrigeerd(
        melding=melding,
        aantal=aantal,
        datum=datum,
        reden=reden,
        door=door,
        bevestigd=bevestigd,
        locatie=locatie,
        herkomst=herkomst,
    )
    notificaties.realisatie_gecorrigeerd(oud=oud, nieuw=nieuw, door=door)
    return nieuw


def _gecorrigeerd(
    *,
    melding: Realisatiemelding,
    aantal: int,
    datum: dt.date,
    reden: str,
    door,
    bevestigd: bool = False,
    locatie=GELIJK,
    herkomst: dict | None = None,
) -> tuple[Realisatiemelding, Realisatiemelding]:
    """``realisatie_corrigeren`` without its notices: the old report and the new one."""
    vereist(door, Handeling.REALISATIE_MELDEN)
    reden = _reden(reden, "reden", "Geef een reden voor de correctie.")
    oud = _geldende_melding(melding, door)
    if locatie is GELIJK:
        locatie = oud.locatie
    aantal = _controleer(
        gemeente=oud.gemeente,
        cyclus=oud.cyclus,
        datum=datum,
        aantal=aantal,
        bevestigd=bevestigd,
        locatie=locatie,
        zonder=oud.pk,
    )
    _intrekken(oud, reden=f"Gecorrigeerd: {reden}", door=door)
    nieuw = Realisatiemelding(
        gemeente=oud.gemeente,
        cyclus=oud.cyclus,
        datum=datum,
        aantal=aantal,
        locatie=locatie,
        gemeld_door=door,
        opmerking=oud.opmerking,
        vervangt=oud,
        correctiereden=reden,
        **herkomst_van(herkomst),
    )
    nieuw._history_user = door
    nieuw.save()
    return oud, nieuw


@dataclass(frozen=True)
class Koppeling:
    """What tying reports without a location to ``locatie`` does: each report in
    ``meldingen`` with its number afterwards (None: withdrawn, wholly the location's places),
    and a report naming the location on ``datum``."""

    locatie: Opvanglocatie
    plekken: int
    meldingen: list[tuple[Realisatiemelding, int | None]]
    datum: dt.date

    @property
    def minder(self) -> int:
        """The places the figure loses: counted twice until now."""
        return sum(m.aantal - (na or 0) for m, na in self.meldingen)


def koppeling_voorstel(*, gemeente: Gemeente, cyclus: Wetscyclus, locatie) -> Koppeling:
    """What ``meldingen_aan_locatie_koppelen`` would do (see there); a ValidationError says
    why it cannot."""
    if locatie.gemeente_id != gemeente.pk:
        raise ValidationError({"locatie": [f"Deze locatie hoort niet bij {gemeente}."]})
    if Realisatiemelding.objects.filter(cyclus=cyclus, locatie=locatie).exists():
        raise ValidationError(
            {"locatie": [f"Een melding noemt {locatie.naam} al; de locatie telt één keer."]}
        )
    telt_op: dict[dt.date, bool] = {}

    def telt(datum: dt.date) -> bool:
        if datum not in telt_op:
            telt_op[datum] = locatie.pk in {
                loc.locatie_id for loc in locatie_gerealiseerd_op(datum, gemeente_ids={gemeente.pk})
            }
        return telt_op[datum]

    meldingen = [
        m
        for m in Realisatiemelding.objects.filter(
            cyclus=cyclus, gemeente=gemeente, locatie__isnull=True
        ).order_by("datum", "pk")
        if telt(m.datum)
    ]
    if not meldingen:
        raise ValidationError(
            {
                "locatie": [
                    f"{gemeente} heeft geen melding zonder locatie van een dag waarop "
                    f"{locatie.naam} volgens het register in gebruik en beschikbaar was."
                ]
            }
        )
    plekken = locatie.capaciteit_regulier + locatie.capaciteit_amv
    rest = plekken
    uit = []
    for melding in meldingen:
        if rest <= 0:
            break
        uit.append((melding, None if melding.aantal <= rest else melding.aantal - rest))
        rest -= melding.aantal
    return Koppeling(locatie=locatie, plekken=plekken, meldingen=uit, datum=meldingen[0].datum)


@transaction.atomic
def meldingen_aan_locatie_koppelen(
    *, gemeente: Gemeente, cyclus: Wetscyclus, locatie, reden: str, door, herkomst=None
) -> Realisatiemelding:
    """The gemeente's reports without a location were (partly) the places of ``locatie``, a
    location of the register that counts as realised and that no report names: they are
    lowered by its places, oldest first (a report wholly taken up is withdrawn, the one partly
    taken up is corrected to the rest), and a report names the location from the date of the
    first of them. The places then count once, through the location (ADR 0014). Only reports
    dated on a day the location counted as realised can be its places. Returns the report
    that names the location."""
    vereist(door, Handeling.REALISATIE_MELDEN, gemeente=gemeente)
    reden = _reden(reden, "reden", "Geef een reden voor het koppelen.")
    # one report per location: reports on the same location wait for each other here
    locatie = Opvanglocatie.objects.select_for_update().get(pk=locatie.pk)
    koppeling = koppeling_voorstel(gemeente=gemeente, cyclus=cyclus, locatie=locatie)
    waarom = f"De plekken zijn die van {locatie.naam}: {reden}"
    correcties = []
    for melding, na in koppeling.meldingen:
        if na is None:
            correcties.append((_ingetrokken(melding=melding, reden=waarom, door=door), None))
        else:
            correcties.append(
                _gecorrigeerd(
                    melding=melding,
                    aantal=na,
                    datum=melding.datum,
                    reden=waarom,
                    door=door,
                    bevestigd=True,  # lowered: never more than before
                    locatie=None,
                    herkomst=herkomst,
                )
            )
    gekoppeld = _gemeld(
        gemeente=gemeente,
        cyclus=cyclus,
        datum=koppeling.datum,
        aantal=None,
        locatie=locatie,
        door=door,
        opmerking=f"Gekoppeld: {reden}",
        herkomst=herkomst,
    )
    # the notices of the whole tie in one outbox row: each report withdrawn or corrected, and
    # the report naming the location (written by the worker after commit)
    notificaties.realisatie_gekoppeld(correcties=correcties, melding=gekoppeld, door=door)
    return gekoppeld
