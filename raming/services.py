"""Actions on cycles and ramingen. Every write of the raming goes through here.

Refusals raise :class:`RamingFout` (a Django ``ValidationError``) with a Dutch message that names
what is missing, so pages show it on the form and the API answers 400 in its one error shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.rechten import Handeling, vereist

from . import notificaties, signalen
from .berekening import (
    indeling_van,
    invoer_uit_database,
    nog_te_realiseren,
    ontbrekende_gemeenten,
)
from .models import (
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
from .regels import maanden_erbij, mijlpaal_regels
from .verdeelsleutel import VerdeelsleutelFout, bereken_verdeling


class RamingFout(ValidationError):
    """An action on the raming that is not allowed now; the message says why, in Dutch."""


S = Raming.Status

# Which status may follow which. Adopting (vastgesteld) freezes the numbers.
OVERGANGEN: dict[str, frozenset[str]] = {
    S.CONCEPT: frozenset({S.VASTGESTELD, S.UITGESTELD}),
    S.UITGESTELD: frozenset({S.VASTGESTELD}),
    S.VASTGESTELD: frozenset({S.GEPUBLICEERD}),
    S.GEPUBLICEERD: frozenset(),
}


def _decimaal(waarde: Fraction, plaatsen: int) -> Decimal:
    """``waarde`` rounded half up to ``plaatsen`` decimals, in integer arithmetic (fast)."""
    schaal = 10**plaatsen
    geheel = (2 * waarde.numerator * schaal + waarde.denominator) // (2 * waarde.denominator)
    return Decimal(geheel).scaleb(-plaatsen)


def _namen(namen: list[str], max_aantal: int = 10) -> str:
    if len(namen) <= max_aantal:
        return ", ".join(namen)
    return f"{', '.join(namen[:max_aantal])} en {len(namen) - max_aantal} andere"


def _reden_verplicht(reden: str, wat: str) -> str:
    if not reden or not reden.strip():
        raise RamingFout(f"Geef een reden voor {wat}.")
    return reden.strip()


def _overgang(raming: Raming, naar: str) -> None:
    if naar not in OVERGANGEN[raming.status]:
        raise RamingFout(
            f"Een raming met status ‘{raming.get_status_display()}’ kan niet naar "
            f"‘{S(naar).label}’."
        )


def _vergrendel(raming: Raming) -> Raming:
    return Raming.objects.select_for_update().select_related("cyclus").get(pk=raming.pk)


def _niet_bevroren(raming: Raming) -> None:
    if raming.is_bevroren:
        raise RamingFout(
            f"Versie {raming.versie} is {raming.get_status_display().lower()} en daarmee "
            "bevroren; wijzigen kan alleen met een tussentijdse wijziging (nieuwe versie)."
        )


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


# ---------------------------------------------------------------------------- the raming


@transaction.atomic
def raming_aanmaken(
    *,
    cyclus: Wetscyclus,
    invoerbesluit: Invoerbesluit | None = None,
    peildatum_inwoners: dt.date | None = None,
    ses_jaar: int | None = None,
    afrondingsmethode: str = Raming.Afronding.PER_GEMEENTE,
    zonder_ses: bool = False,
    door,
) -> Raming:
    """The first (concept) version of a cycle's raming. Later versions come from
    :func:`tussentijdse_wijziging`."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)
    if Raming.objects.filter(cyclus=cyclus).exists():
        raise RamingFout(
            f"Wetscyclus {cyclus.jaar} heeft al een raming; wijzig die, of maak na vaststelling "
            "een tussentijdse wijziging."
        )
    if invoerbesluit is not None and invoerbesluit.cyclus_id != cyclus.pk:
        raise RamingFout({"invoerbesluit": "Dit invoerbesluit hoort bij een andere cyclus."})
    return Raming.objects.create(
        cyclus=cyclus,
        versie=1,
        invoerbesluit=invoerbesluit,
        landelijk_aantal=invoerbesluit.landelijk_aantal if invoerbesluit else None,
        amv_aantal=invoerbesluit.amv_aantal if invoerbesluit else None,
        peildatum_inwoners=peildatum_inwoners or dt.date(cyclus.jaar - 1, 1, 1),
        ses_jaar=None if zonder_ses else ses_jaar,
        afrondingsmethode=afrondingsmethode,
        zonder_ses=zonder_ses,
    )


