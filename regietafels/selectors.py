"""Reads for the regietafel pages, API and exports (constant numbers of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from locaties import realisatie as locatie_realisatie
from raming.models import Mijlpaal, ProvincieVerdeling, Raming, Wetscyclus
from raming.selectors import geldende_raming, huidige_cyclus, provinciale_opgaven
from uitruil.models import Richting, Taak, Uitruil, UitruilPartij

from .models import (
    Beoordeling,
    Bijlage,
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagVersie,
)
from .termijnen import verslagtermijn_datums

SORTEERVELDEN = {
    "provincie": lambda r: r.regietafel.provincie.naam,
    "opgave": lambda r: r.opgave,
    "aangeboden": lambda r: r.aangeboden,
    "verschil": lambda r: r.verschil,
    "status": lambda r: r.status_label,
    "termijn": lambda r: r.termijn or dt.date.max,
    "dagen": lambda r: r.dagen if r.dagen is not None else 10**6,
}


@dataclass
class OverzichtRegel:
    regietafel: Regietafel
    verslag: Verslag | None
    opgave: int
    aangeboden: int
    termijn: dt.date | None
    oorspronkelijke_termijn: dt.date | None
    dagen: int | None
    open_verzoeken: int

    @property
    def verschil(self) -> int:
        return self.aangeboden - self.opgave

    @property
    def status(self) -> str:
        if self.verslag is None:
            return "geen"
        return self.verslag.status

    @property
    def status_label(self) -> str:
        if self.verslag is None:
            return "Nog niet aangemaakt"
        label = self.verslag.get_status_display()
        if self.verslag.te_laat:
            label += " (te laat)"
        return label

    @property
    def te_laat(self) -> bool:
        if self.verslag is not None and self.verslag.te_laat:
            return True
        nog_open = self.verslag is None or self.verslag.status in (
            Verslag.Status.CONCEPT,
            Verslag.Status.TERUGGESTUURD,
        )
        return nog_open and self.dagen is not None and self.dagen < 0


def provincie_overzicht(cyclus, *, user, sorteer: str = "provincie") -> list[OverzichtRegel]:
    """One row per visible regietafel for ``cyclus``: opgave, offered (draft or submitted),
    difference, status, effective deadline and days left. Three queries: the regietafels with
    their opgave, open extension requests and the verslag milestone; the verslagen with their
    totals; the extensions."""
    regels = _provincie_overzicht(cyclus, user, timezone.localdate())
    veld = sorteer.lstrip("-")
    if veld in SORTEERVELDEN:
        regels.sort(key=SORTEERVELDEN[veld], reverse=sorteer.startswith("-"))
    return regels


def _provincie_overzicht(cyclus, user, vandaag) -> list[OverzichtRegel]:

    regietafels = Regietafel.objects.zichtbaar_voor(user).select_related("provincie")
    if cyclus is not None:
        open_verzoeken = (
            Verlengingsverzoek.objects.filter(
                verslag__cyclus=cyclus,
                verslag__regietafel=OuterRef("pk"),
                status=Verlengingsverzoek.Status.OPEN,
            )
            .order_by()
            .values("verslag__regietafel")
            .annotate(n=Count("pk"))
            .values("n")
        )
        regietafels = regietafels.annotate(
            _opgave=provinciale_opgave(cyclus=cyclus.pk, provincie=OuterRef("provincie_id")),
            _open_verzoeken=Subquery(open_verzoeken),
            # the cycle's verslag milestone (one per cycle), the base of every deadline
            _mijlpaal=Subquery(
                Mijlpaal.objects.filter(cyclus=cyclus, soort=Mijlpaal.Soort.VERSLAG)
                .order_by()
                .values("datum")[:1]
            ),
        )
    regietafels = list(regietafels)
    verslagen = {
        v.regietafel_id: v
        for v in Verslag.objects.filter(cyclus=cyclus).annotate(
            totaal_aangeboden=Sum(
                F("regels__bestaande_locaties")
                + F("regels__vastgestelde_plannen")
                + F("regels__bestuurlijke_voornemens")
            )
        )
    }
    termijnen = (
        verslagtermijn_datums(
            cyclus,
            [r.pk for r in regietafels],
            basis=regietafels[0]._mijlpaal if regietafels else None,
        )
        if cyclus
        else {}
    )
    regels = []
    for regietafel in regietafels:
        verslag = verslagen.get(regietafel.pk)
        opgave = getattr(regietafel, "_opgave", None)
        termijn = termijnen.get(regietafel.pk)
        regels.append(
            OverzichtRegel(
                regietafel=regietafel,
                verslag=verslag,
                opgave=opgave or 0,
                aangeboden=(verslag.totaal_aangeboden or 0) if verslag else 0,
                termijn=termijn.effectief if termijn else None,
                oorspronkelijke_termijn=termijn.oorspronkelijk if termijn else None,
                dagen=termijn.dagen_resterend(vandaag) if termijn else None,
                open_verzoeken=getattr(regietafel, "_open_verzoeken", None) or 0,
            )
        )
    return regels


def cyclus_of_huidige(jaar: int | None = None):

    if jaar:
        return Wetscyclus.objects.filter(jaar=jaar).first()
    return huidige_cyclus()


def cyclus_id_expressie(jaar: int | None):
    """An expression for the id of the cycle ``cyclus_of_huidige(jaar)`` returns, to use
    inside a query instead of reading the cycle first."""

    if jaar:
        return Subquery(Wetscyclus.objects.filter(jaar=jaar).order_by().values("pk")[:1])
    huidig = (
        Wetscyclus.objects.filter(jaar__lte=timezone.localdate().year)
        .order_by("-jaar")
        .values("pk")[:1]
    )
    eerste = Wetscyclus.objects.order_by("jaar").values("pk")[:1]
    return Coalesce(Subquery(huidig), Subquery(eerste))


def geldende_raming_id(cyclus):
    """Subquery: the id of ``geldende_raming`` of ``cyclus`` (an id or an OuterRef): its newest
    published version, else its newest adopted one."""

    return Subquery(
        Raming.objects.filter(
            cyclus=cyclus,
            status__in=[Raming.Status.GEPUBLICEERD, Raming.Status.VASTGESTELD],
        )
        .order_by(
            Case(
                When(status=Raming.Status.GEPUBLICEERD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-versie",
        )
        .values("pk")[:1]
    )


def provinciale_opgave(*, cyclus, provincie):
    """Subquery: the provincial opgave in the raming in force for a cycle (None without a
    raming or without a row for the province), like ``provinciale_opgaven(geldende_raming())``.
    ``cyclus``: the cycle's id or an expression for it inside the raming subquery (an
    ``OuterRef(OuterRef(...))``); ``provincie``: an OuterRef to the province id."""

    return Subquery(
        ProvincieVerdeling.objects.filter(
            raming_id=geldende_raming_id(cyclus),
            provincie_id=provincie,
        )
        .order_by()  # one row per raming and province
        .values("opgave")[:1]
    )


def _verslagpagina_kop(slug: str, jaar: int | None) -> dict | None:
    """What the verslag page of regietafel ``slug`` in cycle ``cyclus_of_huidige(jaar)`` shows
    besides the verslag itself: the ids of regietafel, province and cycle, the cycle's verslag
    milestone, the latest extension that applies, the provincial opgave in the raming in force
    (one query), whether the verslag has versions, attachments and assessments (one more) and
    the confirmed exchanges (one more). None when regietafel or cycle does not exist."""

    kop = (
        Regietafel.objects.filter(provincie__slug=slug)
        .annotate(_cyclus=cyclus_id_expressie(jaar))
        .annotate(
            # one verslag milestone per cycle
            _mijlpaal=Subquery(
                Mijlpaal.objects.filter(cyclus_id=OuterRef("_cyclus"), soort=Mijlpaal.Soort.VERSLAG)
                .order_by()
                .values("datum")[:1]
            ),
            # its own extensions and the cycle-wide ones
            _verlenging=Subquery(
                Termijnverlenging.objects.filter(cyclus_id=OuterRef("_cyclus"))
                .filter(Q(regietafel=OuterRef("pk")) | Q(regietafel__isnull=True))
                .order_by("-nieuwe_datum")
                .values("nieuwe_datum")[:1]
            ),
            _opgave=provinciale_opgave(
                cyclus=OuterRef(OuterRef("_cyclus")), provincie=OuterRef("provincie_id")
            ),
        )
        .order_by()
        .values("pk", "provincie_id", "_cyclus", "_mijlpaal", "_verlenging", "_opgave")[:1]
    )
    kop = next(iter(kop), None)
    if kop is None or kop["_cyclus"] is None:
        return None

    # Whether the verslag has versions, attachments and assessments: the page reads them only
    # when it has any. (Reading the verslag makes every verslag write renew this value.)
    versies = (
        VerslagVersie.objects.filter(verslag=OuterRef("pk"))
        .order_by()
        .values("verslag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    onderdelen = (
        Verslag.objects.filter(regietafel_id=kop["pk"], cyclus_id=kop["_cyclus"])
        .annotate(
            aantal_versies=Coalesce(Subquery(versies), Value(0)),
            heeft_bijlagen=Exists(Bijlage.objects.filter(verslag=OuterRef("pk"))),
            heeft_beoordelingen=Exists(Beoordeling.objects.filter(verslag=OuterRef("pk"))),
        )
        .order_by()
        .values("pk", "aantal_versies", "heeft_bijlagen", "heeft_beoordelingen")[:1]
    )
    return {
        "onderdelen": next(iter(onderdelen), None),
        "regietafel_id": kop["pk"],
        "cyclus_id": kop["_cyclus"],
        "mijlpaal_datum": kop["_mijlpaal"],
        "laatste_verlenging": kop["_verlenging"],
        "opgave_aantal": kop["_opgave"],
        "uitruil": bevestigde_uitruilen(cyclus_id=kop["_cyclus"], provincie_id=kop["provincie_id"]),
    }


def verslag_voor_pagina(user, *, slug: str, jaar: int | None) -> Verslag | None:
    """The verslag of the regietafel ``slug`` in the cycle ``cyclus_of_huidige(jaar)`` as far
    as ``user`` may see it (None otherwise), with regietafel, province, cycle and submitter,
    and as attributes

    - ``mijlpaal_datum``: the cycle's verslag milestone,
    - ``laatste_verlenging``: the latest date of the extensions that apply to it,
    - ``opgave_aantal``: the provincial opgave (None: use the sum of the rows),
    - ``aantal_versies``: the number of submitted versions,
    - ``heeft_bijlagen``, ``heeft_beoordelingen``: whether it has any (to skip reading none),
    - ``uitruil``: ``bevestigde_uitruilen`` of its province and cycle.

    """

    kop = _verslagpagina_kop(slug, jaar)
    if kop is None:
        return None
    # Verslag.zichtbaar_voor is the regietafel's province rule as well (RegietafelQuerySet):
    # no separate regietafel filter needed. One verslag per regietafel and cycle.
    gevonden = list(
        Verslag.objects.zichtbaar_voor(user)
        .select_related("regietafel__provincie", "cyclus", "ingediend_door")
        .filter(regietafel_id=kop["regietafel_id"], cyclus_id=kop["cyclus_id"])
        .order_by()[:1]
    )
    if not gevonden:
        return None
    verslag = gevonden[0]
    verslag.mijlpaal_datum = kop["mijlpaal_datum"]
    verslag.laatste_verlenging = kop["laatste_verlenging"]
    verslag.opgave_aantal = kop["opgave_aantal"]
    verslag.uitruil = kop["uitruil"]
    onderdelen = kop["onderdelen"]
    if onderdelen is None or onderdelen["pk"] != verslag.pk:
        # Created while the value was being kept (that write renews the value on the next
        # request): count its versions now, and read attachments and assessments.
        onderdelen = {
            "aantal_versies": VerslagVersie.objects.filter(verslag=verslag).count(),
            "heeft_bijlagen": True,
            "heeft_beoordelingen": True,
        }
    # Versions, attachments and assessments follow the access rule of their verslag
    # (VerslagOnderdeelQuerySet: the same province rule), so all of this verslag's count.
    verslag.aantal_versies = onderdelen["aantal_versies"]
    verslag.heeft_bijlagen = onderdelen["heeft_bijlagen"]
    verslag.heeft_beoordelingen = onderdelen["heeft_beoordelingen"]
    return verslag


def verslag_regels(verslag: Verslag):
    """The rows of a verslag with their gemeente, in one query."""
    return list(verslag.regels.select_related("gemeente").order_by("gemeente__naam"))


@dataclass
class UitruilPartijTekst:
    """One party of a confirmed exchange as the verslag lists it."""

    gemeente: str
    richting: str
    aantal: int
    taak: str


@dataclass
class BevestigdeUitruil:
    id: int
    bevestigd_op: dt.datetime | None
    partijen: list[UitruilPartijTekst]


def bevestigde_uitruilen(
    *, cyclus_id: int, provincie_id: int
) -> tuple[list[BevestigdeUitruil], dict[int, int], bool]:
    """The confirmed exchanges of a province in a cycle (in order of confirmation, each with
    its parties) and gemeente id → net asielopvang change (+ takes on, − gives up; gemeenten
    without a change left out). The third value says whether the uitruil part is available at
    all (always, since uitruil is an app below this one). One query: the party rows with their
    exchange and gemeente."""
    richtingen = {waarde: str(label) for waarde, label in Richting.choices}
    taken = {waarde: str(label) for waarde, label in Taak.choices}
    rijen = (
        UitruilPartij.objects.filter(
            uitruil__cyclus_id=cyclus_id,
            uitruil__provincie_id=provincie_id,
            uitruil__status=Uitruil.Status.BEVESTIGD,
        )
        .order_by("uitruil__bevestigd_op", "uitruil_id", "pk")
        .values_list(
            "uitruil_id",
            "uitruil__bevestigd_op",
            "gemeente_id",
            "gemeente__naam",
            "taak",
            "richting",
            "aantal",
        )
    )
    uitruilen: dict[int, BevestigdeUitruil] = {}
    netto: dict[int, int] = {}
    for uitruil_id, bevestigd_op, gemeente_id, naam, taak, richting, aantal in rijen:
        uitruil = uitruilen.get(uitruil_id)
        if uitruil is None:
            uitruil = uitruilen[uitruil_id] = BevestigdeUitruil(uitruil_id, bevestigd_op, [])
        uitruil.partijen.append(
            UitruilPartijTekst(
                gemeente=naam,
                richting=richtingen.get(richting, richting),
                aantal=aantal,
                taak=taken.get(taak, taak),
            )
        )
        if taak == Taak.ASIELOPVANG:
            mutatie = aantal if richting == Richting.NEEMT_OP else -aantal
            netto[gemeente_id] = netto.get(gemeente_id, 0) + mutatie
    return list(uitruilen.values()), {g: n for g, n in netto.items() if n != 0}, True


def versie_verschillen(oud: dict | None, nieuw: dict) -> list[dict]:
    """Per row of ``nieuw`` the fields that differ from ``oud`` (two snapshots)."""
    velden = (
        "bestaande_locaties",
        "vastgestelde_plannen",
        "bestuurlijke_voornemens",
        "amv",
        "aangeboden",
        "beschikbaar_van",
        "beschikbaar_tot",
        "opmerking",
    )
    vorige = {r["gemeente_id"]: r for r in (oud or {}).get("regels", [])}
    uitkomst = []
    for regel in nieuw.get("regels", []):
        eerder = vorige.get(regel["gemeente_id"])
        wijzigingen = []
        for veld in velden:
            a = eerder.get(veld) if eerder else None
            b = regel.get(veld)
            if eerder is not None and a != b:
                wijzigingen.append({"veld": veld.replace("_", " "), "oud": a, "nieuw": b})
        uitkomst.append({"regel": regel, "wijzigingen": wijzigingen})
    return uitkomst


def geldend_verdeelbesluit(cyclus, *, user=None) -> Verdeelbesluit | None:
    """The verdeelbesluit in force for a cycle: its newest fixed version (with ``user``: only
    if that user may see it). The one definition; services, pages, panels and the insight
    pages use it."""
    if cyclus is None:
        return None
    besluiten = (
        Verdeelbesluit.objects if user is None else Verdeelbesluit.objects.zichtbaar_voor(user)
    )
    return (
        besluiten.filter(cyclus=cyclus, status=Verdeelbesluit.Status.VASTGESTELD)
        .order_by("-versie")
        .first()
    )


def realisatie_stand(*, gemeente, cyclus, zonder: int | None = None) -> tuple[int, int]:
    """(the gemeente's number in the verdeelbesluit in force, places reported so far in force,
    without report ``zonder``): what a new report is weighed against."""
    besluit = geldend_verdeelbesluit(cyclus)
    vastgesteld = (
        VerdeelbesluitRegel.objects.filter(verdeelbesluit=besluit, gemeente=gemeente)
        .values_list("aantal", flat=True)
        .first()
        if besluit is not None
        else None
    ) or 0
    eerder = (
        Realisatiemelding.objects.filter(gemeente=gemeente, cyclus=cyclus)
        .exclude(pk=zonder)
        .aggregate(s=Sum("aantal"))["s"]
        or 0
    )
    return vastgesteld, eerder


def verdeelbesluit_overzicht(besluit, *, user, provincie: str = "") -> dict:
    """The rows of ``besluit`` visible to ``user`` (optionally of one province, by slug), the
    totals per province against the opgave and every province of the besluit (for the
    filter). A few queries, whatever the number of rows."""
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )
    # every province of the besluit in the filter, also while one is chosen
    alle_provincies = sorted(
        {(r.gemeente.provincie.slug, r.gemeente.provincie.naam) for r in regels}
    )
    if provincie:
        regels = [r for r in regels if r.gemeente.provincie.slug == provincie]
    opgaven = provinciale_opgaven(geldende_raming(besluit.cyclus))
    per_provincie: dict[int, dict] = {}
    for regel in regels:
        p = per_provincie.setdefault(
            regel.gemeente.provincie_id,
            {
                "provincie": regel.gemeente.provincie,
                "opgave": getattr(opgaven.get(regel.gemeente.provincie_id), "opgave", 0),
                "aangeboden": 0,
                "restopgave": 0,
                "aantal": 0,
            },
        )
        p["aangeboden"] += regel.aangeboden
        p["restopgave"] += regel.restopgave
        p["aantal"] += regel.aantal
    return {
        "regels": regels,
        "provincies": list(per_provincie.values()),
        "alle_provincies": alle_provincies,
    }


def nieuwste_verdeelbesluit_pk(cyclus_id: int) -> int | None:
    """The pk of the newest version of the cycle's verdeelbesluit."""
    return (
        Verdeelbesluit.objects.filter(cyclus_id=cyclus_id)
        .order_by("-versie")
        .values_list("pk", flat=True)
        .first()
    )


