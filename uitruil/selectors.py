"""Reads of exchanges: confirmed exchanges, the ledger per gemeente and per province."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Prefetch, Q, Sum, When

from accounts.rechten import zichtbaar_per_rol
from raming.models import Gemeente, GemeenteVerdeling, Provincie, Wetscyclus
from raming.selectors import geldende_raming, provinciale_opgaven

from .models import Richting, Taak, Taakstelling, Uitruil, UitruilPartij


def _bevestigd_met_partijen(qs):
    return (
        qs.filter(status=Uitruil.Status.BEVESTIGD)
        .select_related("cyclus", "provincie", "voorgesteld_door_gemeente")
        .prefetch_related(
            Prefetch(
                "partijen",
                queryset=UitruilPartij.objects.select_related("gemeente").order_by("pk"),
            )
        )
        .order_by("bevestigd_op", "pk")
    )


def netto_mutaties(uitruilen, *, taak: str = Taak.ASIELOPVANG) -> dict[int, int]:
    """gemeente id → the summed signed change of ``taak`` over ``uitruilen`` (prefetched)."""
    netto: dict[int, int] = defaultdict(int)
    for uitruil in uitruilen:
        for partij in uitruil.partijen.all():
            if partij.taak == taak:
                netto[partij.gemeente_id] += partij.mutatie
    return dict(netto)


def bevestigde_uitruil_voor_provincie(
    *, cyclus: Wetscyclus, provincie: Provincie
) -> tuple[list[Uitruil], dict[int, int]]:
    """The confirmed exchanges of a province in a cycle, and per gemeente the net change of
    asielopvang places it now carries (+ takes on, − gives up). Two queries.

    Each exchange has its party rows prefetched (``uitruil.partijen.all()``, with gemeente).
    Gemeenten without a net asielopvang change are left out of the dict.
    """
    uitruilen = list(
        _bevestigd_met_partijen(Uitruil.objects.filter(cyclus=cyclus, provincie=provincie))
    )
    netto = {g: n for g, n in netto_mutaties(uitruilen).items() if n != 0}
    return uitruilen, netto


def bevestigde_asielopvang_mutaties(*, cyclus, gemeente_ids) -> dict[int, int]:
    """gemeente id → net confirmed asielopvang change, in one aggregate query."""
    rijen = (
        UitruilPartij.objects.filter(
            uitruil__cyclus=cyclus,
            uitruil__status=Uitruil.Status.BEVESTIGD,
            taak=Taak.ASIELOPVANG,
            gemeente_id__in=list(gemeente_ids),
        )
        .values("gemeente_id")
        .annotate(
            netto=Sum(
                Case(
                    When(richting=Richting.NEEMT_OP, then=F("aantal")),
                    default=-F("aantal"),
                    output_field=IntegerField(),
                )
            )
        )
    )
    return {r["gemeente_id"]: r["netto"] or 0 for r in rijen}


# --- the ledger ------------------------------------------------------------------------------


@dataclass
class Boeking:
    """One confirmed exchange in a gemeente's ledger for one task."""

    uitruil: Uitruil
    mutatie: int


@dataclass
class TaakRegel:
    taak: str
    label: str
    start: int | None  # None: no starting number recorded
    boekingen: list[Boeking] = field(default_factory=list)

    @property
    def mutatie(self) -> int:
        return sum(b.mutatie for b in self.boekingen)

    @property
    def resultaat(self) -> int | None:
        if self.start is None:
            return self.mutatie if self.boekingen else None
        return self.start + self.mutatie


@dataclass
class GemeenteGrootboek:
    gemeente: Gemeente
    taken: list[TaakRegel]

    def taak(self, taak: str) -> TaakRegel:
        return next(r for r in self.taken if r.taak == taak)


