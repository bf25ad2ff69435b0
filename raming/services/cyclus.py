"""Actions on the cycle, its milestones and the raming's inputs (invoerbesluit, beschikbaar)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.rechten import Handeling, vereist

from .. import notificaties
from ..berekening import nog_te_realiseren
from ..models import (
    Gemeente,
    GemeenteVerdeling,
    Herkomst,
    Invoerbesluit,
    MeerjarigBeschikbaar,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from ..regels import maanden_erbij, mijlpaal_regels
from .gedeeld import RamingFout, _niet_bevroren, _reden_verplicht

# ---------------------------------------------------------------------------- cycle + milestones


@transaction.atomic
def cyclus_aanmaken(*, door, jaar: int, omschrijving: str = "") -> Wetscyclus:
    """A new cycle with its milestones filled in from the rules (``raming.regels``)."""
    vereist(door, Handeling.CYCLUS_BEHEREN)
    if Wetscyclus.objects.filter(jaar=jaar).exists():
        raise RamingFout(f"Wetscyclus {jaar} bestaat al.")
    if jaar < 2024 or jaar > 2100:
        raise RamingFout("Een wetscyclus begint in 2024 of later.")
    if jaar % 2:
        raise RamingFout(
            {"jaar": "Een wetscyclus duurt twee jaar en begint in een even jaar (2024, 2026, …)."}
        )
    cyclus = Wetscyclus.objects.create(jaar=jaar, omschrijving=omschrijving)
    datums: dict[str, dt.date] = {}
    mijlpalen = []
    for regel in mijlpaal_regels():
        datum = regel.datum(jaar, datums)
        datums[regel.soort] = datum
        mijlpalen.append(
            Mijlpaal(
                cyclus=cyclus,
                soort=regel.soort,
                oorspronkelijke_datum=datum,
                datum=datum,
                grondslag=regel.grondslag,
            )
        )
    for m in mijlpalen:  # few rows; save() keeps the history trail
        m.save()
    return cyclus


@transaction.atomic
def mijlpaal_wijzigen(*, door, mijlpaal: Mijlpaal, datum: dt.date, reden: str) -> Mijlpaal:
    """Move a milestone; milestones derived from it (realisatie after verdeelbesluit) follow
    unless they were moved by hand themselves."""
    vereist(door, Handeling.CYCLUS_BEHEREN)
    reden = _reden_verplicht(reden, "het wijzigen van de mijlpaal")
    mijlpaal = Mijlpaal.objects.select_for_update().get(pk=mijlpaal.pk)
    oud = mijlpaal.datum
    mijlpaal.datum = datum
    mijlpaal.wijzigingsreden = reden
    mijlpaal.save()
    for regel in mijlpaal_regels():
        if regel.na != mijlpaal.soort:
            continue
        afgeleid = Mijlpaal.objects.filter(cyclus_id=mijlpaal.cyclus_id, soort=regel.soort).first()
        if afgeleid and not afgeleid.wijzigingsreden:
            afgeleid.datum = maanden_erbij(datum, regel.maanden)
            afgeleid.save()
    notificaties.mijlpaal_verplaatst(mijlpaal=mijlpaal, oud=oud, door=door)
    return mijlpaal


# ---------------------------------------------------------------------------- inputs


@transaction.atomic
def invoerbesluit_vastleggen(
    *,
    cyclus: Wetscyclus,
    soort: str,
    datum: dt.date,
    landelijk_aantal: int,
    amv_aantal: int,
    referentie: str = "",
    toelichting: str = "",
    door,
) -> Invoerbesluit:
    vereist(door, Handeling.RAMING_OPSTELLEN)
    if landelijk_aantal is None or landelijk_aantal <= 0:
        raise RamingFout({"landelijk_aantal": "Het landelijke aantal moet groter dan 0 zijn."})
    if amv_aantal is None or amv_aantal < 0 or amv_aantal > landelijk_aantal:
        raise RamingFout(
            {"amv_aantal": "Het aantal amv-plekken ligt tussen 0 en het landelijke aantal."}
        )
    if soort not in Invoerbesluit.Soort.values:
        raise RamingFout({"soort": "Onbekende soort invoerbesluit."})
    return Invoerbesluit.objects.create(
        cyclus=cyclus,
        soort=soort,
        datum=datum,
        referentie=referentie,
        landelijk_aantal=landelijk_aantal,
        amv_aantal=amv_aantal,
        toelichting=toelichting,
    )


@transaction.atomic
def meerjarig_beschikbaar_vastleggen(
    *,
    cyclus: Wetscyclus,
    aantal: int,
    peildatum: dt.date,
    gemeente: Gemeente | None = None,
    provincie: Provincie | None = None,
    bron: str = "",
    herkomst: str = Herkomst.VASTGELEGD,
    bron_peildatum: dt.date | None = None,
    bron_url: str = "",
    door,
) -> MeerjarigBeschikbaar:
    """Record (or replace) the places available for several years of one gemeente, or of one
    province when only the provincial figure is known, with where the figure comes from."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    if (gemeente is None) == (provincie is None):
        raise RamingFout("Kies een gemeente of een provincie (precies één van beide).")
    if aantal is None or aantal < 0:
        raise RamingFout({"aantal": "Het aantal kan niet negatief zijn."})
    sleutel = {"gemeente": gemeente} if gemeente else {"provincie": provincie}
    obj, _ = MeerjarigBeschikbaar.objects.update_or_create(
        cyclus=cyclus,
        **sleutel,
        defaults={
            "aantal": aantal,
            "peildatum": peildatum,
            "bron": bron,
            "herkomst": herkomst,
            "bron_peildatum": bron_peildatum,
            "bron_url": bron_url,
        },
    )
    return obj