def realisatie_overzicht(cyclus, *, user, datum: dt.date | None = None) -> dict:
    """Realised places against the verdeelbesluit, per province and per gemeente: the reports
    (the counted figure) and, beside them, the locations in gebruik in the register on
    ``datum`` (today), with a warning where one closes before the next raming's reference
    date. The two are never added up (ADR 0014)."""
    besluit = geldend_verdeelbesluit(cyclus)
    if besluit is None:
        return {"besluit": None, "provincies": [], "gemeenten": [], "waarschuwingen": []}
    datum = datum or timezone.localdate()
    regels = list(
        VerdeelbesluitRegel.objects.zichtbaar_voor(user)
        .filter(verdeelbesluit=besluit)
        .select_related("gemeente__provincie")
        .order_by("gemeente__provincie__code", "gemeente__naam")
    )
    gerealiseerd = dict(
        Realisatiemelding.objects.zichtbaar_voor(user)
        .filter(cyclus=cyclus)
        .values("gemeente_id")
        .annotate(totaal=Sum("aantal"))
        .values_list("gemeente_id", "totaal")
    )
    volgende_peildatum = volgende_ramingspeildatum(cyclus)
    in_gebruik: dict[int, list] = {}
    for loc in locatie_realisatie.gerealiseerd_op(
        datum,
        volgende_peildatum=volgende_peildatum,
        gemeente_ids={r.gemeente_id for r in regels},
    ):
        in_gebruik.setdefault(loc.gemeente_id, []).append(loc)
    provincies: dict[int, dict] = {}
    gemeenten = []
    for regel in regels:
        klaar = gerealiseerd.get(regel.gemeente_id, 0)
        locaties = in_gebruik.get(regel.gemeente_id, [])
        register = sum(loc.plekken for loc in locaties)
        gemeenten.append(
            {
                "regel": regel,
                "gerealiseerd": klaar,
                "rest": regel.aantal - klaar,
                "register": register,
                "locaties": locaties,
                "verschil_register": register - klaar,
            }
        )
        p = provincies.setdefault(
            regel.gemeente.provincie_id,
            {"provincie": regel.gemeente.provincie, "aantal": 0, "gerealiseerd": 0, "register": 0},
        )
        p["aantal"] += regel.aantal
        p["gerealiseerd"] += klaar
        p["register"] += register
    for p in provincies.values():
        p["rest"] = p["aantal"] - p["gerealiseerd"]
    return {
        "besluit": besluit,
        "provincies": list(provincies.values()),
        "gemeenten": gemeenten,
        "datum": datum,
        "volgende_peildatum": volgende_peildatum,
        "waarschuwingen": [
            {"gemeente": g["regel"].gemeente, "locatie": loc}
            for g in gemeenten
            for loc in g["locaties"]
            if loc.sluit_voor_peildatum
        ],
    }


def volgende_ramingspeildatum(cyclus) -> dt.date:
    """The reference date of the next raming: its meerjarig-beschikbaar peildatum, 1 February
    of the next cycle year (the 2026 raming used 1-2-2026)."""
    return dt.date(cyclus.jaar + 2, 2, 1)


def open_verzoeken(user):
    return (
        Verlengingsverzoek.objects.zichtbaar_voor(user)
        .filter(status=Verlengingsverzoek.Status.OPEN)
        .select_related("verslag__regietafel__provincie", "verslag__cyclus", "ingediend_door")
    )


def te_beoordelen(user, cyclus):
    return (
        Verslag.objects.zichtbaar_voor(user)
        .filter(cyclus=cyclus, status=Verslag.Status.INGEDIEND)
        .select_related("regietafel__provincie")
    )


def filter_zoek(qs, zoek: str | None):
    if not zoek:
        return qs
    return qs.filter(Q(gemeente__naam__icontains=zoek))