@transaction.atomic
def raming_invoer_wijzigen(
    *,
    raming: Raming,
    invoerbesluit: Invoerbesluit | None = None,
    peildatum_inwoners: dt.date | None = None,
    ses_jaar: int | None = None,
    afrondingsmethode: str | None = None,
    zonder_ses: bool | None = None,
    door,
) -> Raming:
    """Change the inputs of a concept raming; the stored distribution is then out of date and
    is removed (compute again)."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    raming = _vergrendel(raming)
    _niet_bevroren(raming)
    if raming.historisch:
        raise RamingFout("Een historische registratie wordt niet opnieuw berekend.")
    if invoerbesluit is not None:
        if invoerbesluit.cyclus_id != raming.cyclus_id:
            raise RamingFout({"invoerbesluit": "Dit invoerbesluit hoort bij een andere cyclus."})
        raming.invoerbesluit = invoerbesluit
        raming.landelijk_aantal = invoerbesluit.landelijk_aantal
        raming.amv_aantal = invoerbesluit.amv_aantal
    if peildatum_inwoners is not None:
        raming.peildatum_inwoners = peildatum_inwoners
    if zonder_ses is not None:
        raming.zonder_ses = zonder_ses
    if ses_jaar is not None or zonder_ses:
        raming.ses_jaar = None if raming.zonder_ses else ses_jaar
    if afrondingsmethode is not None:
        raming.afrondingsmethode = afrondingsmethode
    raming.berekend_op = None
    # an exception was recorded for the gemeenten lacking the old inputs
    raming.uitzondering_reden = ""
    raming.uitzondering_gemeenten = []
    raming.uitzondering_door = None
    raming.uitzondering_op = None
    raming.save()
    _verdeling_wissen(raming)
    return raming


def _verdeling_wissen(raming: Raming) -> None:
    """Remove the computed rows of a concept raming: one DELETE per table, whatever the number
    of gemeenten (the ORM's delete() would first fetch every row when any delete signal is
    connected). These rows carry no audit trail of their own; the raming's history records
    when it was computed."""
    with connection.cursor() as cursor:
        for model in (GemeenteVerdeling, ProvincieVerdeling):
            cursor.execute(
                # the table name comes from the model, never from input
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
                "WHERE raming_id = %s",
                [raming.pk],
            )


def _ontbrekende_invoer(raming: Raming, *, voor_vaststellen: bool) -> list[str]:
    ontbreekt = []
    if not raming.landelijk_aantal:
        ontbreekt.append("het landelijke aantal (MPP/capaciteitsbesluit)")
    if raming.amv_aantal is None:
        ontbreekt.append("het aantal amv-plekken")
    if raming.peildatum_inwoners is None:
        ontbreekt.append("de peildatum van het inwonertal")
    if raming.ses_jaar is None and (voor_vaststellen or not raming.zonder_ses):
        ontbreekt.append("het SES-WOA-jaar")
    return ontbreekt


@transaction.atomic
def raming_berekenen(
    *, door, raming: Raming, herkomst: str = Herkomst.BEREKEND, bron: str = ""
) -> Raming:
    """Compute the distribution with the verdeelsleutel and store it (bulk; a fixed number of
    queries whatever the number of gemeenten). The provincial figures are ``herkomst``
    (computed by Regietafel; the demo marks its own as illustrative) with ``bron`` (default:
    the inputs they were computed from)."""
    vereist(door, Handeling.RAMING_OPSTELLEN)
    raming = _vergrendel(raming)
    _niet_bevroren(raming)
    if raming.historisch:
        raise RamingFout("Een historische registratie wordt niet opnieuw berekend.")
    ontbreekt = _ontbrekende_invoer(raming, voor_vaststellen=False)
    if ontbreekt:
        raise RamingFout(f"Berekenen kan nog niet; ontbreekt: {', '.join(ontbreekt)}.")
    invoer = invoer_uit_database(
        peildatum=raming.peildatum_inwoners,
        ses_jaar=None if raming.zonder_ses else raming.ses_jaar,
        indeling_op=indeling_van(raming.cyclus),
    )
    if not invoer.gemeenten:
        raise RamingFout(
            f"Er zijn geen inwonertallen op {raming.peildatum_inwoners:%d-%m-%Y}; "
            "importeer eerst de CBS-cijfers."
        )
    try:
        verdeling = bereken_verdeling(
            invoer.gemeenten,
            landelijk_aantal=raming.landelijk_aantal,
            amv_totaal=raming.amv_aantal or 0,
            methode=raming.afrondingsmethode,
            # a concept may be computed while scores are missing, explicitly: those gemeenten
            # count as 0, the page names them, and vaststellen refuses until the scores are
            # imported or an exception with a reason is recorded
            ses_mag_ontbreken=invoer.zonder_ses_codes,
        )
    except VerdeelsleutelFout as fout:
        raise RamingFout(str(fout)) from fout

    gemeente_ids = dict(Gemeente.objects.values_list("code", "pk"))
    provincie_ids = dict(Provincie.objects.values_list("code", "pk"))
    per_gemeente, per_provincie = beschikbaar_per_provincie(raming.cyclus)

    _verdeling_wissen(raming)
    GemeenteVerdeling.objects.bulk_create(
        [
            GemeenteVerdeling(
                raming=raming,
                gemeente_id=gemeente_ids[u.code],
                inwoners=u.inwoners,
                ses_woa=None if raming.zonder_ses else _decimaal(u.ses_woa, 3),
                gewicht=_decimaal(u.gewicht, 6),
                exact=_decimaal(u.exact, 6),
                aantal=u.aantal,
                amv=u.amv,
                meerjarig_beschikbaar=per_gemeente.get(gemeente_ids[u.code]),
            )
            for u in verdeling.gemeenten
        ]
    )
    bron_berekening = (
        f"Verdeelsleutel van Regietafel: inwonertal op {raming.peildatum_inwoners:%d-%m-%Y}"
        + (" zonder SES-WOA" if raming.zonder_ses else f", SES-WOA {raming.ses_jaar}")
        + f", {raming.get_afrondingsmethode_display().lower()}"
    )
    ProvincieVerdeling.objects.bulk_create(
        [
            ProvincieVerdeling(
                raming=raming,
                provincie_id=provincie_ids[code],
                opgave=opgave,
                amv=verdeling.provincies_amv.get(code, 0),
                meerjarig_beschikbaar=per_provincie.get(code),
                nog_te_realiseren=nog_te_realiseren(opgave, per_provincie.get(code)),
                herkomst=herkomst,
                bron=bron or bron_berekening,
                bron_peildatum=raming.peildatum_inwoners,
            )
            for code, opgave in verdeling.provincies.items()
        ]
    )
    raming.berekend_op = timezone.now()
    raming.save(update_fields=["berekend_op"])
    return raming


def uitzondering_belemmeringen(raming: Raming) -> list[str]:
    """Gemeenten without inputs block vaststellen, unless the raming carries a recorded,
    reasoned exception for exactly these gemeenten (issue 14)."""
    ontbrekend = ontbrekende_gemeenten(
        peildatum=raming.peildatum_inwoners,
        ses_jaar=raming.ses_jaar,
        indeling_op=indeling_van(raming.cyclus),
    )
    if not ontbrekend:
        return []
    codes = {o["code"] for o in ontbrekend}
    vastgelegd = {u["code"] for u in raming.uitzondering_gemeenten or []}
    if raming.uitzondering_reden and codes == vastgelegd:
        return []
    namen = [f"{o['naam']} ({o['ontbreekt']})" for o in ontbrekend]
    probleem = f"{len(ontbrekend)} gemeente(n) zonder volledige invoer: {_namen(namen)}"
    if raming.uitzondering_reden:
        probleem += (
            f"; de vastgelegde uitzondering geldt voor {len(vastgelegd)} andere gemeente(n): "
            "leg haar opnieuw vast"
        )
    else:
        probleem += "; importeer de ontbrekende cijfers of leg een uitzondering met reden vast"
    return [probleem]


def vaststellen_belemmeringen(raming: Raming) -> list[str]:
    """What stands in the way of adopting ``raming`` (empty: it can be adopted)."""
    problemen = []
    if raming.historisch:
        problemen.append("een historische registratie wordt niet vastgesteld maar geregistreerd")
    if raming.zonder_ses:
        problemen.append(
            "de verdeling is zonder SES-WOA berekend; de wet vraagt inwonertal én SES-WOA"
        )
    ontbreekt = _ontbrekende_invoer(raming, voor_vaststellen=True)
    if ontbreekt:
        problemen.append(f"ontbrekende invoer: {', '.join(ontbreekt)}")
    if raming.peildatum_inwoners is not None and raming.ses_jaar is not None:
        problemen += uitzondering_belemmeringen(raming)
    if raming.berekend_op is None:
        problemen.append("de verdeling is nog niet (opnieuw) berekend")
    return problemen


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
