"""Computing meerjarig beschikbaar from the register: the dry run, the act, and the reads.

- :func:`beschikbaar_voorbeeld` (dry run): the rule (``locaties.berekening``) over the register
  as it stood on the peildatum, with its consequences per province (old → new). Nothing is
  stored.
- :func:`beschikbaar_vastleggen` (the act, ministry only): the same computation, stored as a
  ``Beschikbaarheidsberekening`` with a line per location, and written as the raming's input
  (``raming.services.meerjarig_beschikbaar_overnemen``). Given the fingerprint of the dry run it
  refuses when the register or the inputs changed in between, so what was confirmed is what is
  recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Gemeente, MeerjarigBeschikbaar, Provincie, Raming, Wetscyclus
from raming.services import meerjarig_beschikbaar_overnemen

from .berekening import BerekeningFout, LocatieFeit, Uitkomst, bereken, fase_op
from .models import (
    BerekendeLocatie,
    BerekendeProvincie,
    Beschikbaarheidsberekening,
    Fasewijziging,
    Opvanglocatie,
)


class BeschikbaarFout(ValidationError):
    """The computation cannot be made or recorded as asked; the message says why, in Dutch."""


class VingerafdrukFout(BeschikbaarFout):
    """What was confirmed (the dry run's fingerprint) is no longer what would be recorded."""


def standaard_peildatum(cyclus: Wetscyclus) -> dt.date:
    """1 February of the cycle year (the letter of 5-2-2026: peildatum 1-2-2026)."""
    return dt.date(cyclus.jaar, 2, 1)


def standaard_horizon(cyclus: Wetscyclus) -> dt.date:
    """31 December two years after the cycle year (2026 → 31-12-2028, the letter's date)."""
    return dt.date(cyclus.jaar + 2, 12, 31)


def provincies_met_locaties() -> list[int]:
    return sorted(Opvanglocatie.objects.values_list("gemeente__provincie_id", flat=True).distinct())


def _register(peildatum: dt.date, provincie_ids: set[int]) -> tuple[list[LocatieFeit], dict]:
    """The register's locations of these provinces as they stood on the peildatum (the phase
    from the phase changes), and per location id its facts for the stored line. 2 queries."""
    rijen = list(
        Opvanglocatie.objects.filter(gemeente__provincie_id__in=provincie_ids)
        .order_by("pk")
        .values(
            "pk",
            "naam",
            "gemeente_id",
            "gemeente__naam",
            "gemeente__provincie_id",
            "fase",
            "capaciteit_regulier",
            "capaciteit_amv",
            "overeenkomst_gesloten_op",
            "beschikbaar_vanaf",
            "beschikbaar_tot",
            "coa_bevestigd_op",
        )
    )
    wijzigingen: dict[int, list] = defaultdict(list)
    for locatie_id, datum, van, naar in Fasewijziging.objects.filter(
        locatie__gemeente__provincie_id__in=provincie_ids
    ).values_list("locatie_id", "datum", "van_fase", "naar_fase"):
        wijzigingen[locatie_id].append((datum, van, naar))
    feiten = []
    for r in rijen:
        feiten.append(
            LocatieFeit(
                id=r["pk"],
                gemeente_id=r["gemeente_id"],
                provincie_id=r["gemeente__provincie_id"],
                fase=fase_op(peildatum, huidige_fase=r["fase"], wijzigingen=wijzigingen[r["pk"]]),
                capaciteit_regulier=r["capaciteit_regulier"],
                capaciteit_amv=r["capaciteit_amv"],
                overeenkomst_gesloten_op=r["overeenkomst_gesloten_op"],
                beschikbaar_vanaf=r["beschikbaar_vanaf"],
                beschikbaar_tot=r["beschikbaar_tot"],
            )
        )
    return feiten, {r["pk"]: r for r in rijen}


#: Unconfirmed locations count (ADR 0014); their line says so.
ONBEVESTIGD_TEKST = "telt mee, maar COA had capaciteit en fase nog niet bevestigd"


def _toelichting(oordeel, feit: dict) -> str:
    if feit["coa_bevestigd_op"] is None:
        extra = ONBEVESTIGD_TEKST if oordeel.telt else "niet door COA bevestigd"
        return f"{oordeel.toelichting}; {extra}"
    return oordeel.toelichting


@dataclass(frozen=True)
class ProvincieGevolg:
    provincie: Provincie
    oud: int | None  # None: not recorded before
    nieuw: int
    oude_bron: str
    locaties_tellen: int
    locaties_tellen_niet: int

    @property
    def verschil(self) -> int | None:
        return None if self.oud is None else self.nieuw - self.oud


@dataclass(frozen=True)
class Voorbeeld:
    cyclus: Wetscyclus
    peildatum: dt.date
    horizon: dt.date
    marge: Decimal
    provincies: list[ProvincieGevolg]
    uitkomst: Uitkomst
    feiten: dict  # locatie id → its register row
    fasen: dict  # locatie id → its phase on the peildatum (None: not registered yet)
    concept: Raming | None  # the concept raming that takes the figures over
    bevroren: Raming | None  # the adopted/published latest version that keeps its figures
    onbevestigd_geteld: int  # places counted at locations COA has not confirmed
    vingerafdruk: str

    @property
    def totaal(self) -> int:
        return self.uitkomst.totaal

    @property
    def oud_totaal(self) -> int | None:
        oud = [p.oud for p in self.provincies]
        return None if any(o is None for o in oud) else sum(oud)


def _controleer(cyclus, peildatum, horizon, marge, provincie_ids) -> Decimal:
    fouten = {}
    if peildatum is None:
        fouten["peildatum"] = "Vul de peildatum in."
    if horizon is None:
        fouten["horizon"] = "Vul de horizondatum in."
    if peildatum and horizon and horizon < peildatum:
        fouten["horizon"] = "De horizondatum ligt niet vóór de peildatum."
    if marge is None:
        fouten["marge"] = "Vul de onzekerheidsmarge in (0 tot en met 100 procent)."
    else:
        try:
            marge = Decimal(marge)
            if not marge.is_finite() or not (0 <= marge <= 100):
                raise ValueError
            if marge != marge.quantize(Decimal("0.01")):
                fouten["marge"] = "De marge heeft ten hoogste twee decimalen."
        except (ValueError, ArithmeticError):
            fouten["marge"] = "De marge is een percentage van 0 tot en met 100."
    if not provincie_ids:
        fouten["provincies"] = "Kies ten minste één provincie."
    if fouten:
        raise BeschikbaarFout(fouten)
    return marge


def beschikbaar_voorbeeld(
    *,
    door,
    cyclus: Wetscyclus,
    peildatum: dt.date,
    horizon: dt.date,
    marge: Decimal,
    provincie_ids: set[int],
) -> Voorbeeld:
    """The dry run: what the computation gives and what it would change. Stores nothing."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    marge = _controleer(cyclus, peildatum, horizon, marge, provincie_ids)
    provincies = {p.pk: p for p in Provincie.objects.filter(pk__in=provincie_ids)}
    if len(provincies) != len(set(provincie_ids)):
        raise BeschikbaarFout({"provincies": "Onbekende provincie gekozen."})
    feiten, rijen = _register(peildatum, set(provincies))
    gemeenten = Gemeente.objects.filter(provincie_id__in=provincies).values_list(
        "pk", "provincie_id"
    )
    try:
        uitkomst = bereken(
            feiten, peildatum=peildatum, horizon=horizon, marge=marge, gemeenten=gemeenten
        )
    except BerekeningFout as fout:
        raise BeschikbaarFout(str(fout)) from fout

    oud: dict[int, int] = {}
    bronnen: dict[int, set[str]] = defaultdict(set)
    for gem_prov, prov, aantal, bron in MeerjarigBeschikbaar.objects.filter(
        cyclus=cyclus
    ).values_list("gemeente__provincie_id", "provincie_id", "aantal", "bron"):
        pid = gem_prov or prov
        if pid in provincies:
            oud[pid] = oud.get(pid, 0) + aantal
            if bron:
                bronnen[pid].add(bron)
    tellen: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    onbevestigd = 0
    for o in uitkomst.oordelen:
        tellen[o.provincie_id][0 if o.telt else 1] += 1
        if o.telt and rijen[o.locatie_id]["coa_bevestigd_op"] is None:
            onbevestigd += o.geteld
    gevolgen = [
        ProvincieGevolg(
            provincie=p,
            oud=oud.get(pid),
            nieuw=uitkomst.per_provincie.get(pid, 0),
            oude_bron="; ".join(sorted(bronnen[pid]))[:400],
            locaties_tellen=tellen[pid][0],
            locaties_tellen_niet=tellen[pid][1],
        )
        for pid, p in sorted(provincies.items(), key=lambda kv: kv[1].naam)
    ]
    laatste = Raming.objects.filter(cyclus=cyclus).order_by("-versie").first()
    concept = bevroren = None
    if laatste is not None and laatste.is_bevroren:
        bevroren = laatste
    elif laatste is not None and laatste.berekend_op is not None:
        concept = laatste
    return Voorbeeld(
        cyclus=cyclus,
        peildatum=peildatum,
        horizon=horizon,
        marge=marge,
        provincies=gevolgen,
        uitkomst=uitkomst,
        feiten=rijen,
        fasen={f.id: f.fase for f in feiten},
        concept=concept,
        bevroren=bevroren,
        onbevestigd_geteld=onbevestigd,
        vingerafdruk=_vingerafdruk(cyclus, peildatum, horizon, marge, uitkomst, gevolgen),
    )


def _vingerafdruk(cyclus, peildatum, horizon, marge, uitkomst, gevolgen) -> str:
    delen = [str(cyclus.pk), peildatum.isoformat(), horizon.isoformat(), f"{marge:.2f}"]
    delen += [f"{o.locatie_id}:{o.geteld}:{','.join(o.redenen)}" for o in uitkomst.oordelen]
    delen += [f"{g.provincie.pk}:{g.oud}" for g in gevolgen]
    return hashlib.sha256("|".join(delen).encode()).hexdigest()[:32]


@transaction.atomic
def beschikbaar_vastleggen(
    *,
    door,
    cyclus: Wetscyclus,
    peildatum: dt.date,
    horizon: dt.date,
    marge: Decimal,
    provincie_ids: set[int],
    vingerafdruk: str | None = None,
    toelichting: str = "",
) -> Beschikbaarheidsberekening:
    """Compute, store and take over meerjarig beschikbaar for these provinces (an act of the
    ministry). With ``vingerafdruk`` (from the confirmation page or the API dry run) it
    refuses when the outcome or the figures it replaces differ from what was confirmed."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    voorbeeld = beschikbaar_voorbeeld(
        door=door,
        cyclus=cyclus,
        peildatum=peildatum,
        horizon=horizon,
        marge=marge,
        provincie_ids=provincie_ids,
    )
    if vingerafdruk and vingerafdruk != voorbeeld.vingerafdruk:
        raise VingerafdrukFout(
            "Het register of het vastgelegde meerjarig beschikbaar is gewijzigd sinds u de "
            "gevolgen bekeek; bekijk ze opnieuw voordat u vastlegt."
        )
    vorige = Beschikbaarheidsberekening.objects.filter(cyclus=cyclus).first()
    berekening = Beschikbaarheidsberekening.objects.create(
        cyclus=cyclus,
        peildatum=peildatum,
        horizon=horizon,
        marge=voorbeeld.marge,
        totaal=voorbeeld.totaal,
        toelichting=toelichting,
        vervangt=vorige,
        berekend_op=timezone.now(),
        berekend_door=door,
    )
    berekening.provincies.set([g.provincie for g in voorbeeld.provincies])
    BerekendeProvincie.objects.bulk_create(
        BerekendeProvincie(
            berekening=berekening,
            provincie=g.provincie,
            aantal=g.nieuw,
            vorig_aantal=g.oud,
            vorige_bron=g.oude_bron,
        )
        for g in voorbeeld.provincies
    )
    BerekendeLocatie.objects.bulk_create(
        BerekendeLocatie(
            berekening=berekening,
            locatie_id=o.locatie_id,
            gemeente_id=o.gemeente_id,
            naam=voorbeeld.feiten[o.locatie_id]["naam"],
            fase=voorbeeld.fasen[o.locatie_id] or "",
            capaciteit_regulier=voorbeeld.feiten[o.locatie_id]["capaciteit_regulier"],
            capaciteit_amv=voorbeeld.feiten[o.locatie_id]["capaciteit_amv"],
            overeenkomst_gesloten_op=voorbeeld.feiten[o.locatie_id]["overeenkomst_gesloten_op"],
            beschikbaar_vanaf=voorbeeld.feiten[o.locatie_id]["beschikbaar_vanaf"],
            beschikbaar_tot=voorbeeld.feiten[o.locatie_id]["beschikbaar_tot"],
            coa_bevestigd=voorbeeld.feiten[o.locatie_id]["coa_bevestigd_op"] is not None,
            geteld=o.geteld,
            telt=o.telt,
            reden=o.reden.value,
            toelichting=_toelichting(o, voorbeeld.feiten[o.locatie_id])[:500],
        )
        for o in voorbeeld.uitkomst.oordelen
    )
    meerjarig_beschikbaar_overnemen(
        cyclus=cyclus,
        per_gemeente=voorbeeld.uitkomst.per_gemeente,
        provincie_ids={g.provincie.pk for g in voorbeeld.provincies},
        peildatum=peildatum,
        bron=berekening.bron,
        door=door,
    )
    return berekening
