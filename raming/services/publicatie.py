"""Adopting, publishing, postponing and amending a raming, and a late publication."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist

from .. import notificaties, signalen
from ..berekening import nog_te_realiseren
from ..models import (
    GemeenteVerdeling,
    Herkomst,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from ..regels import maanden_erbij
from .cyclus import beschikbaar_per_provincie
from .gedeeld import RamingFout, S, _overgang, _reden_verplicht, _vergrendel
from .raming import vaststellen_belemmeringen


@transaction.atomic
def raming_vaststellen(*, raming: Raming, door) -> Raming:
    """concept/uitgesteld → vastgesteld. Refused while inputs or figures are missing."""
    vereist(door, Handeling.RAMING_VASTSTELLEN)
    raming = _vergrendel(raming)
    _overgang(raming, S.VASTGESTELD)
    problemen = vaststellen_belemmeringen(raming)
    if problemen:
        raise RamingFout(f"Vaststellen kan niet: {'; '.join(problemen)}.")
    raming.status = S.VASTGESTELD
    raming.vastgesteld_op = timezone.now()
    raming.vastgesteld_door = door
    raming.save()
    # it counts for the cycle from now on: every PRT and gemeente is told its number
    notificaties.raming_vastgesteld(raming=raming)
    return raming


@transaction.atomic
def raming_publiceren(
    *, raming: Raming, staatscourant_referentie: str, gepubliceerd_op: dt.date, door
) -> Raming:
    """vastgesteld → gepubliceerd, with the Staatscourant reference and publication date."""
    vereist(door, Handeling.RAMING_PUBLICEREN)
    raming = _vergrendel(raming)
    _overgang(raming, S.GEPUBLICEERD)
    if Raming.objects.filter(cyclus_id=raming.cyclus_id, versie__gt=raming.versie).exists():
        raise RamingFout(
            f"Er is al een nieuwere versie dan versie {raming.versie}; publiceer die versie."
        )
    fouten = {}
    if not (staatscourant_referentie or "").strip():
        fouten["staatscourant_referentie"] = "Vul de Staatscourant-referentie in."
    if gepubliceerd_op is None:
        fouten["gepubliceerd_op"] = "Vul de publicatiedatum in."
    elif gepubliceerd_op > timezone.localdate():
        fouten["gepubliceerd_op"] = "De publicatiedatum kan niet in de toekomst liggen."
    elif raming.vastgesteld_op and gepubliceerd_op < timezone.localdate(raming.vastgesteld_op):
        fouten["gepubliceerd_op"] = (
            "De publicatiedatum kan niet vóór de vaststelling "
            f"({timezone.localdate(raming.vastgesteld_op):%d-%m-%Y}) liggen."
        )
    if fouten:
        raise RamingFout(fouten)
    raming.status = S.GEPUBLICEERD
    raming.staatscourant_referentie = staatscourant_referentie.strip()
    raming.gepubliceerd_op = gepubliceerd_op
    raming.save()
    _publicatie_gewijzigd(raming)
    return raming


@transaction.atomic
def raming_uitstellen(
    *, raming: Raming, reden: str, kamerbrief: str, uitgesteld_op: dt.date, door
) -> Raming:
    """Record that publication is postponed (concept → uitgesteld), with the Kamerbrief."""
    vereist(door, Handeling.RAMING_PUBLICEREN)
    raming = _vergrendel(raming)
    _overgang(raming, S.UITGESTELD)
    fouten = {}
    if not (reden or "").strip():
        fouten["uitstel_reden"] = "Geef de reden van het uitstel."
    if not (kamerbrief or "").strip():
        fouten["uitstel_kamerbrief"] = "Vul de referentie van de Kamerbrief in."
    if uitgesteld_op is None:
        fouten["uitgesteld_op"] = "Vul de datum van het uitstel in."
    if fouten:
        raise RamingFout(fouten)
    raming.status = S.UITGESTELD
    raming.uitstel_reden = reden.strip()
    raming.uitstel_kamerbrief = kamerbrief.strip()
    raming.uitgesteld_op = uitgesteld_op
    raming.save()
    notificaties.raming_uitgesteld(raming=raming, door=door)
    return raming


@transaction.atomic
def publicatie_registreren(
    *,
    raming: Raming,
    staatscourant_referentie: str,
    gepubliceerd_op: dt.date,
    toelichting: str,
    door,
) -> Raming:
    """Record a publication that took place outside Regietafel, as it was published.

    The raming becomes ``historisch``: the app keeps what was published even where it cannot
    recompute it (e.g. a distribution computed here without SES-WOA because the scores are not
    loaded). The normal route, :func:`raming_vaststellen`, refuses such a raming.
    """
    vereist(door, Handeling.RAMING_PUBLICEREN)
    raming = _vergrendel(raming)
    if raming.is_bevroren:
        raise RamingFout("Deze raming is al vastgesteld of gepubliceerd.")
    toelichting = _reden_verplicht(toelichting, "de registratie van een externe publicatie")
    if not ProvincieVerdeling.objects.filter(raming=raming).exists():
        raise RamingFout("Registreren kan niet: er zijn geen provinciale opgaven vastgelegd.")
    if not (staatscourant_referentie or "").strip() or gepubliceerd_op is None:
        raise RamingFout("Vul de Staatscourant-referentie en de publicatiedatum in.")
    if gepubliceerd_op > timezone.localdate():
        raise RamingFout({"gepubliceerd_op": "De publicatiedatum kan niet in de toekomst liggen."})
    raming.historisch = True
    raming.status = S.GEPUBLICEERD
    raming.vastgesteld_op = timezone.now()
    raming.vastgesteld_door = door
    raming.staatscourant_referentie = staatscourant_referentie.strip()
    raming.gepubliceerd_op = gepubliceerd_op
    raming.wijzigingsreden = raming.wijzigingsreden or toelichting
    raming.save()
    _publicatie_gewijzigd(raming)
    return raming


@transaction.atomic
def historische_raming_vastleggen(
    *,
    cyclus: Wetscyclus,
    landelijk_aantal: int,
    amv_aantal: int,
    opgaven: dict[str, int],
    gepubliceerd_op: dt.date,
    staatscourant_referentie: str,
    toelichting: str,
    door,
    afrondingsmethode: str = Raming.Afronding.PER_GEMEENTE,
    amv_per_provincie: dict[str, int] | None = None,
    bron_url: str = "",
) -> Raming:
    """Record a raming published before Regietafel, with only its provincial opgaven
    (province code → opgave). What was not published per province (amv, meerjarig
    beschikbaar, so also nog te realiseren) stays unknown (None), never 0."""
    vereist(door, Handeling.RAMING_PUBLICEREN)
    if Raming.objects.filter(cyclus=cyclus).exists():
        raise RamingFout(f"Wetscyclus {cyclus.jaar} heeft al een raming.")
    provincies = dict(Provincie.objects.values_list("code", "pk"))
    onbekend = sorted(set(opgaven) - set(provincies))
    if onbekend:
        raise RamingFout(f"Onbekende provinciecode(s): {', '.join(onbekend)}.")
    raming = Raming.objects.create(
        cyclus=cyclus,
        versie=1,
        landelijk_aantal=landelijk_aantal,
        amv_aantal=amv_aantal,
        afrondingsmethode=afrondingsmethode,
        historisch=True,
        wijzigingsreden=toelichting,
    )
    _, per_provincie = beschikbaar_per_provincie(cyclus)
    ProvincieVerdeling.objects.bulk_create(
        ProvincieVerdeling(
            raming=raming,
            provincie_id=provincies[code],
            opgave=opgave,
            amv=(amv_per_provincie or {}).get(code),
            meerjarig_beschikbaar=per_provincie.get(code),
            nog_te_realiseren=nog_te_realiseren(opgave, per_provincie.get(code)),
            herkomst=Herkomst.VASTGELEGD,
            bron=f"Capaciteitsraming {cyclus.jaar}, {staatscourant_referentie}",
            bron_peildatum=gepubliceerd_op,
            bron_url=bron_url,
        )
        for code, opgave in sorted(opgaven.items())
    )
    return publicatie_registreren(
        raming=raming,
        staatscourant_referentie=staatscourant_referentie,
        gepubliceerd_op=gepubliceerd_op,
        toelichting=toelichting,
        door=door,
    )


@transaction.atomic
def tussentijdse_wijziging(*, door, raming: Raming, reden: str) -> Raming:
    """Start a new version (concept) of an adopted or published raming (art. 2 lid 2). The
    inputs and the distribution are copied; change inputs and compute again on the new
    version. The old version stays as it was."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    reden = _reden_verplicht(reden, "de tussentijdse wijziging")
    raming = _vergrendel(raming)
    if not raming.is_bevroren:
        raise RamingFout(
            "Alleen een vastgestelde of gepubliceerde raming kan tussentijds worden gewijzigd; "
            "een concept wijzigt u direct."
        )
    laatste = Raming.objects.filter(cyclus_id=raming.cyclus_id).order_by("-versie").first()
    if laatste.pk != raming.pk:
        raise RamingFout(
            f"Er is al een nieuwere versie (versie {laatste.versie}); wijzig die versie."
        )
    nieuw = Raming.objects.create(
        cyclus_id=raming.cyclus_id,
        versie=raming.versie + 1,
        vorige_versie=raming,
        wijzigingsreden=reden,
        invoerbesluit_id=raming.invoerbesluit_id,
        landelijk_aantal=raming.landelijk_aantal,
        amv_aantal=raming.amv_aantal,
        peildatum_inwoners=raming.peildatum_inwoners,
        ses_jaar=raming.ses_jaar,
        afrondingsmethode=raming.afrondingsmethode,
        zonder_ses=raming.zonder_ses,
        berekend_op=raming.berekend_op,
    )
    GemeenteVerdeling.objects.bulk_create(
        GemeenteVerdeling(
            raming=nieuw,
            gemeente_id=g.gemeente_id,
            inwoners=g.inwoners,
            ses_woa=g.ses_woa,
            gewicht=g.gewicht,
            exact=g.exact,
            aantal=g.aantal,
            amv=g.amv,
            meerjarig_beschikbaar=g.meerjarig_beschikbaar,
        )
        for g in GemeenteVerdeling.objects.filter(raming=raming)
    )
    ProvincieVerdeling.objects.bulk_create(
        ProvincieVerdeling(
            raming=nieuw,
            provincie_id=p.provincie_id,
            opgave=p.opgave,
            amv=p.amv,
            meerjarig_beschikbaar=p.meerjarig_beschikbaar,
            nog_te_realiseren=p.nog_te_realiseren,
            herkomst=p.herkomst,
            bron=p.bron,
            bron_peildatum=p.bron_peildatum,
            bron_url=p.bron_url,
        )
        for p in ProvincieVerdeling.objects.filter(raming=raming)
    )
    return nieuw


