"""Reads of the raming that other parts of Regietafel rely on."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from .models import (
    GemeenteVerdeling,
    Inwonertal,
    MeerjarigBeschikbaar,
    ProvincieVerdeling,
    Raming,
    SesWoaScore,
    Wetscyclus,
)


def _huidige_cyclus_jaar():
    return Wetscyclus.objects.filter(jaar__lte=timezone.localdate().year).order_by("-jaar")


def huidige_cyclus() -> Wetscyclus | None:
    """The cycle of the current two-year period: the latest cycle that has started."""
    return _huidige_cyclus_jaar().first() or Wetscyclus.objects.order_by("jaar").first()


def _geldend_eerst(ramingen):
    """``ramingen`` that can count for their cycle, the one that counts first: the newest
    published version, else the newest adopted one."""
    return ramingen.filter(
        status__in=(Raming.Status.GEPUBLICEERD, Raming.Status.VASTGESTELD)
    ).order_by(
        Case(When(status=Raming.Status.GEPUBLICEERD, then=Value(0)), default=Value(1)),
        "-versie",
    )


def geldende_raming(cyclus: Wetscyclus | None) -> Raming | None:
    """The raming that counts for a cycle: its newest published version, else the newest
    adopted one."""
    if cyclus is None:
        return None
    return _geldend_eerst(Raming.objects.filter(cyclus=cyclus)).first()


def huidige_cyclus_voor(request) -> Wetscyclus | None:
    """``huidige_cyclus()`` read once per request: the home panels of several apps share it."""
    if not hasattr(request, "_rt_huidige_cyclus"):
        request._rt_huidige_cyclus = huidige_cyclus()
    return request._rt_huidige_cyclus


def _van_huidige_cyclus(request, ramingen, *, limiet: int | None = None):
    """``ramingen`` of the current cycle, each with its cycle, in one query with the cycle
    (which is then kept for the request, as ``huidige_cyclus_voor``); None when that query
    finds none (no raming, or no cycle has started yet: the caller reads the cycle itself)."""
    if hasattr(request, "_rt_huidige_cyclus"):
        return None
    ramingen = ramingen.filter(
        cyclus_id=Subquery(_huidige_cyclus_jaar().values("pk")[:1])
    ).select_related("cyclus")
    gevonden = list(ramingen[:limiet] if limiet else ramingen)
    if not gevonden:
        return None
    request._rt_huidige_cyclus = gevonden[0].cyclus
    for raming in gevonden:
        raming.cyclus = request._rt_huidige_cyclus
    return gevonden


def huidige_ramingen_voor(request) -> tuple[Wetscyclus | None, list[Raming]]:
    """The current cycle and its raming versions, newest first (one query when it has any)."""
    ramingen = _van_huidige_cyclus(request, Raming.objects.order_by("-versie"))
    if ramingen is not None:
        return request._rt_huidige_cyclus, ramingen
    cyclus = huidige_cyclus_voor(request)
    if cyclus is None:
        return None, []
    return cyclus, list(Raming.objects.filter(cyclus=cyclus).order_by("-versie"))


def geldende_raming_voor(request) -> Raming | None:
    """``geldende_raming(huidige_cyclus())`` read once per request, its cycle already set (one
    query for both when the cycle has a raming that counts)."""
    if not hasattr(request, "_rt_geldende_raming"):
        gevonden = _van_huidige_cyclus(request, _geldend_eerst(Raming.objects.all()), limiet=1)
        if gevonden:
            raming = gevonden[0]
        else:
            cyclus = huidige_cyclus_voor(request)
            raming = geldende_raming(cyclus)
            if raming is not None:
                raming.cyclus = cyclus
        request._rt_geldende_raming = raming
    return request._rt_geldende_raming


def indicatieve_aantallen(raming: Raming | None, *, provincie=None) -> dict[int, int]:
    """gemeente id → indicative number in ``raming`` (optionally one province)."""
    if raming is None:
        return {}
    qs = GemeenteVerdeling.objects.filter(raming=raming)
    if provincie is not None:
        qs = qs.filter(gemeente__provincie=provincie)
    return dict(qs.values_list("gemeente_id", "aantal"))


def provinciale_opgaven(raming: Raming | None) -> dict[int, ProvincieVerdeling]:
    """provincie id → its ProvincieVerdeling in ``raming``."""
    if raming is None:
        return {}
    return {pv.provincie_id: pv for pv in ProvincieVerdeling.objects.filter(raming=raming)}


# --------------------------------------------------------------------------- added for issue 3


def gepubliceerde_ramingen() -> list[Raming]:
    """All published versions, newest first."""
    return list(
        Raming.objects.openbaar().select_related("cyclus").order_by("-cyclus__jaar", "-versie")
    )


def som_of_onbekend(waarden) -> int | None:
    """The sum of ``waarden``; None ("onbekend") when any of them is unknown, so a total
    always equals the sum of the rows it stands under."""
    totaal = 0
    for waarde in waarden:
        if waarde is None:
            return None
        totaal += waarde
    return totaal


@dataclass(frozen=True)
class OpenbareRaming:
    """Everything a published raming shows, as plain values (cacheable). None = onbekend."""

    provincies: list[dict]
    gemeenten: list[dict]
    som_opgaven: int
    som_gemeenten: int
    som_amv: int | None
    som_amv_gemeenten: int | None
    meerjarig_beschikbaar: int | None
    nog_te_realiseren: int | None
    # "nog te realiseren" explained: opgave − beschikbaar nationally, and the provinces whose
    # surplus (beschikbaar above opgave) does not count for the others
    landelijk_tekort: int | None
    provincies_boven_opgave: list[str]
    # where the inputs come from: [{"wat", "bron", "aantal", "voorlopig", "afgeleid"}]
    bronnen: list[dict]


def raming_cijfers(raming: Raming) -> OpenbareRaming:
    """The provincial and gemeente figures of ``raming`` in two queries."""
    beschikbaar_bron = MeerjarigBeschikbaar.objects.filter(
        cyclus_id=raming.cyclus_id, provincie_id=OuterRef("provincie_id")
    ).order_by()
    provincies = list(
        ProvincieVerdeling.objects.filter(raming=raming)
        .order_by("provincie__code")
        .annotate(
            mb_herkomst=Subquery(beschikbaar_bron.values("herkomst")[:1]),
            mb_bron=Subquery(beschikbaar_bron.values("bron")[:1]),
        )
        .values(
            "provincie_id",
            "provincie__code",
            "provincie__naam",
            "provincie__slug",
            "opgave",
            "amv",
            "meerjarig_beschikbaar",
            "nog_te_realiseren",
            "herkomst",
            "bron",
            "bron_peildatum",
            "bron_url",
            "mb_herkomst",
            "mb_bron",
        )
    )
    gemeenten = list(
        GemeenteVerdeling.objects.filter(raming=raming)
        .order_by("gemeente__naam")
        .values(
            "gemeente_id",
            "gemeente__code",
            "gemeente__naam",
            "gemeente__slug",
            "gemeente__provincie__naam",
            "gemeente__provincie__code",
            "inwoners",
            "ses_woa",
            "exact",
            "aantal",
            "amv",
            "meerjarig_beschikbaar",
        )
    )
    som_opgaven = sum(p["opgave"] for p in provincies)
    beschikbaar = som_of_onbekend(p["meerjarig_beschikbaar"] for p in provincies)
    return OpenbareRaming(
        provincies=provincies,
        gemeenten=gemeenten,
        som_opgaven=som_opgaven,
        som_gemeenten=sum(g["aantal"] for g in gemeenten),
        som_amv=som_of_onbekend(p["amv"] for p in provincies),
        som_amv_gemeenten=som_of_onbekend(g["amv"] for g in gemeenten),
        meerjarig_beschikbaar=beschikbaar if provincies else None,
        nog_te_realiseren=(
            som_of_onbekend(p["nog_te_realiseren"] for p in provincies) if provincies else None
        ),
        landelijk_tekort=(
            som_opgaven - beschikbaar if provincies and beschikbaar is not None else None
        ),
        provincies_boven_opgave=[
            p["provincie__naam"]
            for p in provincies
            if p["meerjarig_beschikbaar"] is not None and p["meerjarig_beschikbaar"] > p["opgave"]
        ],
        bronnen=invoer_bronnen(raming) if gemeenten else [],
    )


def zoek_gemeenten(rijen: list[dict], zoekterm: str) -> list[dict]:
    """Filter gemeente rows on name, code or province (case-insensitive)."""
    zoekterm = (zoekterm or "").strip().lower()
    if not zoekterm:
        return rijen
    return [
        r
        for r in rijen
        if zoekterm in r["gemeente__naam"].lower()
        or zoekterm in r["gemeente__code"].lower()
        or zoekterm in r["gemeente__provincie__naam"].lower()
    ]


@dataclass(frozen=True)
class Verschil:
    gemeente_id: int
    naam: str
    oud: int | None
    nieuw: int | None

    @property
    def verschil(self) -> int:
        return (self.nieuw or 0) - (self.oud or 0)


def versie_verschillen(oud: Raming, nieuw: Raming, *, alleen_gewijzigd: bool = True):
    """Per gemeente the number in ``oud`` and in ``nieuw`` (one query)."""
    rijen: dict[int, dict] = {}
    for raming_id, gemeente_id, naam, aantal in (
        GemeenteVerdeling.objects.filter(raming__in=[oud, nieuw])
        .values_list("raming_id", "gemeente_id", "gemeente__naam", "aantal")
        .order_by("gemeente__naam")
    ):
        rij = rijen.setdefault(gemeente_id, {"naam": naam, "oud": None, "nieuw": None})
        rij["oud" if raming_id == oud.pk else "nieuw"] = aantal
    verschillen = [Verschil(gemeente_id=k, **v) for k, v in rijen.items()]
    if alleen_gewijzigd:
        verschillen = [v for v in verschillen if v.oud != v.nieuw]
    return sorted(verschillen, key=lambda v: v.naam)


def met_totalen(verdelingen):
    """``verdelingen`` (GemeenteVerdeling) with the sums over their raming that
    ``gemeente_berekening`` needs (``totaal_gewicht``, ``totaal_inwoners``), in the same query."""
    alle = GemeenteVerdeling.objects.filter(raming=OuterRef("raming")).order_by().values("raming")
    return verdelingen.annotate(
        totaal_gewicht=Subquery(alle.annotate(s=Sum("gewicht")).values("s")),
        totaal_inwoners=Subquery(alle.annotate(s=Sum("inwoners")).values("s")),
    )


def gemeente_berekening(raming: Raming, verdeling: GemeenteVerdeling) -> dict | None:
    """The computation of one gemeente's number step by step (one aggregate query, none when
    ``verdeling`` was read ``met_totalen``; one for the sources)."""
    if verdeling.gewicht is None or not raming.landelijk_aantal:
        return None
    if hasattr(verdeling, "totaal_gewicht"):
        totaal = {"gewicht": verdeling.totaal_gewicht, "inwoners": verdeling.totaal_inwoners}
    else:
        totaal = GemeenteVerdeling.objects.filter(raming=raming).aggregate(
            gewicht=Sum("gewicht"), inwoners=Sum("inwoners")
        )
    ses = Decimal(0) if verdeling.ses_woa is None else verdeling.ses_woa
    exact = verdeling.exact or Decimal(0)
    return {
        "inwoners": verdeling.inwoners,
        "ses_woa": verdeling.ses_woa,
        "factor": 1 + ses,
        "gewicht": verdeling.gewicht,
        "totaal_gewicht": totaal["gewicht"],
        "totaal_inwoners": totaal["inwoners"],
        "landelijk_aantal": raming.landelijk_aantal,
        "exact": exact,
        "afgerond_omlaag": int(exact // 1),
        "aantal": verdeling.aantal,
        "amv_totaal": raming.amv_aantal or 0,
        "amv": verdeling.amv,
        "bronnen": gemeente_bronnen(raming, verdeling.gemeente_id),
        "alleen_inwoners": (
            Decimal(verdeling.inwoners) * raming.landelijk_aantal / totaal["inwoners"]
            if totaal["inwoners"]
            else None
        ),
    }


def invoer_bronnen(raming: Raming) -> list[dict]:
    """The sources of the raming's inputs (population on its reference date, SES-WOA of its
    year), grouped: how many values each, how many provisional or derived (one query: the
    two groupings in one UNION)."""
    inwoners_wat = (
        f"Inwonertal op {raming.peildatum_inwoners:%d-%m-%Y}"
        if raming.peildatum_inwoners
        else "Inwonertal"
    )
    delen = []
    if raming.peildatum_inwoners:
        delen.append((1, Inwonertal.objects.filter(peildatum=raming.peildatum_inwoners)))
    if raming.ses_jaar and not raming.zonder_ses:
        delen.append((2, SesWoaScore.objects.filter(jaar=raming.ses_jaar)))
    if not delen:
        return []
    gegroepeerd = [
        qs.order_by()
        .values("bron")
        .annotate(
            deel=Value(deel, output_field=IntegerField()),
            aantal=Count("pk"),
            voorlopig_aantal=Count("pk", filter=Q(voorlopig=True)),
            afgeleid=Count("pk", filter=~Q(afleiding="")),
        )
        .values("deel", "bron", "aantal", "voorlopig_aantal", "afgeleid")
        for deel, qs in delen
    ]
    rijen = (
        gegroepeerd[0].union(*gegroepeerd[1:], all=True)
        if len(gegroepeerd) > 1
        else (gegroepeerd[0])
    )
    wat = {1: inwoners_wat, 2: f"SES-WOA {raming.ses_jaar}"}
    return [
        {
            "wat": wat[r["deel"]],
            "bron": r["bron"],
            "aantal": r["aantal"],
            "voorlopig_aantal": r["voorlopig_aantal"],
            "afgeleid": r["afgeleid"],
        }
        for r in sorted(rijen, key=lambda r: (r["deel"], r["bron"]))
    ]


def gemeente_bronnen(raming: Raming, gemeente_id: int) -> dict:
    """The source of one gemeente's population and score in ``raming`` (``bron``,
    ``voorlopig``, ``afleiding`` each, or None): one query, the two in one UNION."""
    delen = []
    if raming.peildatum_inwoners:
        delen.append(
            (
                1,
                Inwonertal.objects.filter(
                    gemeente_id=gemeente_id, peildatum=raming.peildatum_inwoners
                ),
            )
        )
    if raming.ses_jaar and not raming.zonder_ses:
        delen.append((2, SesWoaScore.objects.filter(gemeente_id=gemeente_id, jaar=raming.ses_jaar)))
    gevonden: dict[int, dict] = {}
    if delen:
        rijen = [
            qs.order_by()
            .annotate(deel=Value(deel, output_field=IntegerField()))
            .values("deel", "bron", "voorlopig", "afleiding")
            for deel, qs in delen  # at most one row each (unique per gemeente and date/year)
        ]
        for rij in rijen[0].union(*rijen[1:], all=True) if len(rijen) > 1 else rijen[0]:
            gevonden[rij.pop("deel")] = rij
    return {"inwoners": gevonden.get(1), "ses": gevonden.get(2)}