@transaction.atomic
def meerjarig_beschikbaar_overnemen(
    *,
    cyclus: Wetscyclus,
    per_gemeente: dict[int, int],
    provincie_ids: set[int],
    peildatum: dt.date,
    bron: str,
    door,
) -> Raming | None:
    """Take over a computed meerjarig beschikbaar for whole provinces (from the location
    register): every gemeente of those provinces gets its figure (0 without one), with ``bron``
    naming the computation. A figure recorded for such a province as a whole is removed, since
    its gemeenten now carry the province's total (its history keeps it, and the computation
    keeps the value it replaced). The cycle's latest raming takes the new figures over when it
    is a concept (meerjarig beschikbaar and nog te realiseren; the distribution is unchanged);
    an adopted or published version keeps its figures until a tussentijdse wijziging.

    Returns the concept raming that was updated, or None."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    if any(a is None or a < 0 for a in per_gemeente.values()):
        raise RamingFout("Een aantal meerjarig beschikbare plekken kan niet negatief zijn.")
    gemeenten = dict(
        Gemeente.objects.filter(provincie_id__in=provincie_ids).values_list("pk", "provincie_id")
    )
    vreemd = set(per_gemeente) - set(gemeenten)
    if vreemd:
        raise RamingFout("Er zijn aantallen voor gemeenten buiten de gekozen provincies.")
    bron = bron[:200]
    for rij in MeerjarigBeschikbaar.objects.filter(cyclus=cyclus, provincie_id__in=provincie_ids):
        rij._change_reason = bron
        rij.delete()
    bestaand = {
        b.gemeente_id: b
        for b in MeerjarigBeschikbaar.objects.filter(cyclus=cyclus, gemeente_id__in=gemeenten)
    }
    gewijzigd, nieuw = [], []
    for gemeente_id in gemeenten:
        aantal = per_gemeente.get(gemeente_id, 0)
        rij = bestaand.get(gemeente_id)
        if rij is None:
            nieuw.append(
                MeerjarigBeschikbaar(
                    cyclus=cyclus,
                    gemeente_id=gemeente_id,
                    aantal=aantal,
                    peildatum=peildatum,
                    bron=bron,
                )
            )
        else:
            rij.aantal, rij.peildatum, rij.bron = aantal, peildatum, bron
            gewijzigd.append(rij)
    bulk_create_with_history(nieuw, MeerjarigBeschikbaar, default_user=door)
    bulk_update_with_history(
        gewijzigd,
        MeerjarigBeschikbaar,
        ["aantal", "peildatum", "bron"],
        default_user=door,
        default_change_reason=bron,
    )
    laatste = Raming.objects.filter(cyclus=cyclus).order_by("-versie").first()
    if laatste is None or laatste.is_bevroren or laatste.berekend_op is None:
        return None
    return _beschikbaar_in_verdeling(laatste)


def _beschikbaar_in_verdeling(raming: Raming) -> Raming:
    """Refresh a concept's stored meerjarig beschikbaar and nog te realiseren from the cycle's
    inputs (what :func:`raming_berekenen` stores), without computing the distribution again."""
    _niet_bevroren(raming)
    per_gemeente, per_provincie = beschikbaar_per_provincie(raming.cyclus)
    gemeenten = list(GemeenteVerdeling.objects.filter(raming=raming))
    for g in gemeenten:
        g.meerjarig_beschikbaar = per_gemeente.get(g.gemeente_id)
    GemeenteVerdeling.objects.bulk_update(gemeenten, ["meerjarig_beschikbaar"])
    provincies = list(ProvincieVerdeling.objects.filter(raming=raming).select_related("provincie"))
    for p in provincies:
        p.meerjarig_beschikbaar = per_provincie.get(p.provincie.code)
        p.nog_te_realiseren = nog_te_realiseren(p.opgave, p.meerjarig_beschikbaar)
    ProvincieVerdeling.objects.bulk_update(
        provincies, ["meerjarig_beschikbaar", "nog_te_realiseren"]
    )
    return raming


def beschikbaar_per_provincie(cyclus: Wetscyclus) -> tuple[dict[int, int], dict[str, int]]:
    """(gemeente id → available, province code → available incl. its gemeenten); one query."""
    per_gemeente: dict[int, int] = {}
    per_provincie: dict[str, int] = {}
    for gemeente_id, gem_prov, prov_code, aantal in MeerjarigBeschikbaar.objects.filter(
        cyclus=cyclus
    ).values_list("gemeente_id", "gemeente__provincie__code", "provincie__code", "aantal"):
        code = gem_prov or prov_code
        per_provincie[code] = per_provincie.get(code, 0) + aantal
        if gemeente_id is not None:
            per_gemeente[gemeente_id] = aantal
    return per_gemeente, per_provincie