@dataclass
class ProvincieGrootboek:
    provincie: Provincie
    cyclus: Wetscyclus
    gemeenten: list[GemeenteGrootboek]
    uitruilen: list[Uitruil]
    opgave: int | None
    totalen: dict[str, dict[str, int | None]]

    @property
    def asielopvang_resultaat(self) -> int:
        return self.totalen[Taak.ASIELOPVANG]["resultaat"] or 0

    @property
    def tekort(self) -> int:
        """How many asielopvang places the province falls short after confirmed exchanges."""
        if self.opgave is None:
            return 0
        return max(0, self.opgave - self.asielopvang_resultaat)

    @property
    def opgave_gehaald(self) -> bool:
        return self.tekort == 0


def _startaantallen(*, cyclus, gemeente_filter: Q) -> dict[tuple[int, str], int]:
    """(gemeente id, taak) → starting number: indicative (asielopvang, amv) from the geldende
    raming and the recorded Taakstelling (statushouders, oekraine)."""
    start: dict[tuple[int, str], int] = {}
    raming = geldende_raming(cyclus)
    if raming is not None:
        for gid, aantal, amv in GemeenteVerdeling.objects.filter(
            Q(raming=raming) & gemeente_filter
        ).values_list("gemeente_id", "aantal", "amv"):
            start[(gid, Taak.ASIELOPVANG)] = aantal
            start[(gid, Taak.AMV)] = amv
    for gid, taak, aantal in Taakstelling.objects.filter(
        Q(cyclus=cyclus) & gemeente_filter
    ).values_list("gemeente_id", "taak", "aantal"):
        start[(gid, taak)] = aantal
    return start


def _grootboeken(gemeenten, *, cyclus, uitruilen, start) -> list[GemeenteGrootboek]:
    boekingen: dict[tuple[int, str], list[Boeking]] = defaultdict(list)
    for uitruil in uitruilen:
        for partij in uitruil.partijen.all():
            boekingen[(partij.gemeente_id, partij.taak)].append(Boeking(uitruil, partij.mutatie))
    return [
        GemeenteGrootboek(
            gemeente=g,
            taken=[
                TaakRegel(
                    taak=taak.value,
                    label=str(taak.label),
                    start=start.get((g.pk, taak.value)),
                    boekingen=boekingen.get((g.pk, taak.value), []),
                )
                for taak in Taak
            ],
        )
        for g in gemeenten
    ]


def grootboek_provincies(user):
    """The provinces whose ledger ``user`` may read: ministry and COA every province, a PRT
    secretary or gemeente user its own. The one access rule of the ledgers (pages and API)."""
    if not getattr(user, "is_authenticated", False):
        return Provincie.objects.none()
    if user.is_ministerie or user.is_coa:
        return Provincie.objects.all()
    return Provincie.objects.filter(pk=user.eigen_provincie_id)


def grootboek_gemeenten(user):
    """The gemeenten whose ledger ``user`` may read: ministry and COA all, a PRT secretary
    those of its province, a gemeente user its own."""
    return zichtbaar_per_rol(Gemeente.objects.all(), user, provincie="provincie_id", gemeente="pk")


def grootboek_gemeente(*, cyclus: Wetscyclus, gemeente: Gemeente) -> GemeenteGrootboek:
    """The ledger of one gemeente: per task the start, every confirmed exchange, the result."""
    uitruilen = _bevestigd_met_partijen(
        Uitruil.objects.filter(cyclus=cyclus, partijen__gemeente=gemeente).distinct()
    )
    start = _startaantallen(cyclus=cyclus, gemeente_filter=Q(gemeente=gemeente))
    return _grootboeken([gemeente], cyclus=cyclus, uitruilen=uitruilen, start=start)[0]


