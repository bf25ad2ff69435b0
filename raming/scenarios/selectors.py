"""Reads of scenarios: the side-by-side comparison with the basis raming.

A constant number of queries whatever the number of scenarios or gemeenten; the figures are
formatted here so the template only places strings (the comparison of four scenarios of 342
gemeenten must render fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from raming.models import Gemeente, GemeenteVerdeling, Provincie, ProvincieVerdeling, Raming

from .models import Scenario, ScenarioUitkomst

MAX_SCENARIOS = 4
GROOTSTE_GEMEENTEN = 10
GROOTSTE_PROVINCIES = 3


class VergelijkingFout(ValueError):
    """The chosen scenarios cannot be compared; the message is Dutch."""


def nl_getal(getal: int | None, *, teken: bool = False) -> str:
    """12345 → "12.345"; with ``teken`` a "+" or a real minus sign ("−") in front."""
    if getal is None:
        return "—"
    tekst = f"{abs(getal):,}".replace(",", ".")
    if getal < 0:
        return f"−{tekst}"
    if teken and getal > 0:
        return f"+{tekst}"
    return tekst


def nl_procent(pct: Decimal | None) -> str:
    if pct is None:
        return "—"
    afgerond = pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    tekst = f"{abs(afgerond)}".replace(".", ",")
    if afgerond < 0:
        return f"−{tekst} %"
    if afgerond > 0:
        return f"+{tekst} %"
    return f"{tekst} %"


def verschil_procent(basis: int | None, waarde: int | None) -> Decimal | None:
    if basis is None or waarde is None or basis == 0:
        return None
    return Decimal(waarde - basis) * 100 / Decimal(basis)


@dataclass
class Cel:
    waarde: int | None
    verschil: int | None
    procent: Decimal | None
    waarde_tekst: str = ""
    verschil_tekst: str = ""
    procent_tekst: str = ""

    @classmethod
    def maak(cls, basis: int | None, waarde: int | None) -> Cel:
        verschil = None if basis is None or waarde is None else waarde - basis
        procent = verschil_procent(basis, waarde)
        return cls(
            waarde=waarde,
            verschil=verschil,
            procent=procent,
            waarde_tekst=nl_getal(waarde),
            verschil_tekst=nl_getal(verschil, teken=True),
            procent_tekst=nl_procent(procent),
        )


@dataclass
class Rij:
    code: str
    naam: str
    groep: str  # the province of a gemeente; "" for a province row
    basis: int | None
    cellen: list[Cel]
    basis_tekst: str = ""
    grootste_verschil: int = 0
    beweger: bool = False

    def sleutel(self, sorteer: str):
        """Sort key for the GET parameter: naam, provincie, basis, s<n> (value) or v<n>
        (difference); None sorts last."""
        if sorteer == "naam":
            return (0, self.naam.lower())
        if sorteer == "provincie":
            return (0, (self.groep.lower(), self.naam.lower()))
        if sorteer == "basis":
            waarde = self.basis
        elif sorteer == "beweging":
            waarde = self.grootste_verschil
        else:
            index = int(sorteer[1:]) - 1
            cel = self.cellen[index]
            waarde = cel.waarde if sorteer[0] == "s" else cel.verschil
        return (0, waarde) if waarde is not None else (1, 0)


@dataclass
class Kolom:
    nummer: int
    scenario: Scenario
    landelijk: Cel
    som: Cel
    nog_te_realiseren: Cel
    naam: str = ""  # as shared, for a PRT secretary


@dataclass
class Vergelijking:
    basis: Raming
    kolommen: list[Kolom]
    gedeelde_set: bool
    basis_landelijk_tekst: str
    basis_som_tekst: str
    basis_ntr_tekst: str
    basis_som: int | None = None
    basis_ntr: int | None = None
    provincies: list[Rij] = field(default_factory=list)
    provincies_ntr: list[Rij] = field(default_factory=list)
    gemeenten: list[Rij] = field(default_factory=list)
    bewegers_gemeenten: list[Rij] = field(default_factory=list)
    bewegers_provincies: list[Rij] = field(default_factory=list)

    @property
    def provincies_op_code(self) -> list[Rij]:
        """The provinces in the order of the chart (by CBS code)."""
        return sorted(self.provincies, key=lambda r: r.code)


SORTEERBAAR = {"naam", "provincie", "basis", "beweging"} | {
    f"{soort}{n}" for soort in "sv" for n in range(1, MAX_SCENARIOS + 1)
}


def sorteer_rijen(rijen: list[Rij], sorteer: str, aantal_kolommen: int) -> tuple[list[Rij], str]:
    """Sort by a GET value such as "v2" or "-basis"; unknown values fall back to the name."""
    omgekeerd = sorteer.startswith("-")
    sleutel = sorteer.lstrip("-")
    if sleutel not in SORTEERBAAR or (sleutel[0] in "sv" and int(sleutel[1:]) > aantal_kolommen):
        return sorted(rijen, key=lambda r: r.naam.lower()), "naam"
    rijen = sorted(rijen, key=lambda r: r.naam.lower())
    gevuld = [r for r in rijen if r.sleutel(sleutel)[0] == 0]
    leeg = [r for r in rijen if r.sleutel(sleutel)[0] == 1]
    gevuld.sort(key=lambda r: r.sleutel(sleutel)[1], reverse=omgekeerd)
    return gevuld + leeg, sorteer


def _markeer_bewegers(rijen: list[Rij], aantal: int) -> list[Rij]:
    for rij in rijen:
        rij.grootste_verschil = max(
            (abs(c.verschil) for c in rij.cellen if c.verschil is not None), default=0
        )
    kandidaten = sorted(
        (r for r in rijen if r.grootste_verschil > 0),
        key=lambda r: (-r.grootste_verschil, r.naam),
    )[:aantal]
    for rij in kandidaten:
        rij.beweger = True
    return kandidaten


def vergelijking(
    *, gebruiker, scenario_ids: list[int], sorteer: str = "naam", psorteer: str = "naam"
) -> Vergelijking:
    """Compare up to four scenarios (on the same basis raming) with that basis.

    The ministry compares the current results; a PRT secretary the results frozen when the
    scenarios were shared with them. Scenarios the user may not see raise Scenario.DoesNotExist.
    """
    ids = list(dict.fromkeys(scenario_ids))
    if not ids:
        raise VergelijkingFout("Kies één tot vier scenario's om te vergelijken.")
    if len(ids) > MAX_SCENARIOS:
        raise VergelijkingFout("U kunt ten hoogste vier scenario's tegelijk vergelijken.")
    gevonden = {
        s.pk: s
        for s in Scenario.objects.zichtbaar_voor(gebruiker)
        .filter(pk__in=ids)
        .select_related("basis__cyclus", "auteur")
        .prefetch_related("aanpassingen")
    }
    if len(gevonden) != len(ids):
        raise Scenario.DoesNotExist("Niet alle scenario's zijn zichtbaar.")
    scenarios = [gevonden[i] for i in ids]
    basis = scenarios[0].basis
    if any(s.basis_id != basis.pk for s in scenarios):
        raise VergelijkingFout(
            "Vergelijk alleen scenario's op dezelfde basisraming: kies scenario's van één raming."
        )
    gedeeld = not getattr(gebruiker, "is_ministerie", False)
    uitkomst_set = ScenarioUitkomst.Set.GEDEELD if gedeeld else ScenarioUitkomst.Set.ACTUEEL

    basis_gemeenten = dict(
        GemeenteVerdeling.objects.filter(raming=basis).values_list("gemeente_id", "aantal")
    )
    basis_provincies = {
        pid: (opgave, ntr)
        for pid, opgave, ntr in ProvincieVerdeling.objects.filter(raming=basis).values_list(
            "provincie_id", "opgave", "nog_te_realiseren"
        )
    }
    provincies = list(Provincie.objects.values_list("pk", "code", "naam").order_by("code"))
    provincie_naam = {pk: naam for pk, _, naam in provincies}

    per_scenario_g: dict[int, dict[int, int]] = {s.pk: {} for s in scenarios}
    per_scenario_p: dict[int, dict[int, tuple[int, int | None]]] = {s.pk: {} for s in scenarios}
    for sid, gid, pid, aantal, ntr in ScenarioUitkomst.objects.filter(
        scenario_id__in=ids, set=uitkomst_set
    ).values_list("scenario_id", "gemeente_id", "provincie_id", "aantal", "nog_te_realiseren"):
        if gid is None:
            per_scenario_p[sid][pid] = (aantal, ntr)
        else:
            per_scenario_g[sid][gid] = aantal

    basis_som = sum(o for o, _ in basis_provincies.values()) if basis_provincies else None
    # a province whose nog-te-realiseren is unknown counts as 0, as on the scenarios' side
    basis_ntr = sum((n or 0) for _, n in basis_provincies.values()) if basis_provincies else None
    kolommen = []
    for nummer, s in enumerate(scenarios, start=1):
        p = per_scenario_p[s.pk]
        landelijk = (
            s.gedeelde_invoer.get("resultaat_landelijk") if gedeeld else s.resultaat_landelijk
        )
        kolommen.append(
            Kolom(
                nummer=nummer,
                scenario=s,
                landelijk=Cel.maak(basis.landelijk_aantal, landelijk),
                som=Cel.maak(basis_som, sum(a for a, _ in p.values()) if p else None),
                nog_te_realiseren=Cel.maak(
                    basis_ntr, sum((n or 0) for _, n in p.values()) if p else None
                ),
                naam=s.gedeelde_invoer.get("naam", s.naam) if gedeeld else s.naam,
            )
        )

    rijen_p, rijen_ntr = [], []
    for pid, code, naam in provincies:
        b_opgave, b_ntr = basis_provincies.get(pid, (None, None))
        cellen_o, cellen_n = [], []
        for s in scenarios:
            opgave, ntr = per_scenario_p[s.pk].get(pid, (None, None))
            cellen_o.append(Cel.maak(b_opgave, opgave))
            cellen_n.append(Cel.maak(b_ntr, ntr))
        rijen_p.append(Rij(code, naam, "", b_opgave, cellen_o, nl_getal(b_opgave)))
        rijen_ntr.append(Rij(code, naam, "", b_ntr, cellen_n, nl_getal(b_ntr)))

    rijen_g = []
    for gid, code, naam, pid in Gemeente.objects.values_list("pk", "code", "naam", "provincie_id"):
        b = basis_gemeenten.get(gid)
        cellen = [Cel.maak(b, per_scenario_g[s.pk].get(gid)) for s in scenarios]
        if b is None and all(c.waarde is None for c in cellen):
            continue
        rijen_g.append(Rij(code, naam, provincie_naam.get(pid, ""), b, cellen, nl_getal(b)))

    bewegers_p = _markeer_bewegers(rijen_p, GROOTSTE_PROVINCIES)
    _markeer_bewegers(rijen_ntr, GROOTSTE_PROVINCIES)
    bewegers_g = _markeer_bewegers(rijen_g, GROOTSTE_GEMEENTEN)
    n = len(scenarios)
    rijen_p, _ = sorteer_rijen(rijen_p, psorteer, n)
    rijen_ntr, _ = sorteer_rijen(rijen_ntr, psorteer, n)
    rijen_g, _ = sorteer_rijen(rijen_g, sorteer, n)
    return Vergelijking(
        basis=basis,
        kolommen=kolommen,
        gedeelde_set=gedeeld,
        basis_landelijk_tekst=nl_getal(basis.landelijk_aantal),
        basis_som_tekst=nl_getal(basis_som),
        basis_ntr_tekst=nl_getal(basis_ntr),
        basis_som=basis_som,
        basis_ntr=basis_ntr,
        provincies=rijen_p,
        provincies_ntr=rijen_ntr,
        gemeenten=rijen_g,
        bewegers_gemeenten=bewegers_g,
        bewegers_provincies=bewegers_p,
    )


def uitkomsten(scenario: Scenario, *, gedeeld: bool):
    """The stored figures of one scenario with the basis figures beside them, for the detail
    page: (province rows, gemeente rows), each as Rij with one Cel. Constant queries."""
    set_ = ScenarioUitkomst.Set.GEDEELD if gedeeld else ScenarioUitkomst.Set.ACTUEEL
    basis_g = dict(
        GemeenteVerdeling.objects.filter(raming_id=scenario.basis_id).values_list(
            "gemeente_id", "aantal"
        )
    )
    basis_p = {
        pid: (opgave, ntr)
        for pid, opgave, ntr in ProvincieVerdeling.objects.filter(
            raming_id=scenario.basis_id
        ).values_list("provincie_id", "opgave", "nog_te_realiseren")
    }
    provincies, gemeenten = [], []
    for u in (
        ScenarioUitkomst.objects.filter(scenario=scenario, set=set_)
        .select_related("provincie", "gemeente")
        .order_by("provincie__code", "gemeente__naam")
    ):
        if u.gemeente_id is None:
            b_opgave, b_ntr = basis_p.get(u.provincie_id, (None, None))
            rij = Rij(
                u.provincie.code,
                u.provincie.naam,
                "",
                b_opgave,
                [Cel.maak(b_opgave, u.aantal), Cel.maak(b_ntr, u.nog_te_realiseren)],
                nl_getal(b_opgave),
            )
            rij.beschikbaar_tekst = nl_getal(u.beschikbaar)
            provincies.append(rij)
        else:
            b = basis_g.get(u.gemeente_id)
            gemeenten.append(
                Rij(
                    u.gemeente.code,
                    u.gemeente.naam,
                    u.provincie.naam,
                    b,
                    [Cel.maak(b, u.aantal)],
                    nl_getal(b),
                )
            )
    gemeenten.sort(key=lambda r: r.naam.lower())
    return provincies, gemeenten