# ---------------------------------------------------------------------------- late publication


@dataclass(frozen=True)
class Vertraging:
    termijn: dt.date  # the raming milestone: publish before this date
    gepubliceerd_op: dt.date
    dagen_te_laat: int
    maanden: int  # whole months the verslag deadline moves
    verslag_termijn: dt.date | None
    voorgestelde_datum: dt.date | None
    voorgestelde_reden: str


def publicatie_vertraging(
    cyclus: Wetscyclus, *, ramingen: list[Raming] | None = None, mijlpalen=None
) -> Vertraging | None:
    """How late the cycle's raming was published, and the proposed cycle-wide extension of the
    verslag deadline by the same whole number of months; None when published in time (or not
    yet). ``ramingen`` and ``mijlpalen``: the cycle's ramingen and milestones if already read
    (saves two queries). Whether the extension was granted is regietafels' business
    (``regietafels.verlengingen``)."""
    if ramingen is None:
        gepubliceerd = (
            Raming.objects.filter(cyclus=cyclus, status=S.GEPUBLICEERD)
            .exclude(gepubliceerd_op=None)
            .order_by("versie")
            .first()
        )
    else:
        gepubliceerd = min(
            (r for r in ramingen if r.status == S.GEPUBLICEERD and r.gepubliceerd_op is not None),
            key=lambda r: r.versie,
            default=None,
        )
    if mijlpalen is None:
        mijlpalen = Mijlpaal.objects.filter(cyclus=cyclus)
    mijlpalen = {m.soort: m for m in mijlpalen}
    raming_mijlpaal = mijlpalen.get(Mijlpaal.Soort.RAMING)
    if gepubliceerd is None or raming_mijlpaal is None:
        return None
    termijn, datum = raming_mijlpaal.datum, gepubliceerd.gepubliceerd_op
    if datum < termijn:
        return None
    # "vóór 1 februari": the last day in time is the day before the milestone date.
    dagen = (datum - termijn).days + 1
    maanden = 1
    while maanden_erbij(termijn, maanden) <= datum:
        maanden += 1
    verslag = mijlpalen.get(Mijlpaal.Soort.VERSLAG)
    voorstel = maanden_erbij(verslag.datum, maanden) if verslag else None
    woord = "maand" if maanden == 1 else "maanden"
    reden = (
        f"De capaciteitsraming {cyclus.jaar} is op {datum:%d-%m-%Y} gepubliceerd, {dagen} "
        f"dag(en) na de termijn (vóór {termijn:%d-%m-%Y}). Alle provinciale regietafels krijgen "
        f"daarom {maanden} {woord} extra voor hun verslag."
    )
    return Vertraging(
        termijn=termijn,
        gepubliceerd_op=datum,
        dagen_te_laat=dagen,
        maanden=maanden,
        verslag_termijn=verslag.datum if verslag else None,
        voorgestelde_datum=voorstel,
        voorgestelde_reden=reden,
    )


def _publicatie_gewijzigd(raming: Raming) -> None:
    # every PRT and gemeente is told its new number and the difference, with the publication
    notificaties.raming_gepubliceerd(raming=raming)
    signalen.raming_gepubliceerd.send(sender=Raming, raming=raming)
