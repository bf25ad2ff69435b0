"""Read-only figures for the insight pages, charts and CSV downloads.

Realised places are regietafels' one figure (``regietafels.selectors.gerealiseerd_per_gemeente``
and ``gerealiseerd_verloop``: locations in gebruik plus reports without a location), the same
as on the realisation overview.

Every figure a chart draws comes from here, and so do its table and its CSV: one source, so
picture, table and download cannot disagree. Access follows each model's ``zichtbaar_voor``:
a PRT secretary sees the (public) opgave of every province but offers, the verdeelbesluit and
realisations of its own province only; the rest shows as "niet zichtbaar".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raming.models import GemeenteVerdeling, Mijlpaal, Provincie, ProvincieVerdeling, Wetscyclus
from raming.selectors import geldende_raming, huidige_cyclus
from regietafels.models import (
    Termijnverlenging,
    VerdeelbesluitRegel,
    Verslag,
    VerslagRegel,
)
from regietafels.selectors import (
    geldend_verdeelbesluit,
    gerealiseerd_per_gemeente,
    gerealiseerd_verloop,
)

MAAT_OPGAVE = "opgave"
MAAT_AANGEBODEN = "aangeboden"
MAAT_GEREALISEERD = "gerealiseerd"
MAAT_VERSLAG = "verslag"

MATEN = {
    MAAT_OPGAVE: _("Provinciale opgave (plekken)"),
    MAAT_AANGEBODEN: _("Aangeboden als % van de opgave"),
    MAAT_GEREALISEERD: _("Gerealiseerd als % van het verdeelbesluit"),
    MAAT_VERSLAG: _("Status van het verslag"),
}
OPENBARE_MATEN = (MAAT_OPGAVE,)

# Verslag statuses as shown on the map; "geen" when no verslag exists, None when not visible.
VERSLAG_STATUSSEN = {
    "geen": _("Geen verslag"),
    "concept": _("Concept"),
    "ingediend": _("Ingediend"),
    "teruggestuurd": _("Teruggestuurd"),
    "beoordeeld": _("Beoordeeld"),
}


def maat_of_standaard(maat: str | None) -> str:
    return maat if maat in MATEN else MAAT_OPGAVE


def percentage(deel: int | None, geheel: int | None) -> int | None:
    """Whole percent, rounded half up; None when either side is unknown or the base is 0."""
    if deel is None or not geheel:
        return None
    return int((deel * 100 + geheel // 2) // geheel)


@dataclass
class Stand:
    """Where one province (or gemeente) stands: indicative → offered → verdeelbesluit →
    realised. ``None`` means unknown or not visible to this user."""

    id: int
    code: str
    naam: str
    slug: str
    opgave: int | None = None
    indicatief: int | None = None
    aangeboden: int | None = None
    verdeelbesluit: int | None = None
    gerealiseerd: int | None = None
    verslag_status: str | None = None
    verslag_te_laat: bool = False
    zichtbaar: bool = True

    @property
    def aangeboden_pct(self) -> int | None:
        return percentage(self.aangeboden, self.opgave or self.indicatief)

    @property
    def gerealiseerd_pct(self) -> int | None:
        return percentage(self.gerealiseerd, self.verdeelbesluit)

    @property
    def verslag_label(self) -> str | None:
        if self.verslag_status is None:
            return None
        label = str(VERSLAG_STATUSSEN.get(self.verslag_status, self.verslag_status))
        return f"{label} (te laat)" if self.verslag_te_laat else label


@dataclass
class Overzicht:
    cyclus: Wetscyclus | None
    raming: object | None
    verdeelbesluit: object | None
    provincies: list[Stand] = field(default_factory=list)

    @property
    def totaal(self) -> Stand:
        def som(attr):
            waarden = [getattr(p, attr) for p in self.provincies]
            bekend = [w for w in waarden if w is not None]
            return sum(bekend) if bekend else None

        return Stand(
            id=0,
            code="NL",
            naam=str(_("Nederland")),
            slug="",
            opgave=som("opgave"),
            indicatief=som("indicatief"),
            aangeboden=som("aangeboden"),
            verdeelbesluit=som("verdeelbesluit"),
            gerealiseerd=som("gerealiseerd"),
        )


def kies_cyclus(jaar: str | int | None) -> Wetscyclus | None:
    if jaar:
        try:
            gevonden = Wetscyclus.objects.filter(jaar=int(jaar)).first()
        except (TypeError, ValueError):
            gevonden = None
        if gevonden:
            return gevonden
    return huidige_cyclus()


def _ziet_alles(user) -> bool:
    return bool(getattr(user, "is_ministerie", False) or getattr(user, "is_coa", False))


def _som_per_provincie(queryset, veld: str):
    """Sum of ``veld`` over the rows of ``queryset`` (with a ``gemeente``) in the outer
    province, as a scalar subquery (None without rows)."""
    rijen = (
        queryset.filter(gemeente__provincie=OuterRef("pk"))
        .order_by()
        .values("gemeente__provincie")
        .annotate(som=Sum(veld))
        .values("som")
    )
    return Subquery(rijen)


def realisatie_verloop(user, cyclus: Wetscyclus | None):
    """Realised places per province over time (regietafels' ``gerealiseerd_verloop``); its
    last values are the figures of today."""
    return gerealiseerd_verloop(cyclus, user=user) if cyclus is not None else None


def provincie_overzicht(user, cyclus: Wetscyclus | None, *, verloop=None) -> Overzicht:
    """The twelve provinces with their figures for ``cyclus``: the raming and verdeelbesluit
    in force, then the provinces with every figure as a subquery (three queries), and the
    realised places (three more; none when ``verloop``, from ``realisatie_verloop``, is
    given: its last values)."""
    return _provincie_overzicht(user, cyclus, verloop)


def _gerealiseerd_per_provincie(user, cyclus, besluit, verloop) -> dict[str, int]:
    """Realised places today per province code (the visible ones)."""
    if besluit is None:
        return {}
    if verloop is not None:
        return {code: (reeks[-1] if reeks else 0) for code, reeks in verloop.per_provincie.items()}
    uit: dict[str, int] = {}
    for cijfer in gerealiseerd_per_gemeente(cyclus, user=user, besluit=besluit).values():
        uit[cijfer.provincie_code] = uit.get(cijfer.provincie_code, 0) + cijfer.gerealiseerd
    return uit


def _provincie_overzicht(user, cyclus: Wetscyclus | None, verloop) -> Overzicht:

    raming = geldende_raming(cyclus)
    besluit = geldend_verdeelbesluit(cyclus, user=user)
    eigen = getattr(user, "eigen_provincie_id", None)
    alles = _ziet_alles(user)

    provincies = Provincie.objects.order_by("code")
    if raming is not None:
        provincies = provincies.annotate(
            _opgave=Subquery(
                ProvincieVerdeling.objects.filter(raming=raming, provincie=OuterRef("pk"))
                .order_by()
                .values("opgave")[:1]
            ),
            _indicatief=_som_per_provincie(
                GemeenteVerdeling.objects.filter(raming=raming), "aantal"
            ),
        )
    if cyclus is not None:
        # The verslag of each province (at most one per cycle), if this user may see it.
        verslag = (
            Verslag.objects.zichtbaar_voor(user)
            .filter(cyclus=cyclus, regietafel__provincie=OuterRef("pk"))
            .order_by()
        )
        provincies = provincies.annotate(
            _verslag_status=Subquery(verslag.values("status")[:1]),
            _verslag_te_laat=Subquery(verslag.values("te_laat")[:1]),
            _aangeboden=Subquery(
                verslag.values("regietafel__provincie")
                .annotate(
                    som=Sum(
                        F("regels__bestaande_locaties")
                        + F("regels__vastgestelde_plannen")
                        + F("regels__bestuurlijke_voornemens")
                    )
                )
                .values("som")
            ),
        )
        if besluit is not None:
            provincies = provincies.annotate(
                _verdeelbesluit=_som_per_provincie(
                    VerdeelbesluitRegel.objects.zichtbaar_voor(user).filter(verdeelbesluit=besluit),
                    "aantal",
                )
            )
    gerealiseerd = _gerealiseerd_per_provincie(user, cyclus, besluit, verloop)
    standen = []
    for p in provincies:
        stand = Stand(
            id=p.pk, code=p.code, naam=p.naam, slug=p.slug, zichtbaar=alles or p.pk == eigen
        )
        if raming is not None:
            stand.opgave, stand.indicatief = p._opgave, p._indicatief
        if cyclus is not None:
            stand.gerealiseerd = gerealiseerd.get(p.code)
            if p._verslag_status is not None:
                stand.verslag_status = p._verslag_status
                stand.verslag_te_laat = p._verslag_te_laat
                stand.aangeboden = p._aangeboden or 0
            if besluit is not None:
                stand.verdeelbesluit = p._verdeelbesluit
        standen.append(stand)
    for stand in standen:
        if not stand.zichtbaar:
            continue
        if cyclus is not None and stand.verslag_status is None:
            stand.verslag_status = "geen"
        if besluit is not None and stand.verdeelbesluit is None:
            stand.verdeelbesluit = 0
        if besluit is not None and stand.gerealiseerd is None:
            stand.gerealiseerd = 0
    return Overzicht(cyclus=cyclus, raming=raming, verdeelbesluit=besluit, provincies=standen)


def openbare_opgaven(raming) -> list[Stand]:
    """The published opgave per province of ``raming`` (public data only)."""
    standen = {
        p.pk: Stand(id=p.pk, code=p.code, naam=p.naam, slug=p.slug)
        for p in Provincie.objects.order_by("code")
    }
    if raming is not None:
        for pv in ProvincieVerdeling.objects.filter(raming=raming).values("provincie_id", "opgave"):
            standen[pv["provincie_id"]].opgave = pv["opgave"]
    return list(standen.values())


def gemeente_standen(user, cyclus: Wetscyclus | None, provincie: Provincie) -> list[Stand]:
    """Per gemeente of ``provincie``: indicative, offered, verdeelbesluit and realised."""

    raming = geldende_raming(cyclus)
    besluit = geldend_verdeelbesluit(cyclus, user=user)
    standen = {
        g["pk"]: Stand(id=g["pk"], code=g["code"], naam=g["naam"], slug=g["slug"])
        for g in provincie.gemeenten.order_by("naam").values("pk", "code", "naam", "slug")
    }
    if raming is not None:
        for gid, aantal in GemeenteVerdeling.objects.filter(
            raming=raming, gemeente__provincie=provincie
        ).values_list("gemeente_id", "aantal"):
            if gid in standen:
                standen[gid].indicatief = aantal
                standen[gid].opgave = aantal
    if cyclus is not None:
        verslagen = Verslag.objects.zichtbaar_voor(user).filter(
            cyclus=cyclus, regietafel__provincie=provincie
        )
        heeft_verslag = verslagen.exists()
        for gid, a, b, c in VerslagRegel.objects.filter(verslag__in=verslagen).values_list(
            "gemeente_id", "bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens"
        ):
            if gid in standen:
                standen[gid].aangeboden = a + b + c
        if heeft_verslag:
            for stand in standen.values():
                if stand.aangeboden is None:
                    stand.aangeboden = 0
        if besluit is not None:
            for gid, aantal in (
                VerdeelbesluitRegel.objects.zichtbaar_voor(user)
                .filter(verdeelbesluit=besluit, gemeente__provincie=provincie)
                .values_list("gemeente_id", "aantal")
            ):
                if gid in standen:
                    standen[gid].verdeelbesluit = aantal
        if besluit is not None:
            for gid, cijfer in gerealiseerd_per_gemeente(
                cyclus, user=user, besluit=besluit, provincie_id=provincie.pk
            ).items():
                if gid in standen:
                    standen[gid].gerealiseerd = cijfer.gerealiseerd
            for stand in standen.values():
                if stand.verdeelbesluit is not None and stand.gerealiseerd is None:
                    stand.gerealiseerd = 0
    return list(standen.values())


# --- timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TijdlijnRegel:
    label: str
    oorspronkelijk: dt.date
    effectief: dt.date
    toelichting: str = ""

    @property
    def verschoven(self) -> bool:
        return self.oorspronkelijk != self.effectief

    @property
    def dagen_verschoven(self) -> int:
        return (self.effectief - self.oorspronkelijk).days


@dataclass(frozen=True)
class Tijdlijn:
    cyclus: Wetscyclus | None
    regels: list[TijdlijnRegel]
    vandaag: dt.date


def cyclus_tijdlijn(user, cyclus: Wetscyclus | None, *, vandaag: dt.date | None = None) -> Tijdlijn:
    """Each milestone of the cycle with its original and effective date. Extensions of the
    verslag deadline (``Termijnverlenging``) move it: a cycle-wide one moves the verslag row,
    one for a single PRT gets its own row. Two queries."""
    vandaag = vandaag or timezone.localdate()
    if cyclus is None:
        return Tijdlijn(cyclus=None, regels=[], vandaag=vandaag)

    verlengingen = list(
        Termijnverlenging.objects.zichtbaar_voor(user)
        .filter(cyclus=cyclus)
        .select_related("regietafel__provincie")
        .order_by("nieuwe_datum", "pk")
    )
    algemeen = [v for v in verlengingen if v.regietafel_id is None]
    regels = []
    verslag_basis = None
    for m in Mijlpaal.objects.filter(cyclus=cyclus).order_by("oorspronkelijke_datum", "pk"):
        effectief = m.datum
        toelichting = m.wijzigingsreden
        if m.soort == Mijlpaal.Soort.VERSLAG:
            verslag_basis = m.datum
            if algemeen:
                laatste = max(algemeen, key=lambda v: v.nieuwe_datum)
                if laatste.nieuwe_datum > effectief:
                    effectief = laatste.nieuwe_datum
                    verlengd = f"Verlengd voor alle regietafels: {laatste.reden}"
                    toelichting = " ".join(t for t in [toelichting, verlengd] if t)
        regels.append(
            TijdlijnRegel(
                label=m.get_soort_display(),
                oorspronkelijk=m.oorspronkelijke_datum,
                effectief=effectief,
                toelichting=toelichting,
            )
        )
    if verslag_basis is not None:
        algemeen_datum = max([verslag_basis, *(v.nieuwe_datum for v in algemeen)])
        per_prt: dict[int, object] = {}
        for v in verlengingen:
            if v.regietafel_id is not None:
                huidige = per_prt.get(v.regietafel_id)
                if huidige is None or v.nieuwe_datum > huidige.nieuwe_datum:
                    per_prt[v.regietafel_id] = v
        for v in sorted(per_prt.values(), key=lambda v: v.regietafel.provincie.code):
            if v.nieuwe_datum <= algemeen_datum:
                continue
            regels.append(
                TijdlijnRegel(
                    label=f"Verslag {v.regietafel.provincie.naam}",
                    oorspronkelijk=verslag_basis,
                    effectief=v.nieuwe_datum,
                    toelichting=f"Verlengd: {v.reden}",
                )
            )
    regels.sort(key=lambda r: (r.oorspronkelijk, r.effectief, r.label))
    return Tijdlijn(cyclus=cyclus, regels=regels, vandaag=vandaag)


# --- trends ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    datums: list[dt.date]
    provincies: list[tuple[str, str]]  # (code, naam)
    # code → cumulative realised places on each date of ``datums``
    reeksen: dict[str, list[int]]


def realisatie_trends(user, cyclus: Wetscyclus | None, *, provincies=None, verloop=None) -> Trend:
    """Realised places over time per province: the figure on every date it changed (a
    location starting or stopping to count, a report without a location; regietafels'
    ``gerealiseerd_verloop``), plus the province list unless ``provincies``, the (code, naam)
    of every province in code order, is given; ``verloop``: ``realisatie_verloop`` read
    already."""
    if provincies is None:
        provincies = list(Provincie.objects.order_by("code").values_list("code", "naam"))
    else:
        provincies = list(provincies)
    if cyclus is None:
        return Trend(datums=[], provincies=provincies, reeksen={})

    if verloop is None:
        verloop = gerealiseerd_verloop(cyclus, user=user)
    per_code = verloop.per_provincie
    if not _ziet_alles(user):
        eigen = [p for p in provincies if p[0] in per_code]
        if not eigen:
            code = _eigen_code(user)  # once, not per province
            eigen = [p for p in provincies if p[0] == code]
        provincies = eigen
    reeksen = {code: per_code.get(code, [0] * len(verloop.datums)) for code, _naam in provincies}
    return Trend(datums=verloop.datums, provincies=provincies, reeksen=reeksen)


def _eigen_code(user) -> str | None:
    pid = getattr(user, "eigen_provincie_id", None)
    if pid is None:
        return None
    return Provincie.objects.filter(pk=pid).values_list("code", flat=True).first()
