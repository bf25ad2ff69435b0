"""Creating, changing, computing and checking a raming before it is adopted."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist

from ..berekening import (
    indeling_van,
    invoer_uit_database,
    nog_te_realiseren,
    ontbrekende_gemeenten,
)
from ..models import (
    Gemeente,
    GemeenteVerdeling,
    Herkomst,
    Invoerbesluit,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from ..verdeelsleutel import VerdeelsleutelFout, bereken_verdeling
from .cyclus import beschikbaar_per_provincie
from .gedeeld import RamingFout, _decimaal, _namen, _niet_bevroren, _vergrendel

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