def grootboek_provincie(*, cyclus: Wetscyclus, provincie: Provincie) -> ProvincieGrootboek:
    """The ledger of a province: every gemeente's ledger, the totals per task and whether the
    provincial asielopvang total is still met after all confirmed exchanges. Constant queries."""
    gemeenten = list(Gemeente.objects.filter(provincie=provincie).order_by("naam"))
    uitruilen, _netto = bevestigde_uitruil_voor_provincie(cyclus=cyclus, provincie=provincie)
    start = _startaantallen(cyclus=cyclus, gemeente_filter=Q(gemeente__provincie=provincie))
    boeken = _grootboeken(gemeenten, cyclus=cyclus, uitruilen=uitruilen, start=start)
    totalen: dict[str, dict[str, int | None]] = {}
    for taak in Taak:
        regels = [b.taak(taak.value) for b in boeken]
        heeft_start = any(r.start is not None for r in regels)
        start_som = sum(r.start or 0 for r in regels) if heeft_start else None
        mutatie = sum(r.mutatie for r in regels)
        totalen[taak.value] = {
            "label": str(taak.label),
            "start": start_som,
            "mutatie": mutatie,
            "resultaat": (start_som or 0) + mutatie if heeft_start or mutatie else None,
        }
    opgave = None
    pv = provinciale_opgaven(geldende_raming(cyclus)).get(provincie.pk)
    if pv is not None:
        opgave = pv.opgave
    return ProvincieGrootboek(
        provincie=provincie,
        cyclus=cyclus,
        gemeenten=boeken,
        uitruilen=uitruilen,
        opgave=opgave,
        totalen=totalen,
    )


def wacht_op_reactie(user):
    """Exchanges waiting for this user: a gemeente's open consent, or (PRT) confirmation."""
    qs = Uitruil.objects.zichtbaar_voor(user).select_related(
        "provincie", "voorgesteld_door_gemeente", "cyclus"
    )
    if getattr(user, "is_gemeente", False):
        return qs.filter(
            status=Uitruil.Status.VOORGESTELD,
            partijen__gemeente_id=user.gemeente_id,
            partijen__instemming=UitruilPartij.Instemming.OPEN,
        ).distinct()
    if getattr(user, "is_prt", False):
        return qs.filter(status=Uitruil.Status.GEACCEPTEERD)
    return qs.none()


def toegestane_acties(*, uitruil: Uitruil, user, partijen=None) -> set[str]:
    """The actions ``user`` may take on ``uitruil`` now (to show buttons; services decide).

    ``partijen``: the exchange's party rows if already loaded (saves a query)."""
    acties: set[str] = set()
    if getattr(user, "is_gemeente", False):
        rijen = [
            p
            for p in (partijen if partijen is not None else uitruil.partijen.all())
            if p.gemeente_id == user.gemeente_id
        ]
        if not rijen:
            return acties
        if uitruil.status in Uitruil.OPEN_STATUSSEN:
            acties.add("intrekken")
        kan_reageren = uitruil.voorgesteld_door_gemeente_id != user.gemeente_id and all(
            r.instemming == UitruilPartij.Instemming.OPEN for r in rijen
        )
        if kan_reageren and uitruil.status == Uitruil.Status.VOORGESTELD:
            acties |= {"accepteren", "afwijzen"}
        if kan_reageren and uitruil.status == Uitruil.Status.AFGEWEZEN:
            acties.add("afwijzen")
    elif getattr(user, "is_prt", False) and user.provincie_id == uitruil.provincie_id:
        if uitruil.status == Uitruil.Status.GEACCEPTEERD:
            acties |= {"bevestigen", "terugsturen"}
        if uitruil.status == Uitruil.Status.BEVESTIGD:
            acties.add("annuleren")
    return acties


def verhouding_controle(*, uitruil: Uitruil, partijen) -> dict:
    """Compare the stated ratio with the quantities: the asielopvang places taken on against
    the places of the other tasks taken on. Informative only: no statutory ratio exists."""
    asiel = sum(
        p.aantal for p in partijen if p.taak == Taak.ASIELOPVANG and p.richting == Richting.NEEMT_OP
    )
    tegen = sum(
        p.aantal for p in partijen if p.taak != Taak.ASIELOPVANG and p.richting == Richting.NEEMT_OP
    )
    a, b = uitruil.verhouding_asielopvang, uitruil.verhouding_tegenprestatie
    return {
        "asielopvang": asiel,
        "tegenprestatie": tegen,
        "klopt": asiel * b == tegen * a,
    }
