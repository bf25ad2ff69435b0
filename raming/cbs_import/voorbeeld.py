"""The preview of a CBS import: what it would change, merged codes mapped, successors derived."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..models import Gemeente, Gemeentefusie, Inwonertal, Provincie, SesWoaScore
from ..provincies import CBS_NAMEN
from .lezen import (
    GM_CODE,
    HUISHOUDENS_KOLOM,
    INWONERS,
    INWONERS_KOLOM,
    PERIODE,
    SES,
    SES_KOLOM,
    ImportFout,
    _kolom,
    getal,
    lees,
)

# ------------------------------------------------------------------------------- preview


@dataclass
class Waarde:
    """What will be stored for one gemeente."""

    gemeente_id: int | None  # None: a new gemeente (indeling import)
    code: str
    naam: str
    waarde: Decimal | int
    voorlopig: bool
    huidig: Decimal | int | None
    afleiding: str = ""
    provincie_code: str = ""

    @property
    def status(self) -> str:
        if self.huidig is None:
            return "nieuw"
        return "ongewijzigd" if self.huidig == self.waarde else "gewijzigd"


@dataclass
class Voorbeeld:
    soort: str
    jaar: int | None = None
    peildatum: dt.date | None = None
    periode: str = ""
    gelezen: int = 0  # GM rows
    wijken: int = 0
    buurten: int = 0
    overig: int = 0
    waarden: list[Waarde] = field(default_factory=list)
    via_fusie: list[dict] = field(default_factory=list)
    onbekend: list[dict] = field(default_factory=list)
    zonder_waarde: list[dict] = field(default_factory=list)
    nieuwe_gemeenten: list[dict] = field(default_factory=list)
    hernoemd: list[dict] = field(default_factory=list)
    verplaatst: list[dict] = field(default_factory=list)
    opgeheven: list[dict] = field(default_factory=list)  # retired by this indeling
    indeling: bool = False  # a full gemeentelijke indeling (population with province)
    fusie_inwoners: dict[str, int] = field(default_factory=dict)
    fouten: list[str] = field(default_factory=list)

    @property
    def kan_toepassen(self) -> bool:
        return not self.fouten and bool(self.waarden)

    @property
    def voorlopig(self) -> int:
        return sum(1 for w in self.waarden if w.voorlopig)

    def aantal(self, status: str) -> int:
        return sum(1 for w in self.waarden if w.status == status)

    @property
    def samenvatting(self) -> dict:
        return {
            "gelezen": self.gelezen,
            "overgeslagen": {"WK": self.wijken, "BU": self.buurten, "overig": self.overig},
            "waarden": len(self.waarden),
            "nieuw": self.aantal("nieuw"),
            "gewijzigd": self.aantal("gewijzigd"),
            "ongewijzigd": self.aantal("ongewijzigd"),
            "voorlopig": self.voorlopig,
            "via_fusie": len(self.via_fusie),
            "onbekend": len(self.onbekend),
            "zonder_waarde": len(self.zonder_waarde),
            "nieuwe_gemeenten": len(self.nieuwe_gemeenten),
            "opgeheven": len(self.opgeheven),
            "fouten": len(self.fouten),
        }


def _periode(ruw: str) -> tuple[int | None, bool]:
    m = PERIODE.match((ruw or "").strip())
    if not m:
        return None, False
    return int(m.group(1)), bool(m.group(2))


def _opvolger(code: str, fusies: dict[str, Gemeentefusie], bekend: set[str]):
    """Follow the merger table from an old code to a known gemeente: (code, [fusies])."""
    keten = []
    while code not in bekend and code in fusies and len(keten) < 10:
        keten.append(fusies[code])
        code = fusies[code].opvolger_code
    return (code, keten) if code in bekend else (None, keten)


def voorbeeld_maken(
    tekst: str, *, soort: str, jaar: int | None = None, peildatum: dt.date | None = None
) -> Voorbeeld:
    """Read ``tekst`` and say what applying it would do; writes nothing. ``peildatum``
    overrides the population's reference date read from the file."""
    kolommen, rijen = lees(tekst)
    vb = Voorbeeld(soort=soort)
    regio = _kolom(
        kolommen,
        precies=("Regiocode (gemeente, wijk, buurt) (code)", "gm_code", "RegioS"),
        bevat=(("regio", "code"), ("gemeentecode",)),
    )
    naam_kolom = _kolom(
        kolommen,
        precies=("Wijken en buurten", "gemeentenaam", "Regio's"),
        bevat=(("naam",), ("regio's",)),
    )
    peildatum_kolom = None
    if soort == SES:
        waarde_kolom = _kolom(
            kolommen, precies=(SES_KOLOM,), bevat=(("ses-woa", "totaalscore", "gemiddelde"),)
        )
        omschrijving = "SES-WOA-score"
    else:
        peildatum_kolom = next((k for k in kolommen if INWONERS_KOLOM.match(k)), None)
        waarde_kolom = peildatum_kolom or _kolom(
            kolommen, bevat=(("totale bevolking",), ("bevolking", "1 januari"), ("inwoners",))
        )
        omschrijving = "inwonertal"
    ontbrekend = [
        naam for naam, k in (("regiocode", regio), (omschrijving, waarde_kolom)) if k is None
    ]
    if ontbrekend:
        raise ImportFout([f"Regel 1: kolommen ontbreken: {', '.join(ontbrekend)}."])
    provincie_kolom = _kolom(kolommen, precies=("provincie",))
    huishoudens_kolom = _kolom(kolommen, precies=(HUISHOUDENS_KOLOM,))
    periode_kolom = _kolom(kolommen, precies=("Perioden",))
    vb.indeling = soort == INWONERS and provincie_kolom is not None

    # values go to the gemeenten of the current indeling; a retired gemeente's code is an old
    # code like any other (mapped through the merger table)
    alle = {
        g["code"]: g
        for g in Gemeente.objects.values("pk", "code", "naam", "provincie__code", "opgeheven_per")
    }
    bekend = {c: g for c, g in alle.items() if g["opgeheven_per"] is None}
    fusies = {f.voorganger_code: f for f in Gemeentefusie.objects.all()}
    provincies = dict(Provincie.objects.values_list("code", "pk"))
    if soort == SES:
        huidig = (
            {s.gemeente_id: s.score for s in SesWoaScore.objects.filter(jaar=jaar)} if jaar else {}
        )
    else:
        huidig = {}

    perioden: set[str] = set()
    gezien: dict[str, int] = {}
    eigen: dict[str, tuple[Decimal, bool, Decimal | None]] = {}  # known code → value
    voorgangers: dict[str, list[tuple]] = {}  # successor code → [(old code, name, value, …)]
    for nummer, rij in rijen:
        code = rij.get(regio, "").strip().upper()
        if code.startswith("WK"):
            vb.wijken += 1
            continue
        if code.startswith("BU"):
            vb.buurten += 1
            continue
        if not code.startswith("GM"):
            if vb.indeling:  # every row of an indeling is a gemeente
                vb.fouten.append(
                    f"Regel {nummer}: ongeldige gemeentecode {code!r} "
                    "(verwacht GM gevolgd door vier cijfers)."
                )
                continue
            vb.overig += 1
            continue
        vb.gelezen += 1
        naam = rij.get(naam_kolom, "") if naam_kolom else ""
        periode = rij.get(periode_kolom, "") if periode_kolom else ""
        rij_jaar, voorlopig = _periode(periode)
        if periode and rij_jaar is None:
            vb.fouten.append(f"Regel {nummer}: periode {periode!r} is geen jaar.")
            continue
        if jaar is not None and rij_jaar is not None and rij_jaar != jaar and soort == SES:
            vb.fouten.append(f"Regel {nummer}: periode {periode} hoort niet bij jaar {jaar}.")
            continue
        if periode:
            perioden.add(periode)
        if not GM_CODE.match(code):
            vb.fouten.append(f"Regel {nummer}: ongeldige gemeentecode {code!r}.")
            continue
        if code in gezien:
            vb.fouten.append(
                f"Regel {nummer}: gemeentecode {code} komt ook voor op regel {gezien[code]}."
            )
            continue
        gezien[code] = nummer
        ruw = rij.get(waarde_kolom, "")
        try:
            waarde = getal(ruw)
        except ValueError:
            vb.fouten.append(f"Regel {nummer}: {omschrijving} {ruw!r} van {code} is geen getal.")
            continue
        if waarde is not None and soort == SES and (waarde <= -1 or waarde >= 10):
            vb.fouten.append(f"Regel {nummer}: SES-WOA-score {waarde} van {code} is onmogelijk.")
            continue
        if waarde is not None and soort == INWONERS:
            if waarde < 0:
                vb.fouten.append(f"Regel {nummer}: inwonertal van {code} is negatief ({ruw}).")
                continue
            if waarde != waarde.to_integral_value():
                vb.fouten.append(
                    f"Regel {nummer}: inwonertal {ruw!r} van {code} is geen geheel getal ≥ 0."
                )
                continue
            waarde = int(waarde)
        try:
            gewicht = getal(rij.get(huishoudens_kolom, "")) if huishoudens_kolom else None
        except ValueError:
            gewicht = None
        if vb.indeling and not naam:
            vb.fouten.append(f"Regel {nummer}: gemeentenaam ontbreekt bij {code}.")
            continue
        if code in bekend:
            if waarde is None:
                vb.zonder_waarde.append(
                    {"code": code, "naam": bekend[code]["naam"], "reden": "‘.’ in het bestand"}
                )
            else:
                eigen[code] = (waarde, voorlopig, gewicht)
            if provincie_kolom and naam and naam != bekend[code]["naam"]:
                vb.hernoemd.append({"code": code, "oud": bekend[code]["naam"], "nieuw": naam})
            if vb.indeling:
                prov_naam = rij.get(provincie_kolom, "")
                prov_code = CBS_NAMEN.get(prov_naam.casefold())
                if prov_code is None or prov_code not in provincies:
                    vb.fouten.append(f"Regel {nummer}: provincie {prov_naam!r} bestaat niet.")
                    continue
                if prov_code != bekend[code]["provincie__code"]:
                    vb.verplaatst.append(
                        {"code": code, "naam": bekend[code]["naam"], "provincie": prov_code}
                    )
            continue
        opvolger, keten = _opvolger(code, fusies, set(bekend))
        if opvolger is not None:
            vb.via_fusie.append(
                {
                    "code": code,
                    "naam": naam or keten[0].voorganger_naam,
                    "opvolger_code": opvolger,
                    "opvolger_naam": bekend[opvolger]["naam"],
                    "datum": keten[-1].datum,
                    "waarde": waarde,
                }
            )
            voorgangers.setdefault(opvolger, []).append(
                (code, naam or keten[0].voorganger_naam, waarde, voorlopig, gewicht, keten)
            )
            if soort == INWONERS and waarde is not None:
                vb.fusie_inwoners[code] = waarde
            continue
        if vb.indeling and code not in alle:
            prov_naam = rij.get(provincie_kolom, "")
            prov_code = CBS_NAMEN.get(prov_naam.casefold())
            if prov_code is None or prov_code not in provincies:
                vb.fouten.append(f"Regel {nummer}: provincie {prov_naam!r} bestaat niet.")
                continue
            if not naam:
                vb.fouten.append(f"Regel {nummer}: gemeentenaam ontbreekt bij {code}.")
                continue
            vb.nieuwe_gemeenten.append({"code": code, "naam": naam, "provincie": prov_code})
            if waarde is not None:
                vb.waarden.append(
                    Waarde(None, code, naam, waarde, voorlopig, None, provincie_code=prov_code)
                )
            continue
        vb.onbekend.append({"regel": nummer, "code": code, "naam": naam})

    # the period and reference date
    if len(perioden) > 1:
        vb.fouten.append(
            f"Het bestand bevat meer dan één periode ({', '.join(sorted(perioden))}); "
            "exporteer één jaar per bestand."
        )
    if perioden:
        vb.periode = next(iter(sorted(perioden)))
    if soort == SES:
        vb.jaar = jaar if jaar is not None else _periode(vb.periode)[0]
        if vb.jaar is None:
            vb.fouten.append("Het jaar van de scores ontbreekt: kies het jaar.")
        elif not huidig:
            huidig = {s.gemeente_id: s.score for s in SesWoaScore.objects.filter(jaar=vb.jaar)}
    else:
        if peildatum is not None:
            vb.peildatum = peildatum
        elif peildatum_kolom:
            j, m, d = (int(x) for x in INWONERS_KOLOM.match(peildatum_kolom).groups())
            vb.peildatum = dt.date(j, m, d)
        elif jaar is not None or vb.periode:
            vb.peildatum = dt.date(jaar or _periode(vb.periode)[0], 1, 1)
        if vb.peildatum is None:
            vb.fouten.append("De peildatum van het inwonertal ontbreekt: kies het jaar.")
        else:
            vb.jaar = vb.peildatum.year
            huidig = dict(
                Inwonertal.objects.filter(peildatum=vb.peildatum).values_list(
                    "gemeente_id", "aantal"
                )
            )

    # merged gemeenten: derived from their predecessors when they have no row of their own
    for opvolger, rijen_oud in voorgangers.items():
        if opvolger in eigen:
            continue
        afgeleid = _afleiden(soort, rijen_oud, fusies, opvolger)
        if isinstance(afgeleid, str):
            vb.zonder_waarde.append(
                {"code": opvolger, "naam": bekend[opvolger]["naam"], "reden": afgeleid}
            )
            continue
        waarde, voorlopig, uitleg = afgeleid
        eigen[opvolger] = (waarde, voorlopig, None)
        bekend[opvolger]["afleiding"] = uitleg

    for code, (waarde, voorlopig, _) in sorted(eigen.items()):
        g = bekend[code]
        vb.waarden.append(
            Waarde(
                gemeente_id=g["pk"],
                code=code,
                naam=g["naam"],
                waarde=waarde,
                voorlopig=voorlopig,
                huidig=huidig.get(g["pk"]),
                afleiding=g.get("afleiding", ""),
            )
        )
    vb.waarden.sort(key=lambda w: w.naam)
    if vb.indeling:
        _opheffingen(vb, bekend, fusies, gezien)
    met_waarde = {w.code for w in vb.waarden} | {z["code"] for z in vb.zonder_waarde}
    met_waarde |= {o["code"] for o in vb.opgeheven}
    for code, g in sorted(bekend.items(), key=lambda kv: kv[1]["naam"]):
        if code not in met_waarde:
            reden = "staat niet in het bestand"
            if code in fusies:
                f = fusies[code]
                reden += f" (per {f.datum:%d-%m-%Y} opgegaan in {f.opvolger_naam})"
            vb.zonder_waarde.append({"code": code, "naam": g["naam"], "reden": reden})
    if not vb.gelezen and not vb.fouten:
        vb.fouten.append("Het bestand bevat geen gemeenteregels (regiocode GM…).")
    return vb


def _opheffingen(vb: Voorbeeld, bekend: dict, fusies: dict, gezien: dict) -> None:
    """An indeling without a gemeente Regietafel knows: that gemeente is retired per the date
    of its merger, with its successor (which must be in the indeling). Without a recorded
    merger Regietafel cannot say what became of it, and the import stops."""
    in_indeling = set(gezien)
    for code, g in sorted(bekend.items(), key=lambda kv: kv[1]["naam"]):
        if code in in_indeling:
            continue
        fusie = fusies.get(code)
        if fusie is None:
            vb.fouten.append(
                f"{g['naam']} ({code}) staat niet in deze gemeentelijke indeling en er is geen "
                "herindeling van bekend. Leg eerst de herindeling vast (Beheer › Gemeentelijke "
                "herindelingen, bron CBS) of importeer een volledige indeling."
            )
            continue
        if fusie.opvolger_code not in in_indeling:
            vb.fouten.append(
                f"{g['naam']} ({code}) is per {fusie.datum:%d-%m-%Y} opgegaan in "
                f"{fusie.opvolger_naam} ({fusie.opvolger_code}), maar die staat niet in deze "
                "indeling."
            )
            continue
        vb.opgeheven.append(
            {
                "code": code,
                "naam": g["naam"],
                "datum": fusie.datum,
                "opvolger_code": fusie.opvolger_code,
                "opvolger_naam": fusie.opvolger_naam,
            }
        )


def _afleiden(soort, rijen_oud, fusies, opvolger):
    """(value, provisional, explanation) for a successor from its predecessors' rows, or a
    reason (str) why it cannot be derived."""
    alle = sorted(c for c, f in fusies.items() if f.opvolger_code == opvolger)
    in_bestand = {r[0] for r in rijen_oud}
    # only the predecessors of the same merger (same date) must all be present
    datum = rijen_oud[0][5][-1].datum
    nodig = [c for c in alle if fusies[c].datum == datum]
    ontbreekt = [c for c in nodig if c not in in_bestand]
    if ontbreekt or any(r[2] is None for r in rijen_oud):
        namen = ", ".join(fusies[c].voorganger_naam for c in ontbreekt) or "een voorganger"
        return f"niet af te leiden: geen waarde van {namen} in het bestand"
    voorlopig = any(r[3] for r in rijen_oud)
    namen = ", ".join(f"{r[1]} ({r[0]})" for r in rijen_oud)
    if soort == INWONERS:
        totaal = sum(r[2] for r in rijen_oud)
        return totaal, voorlopig, f"Som van de voorgangers {namen} (gemeentelijke herindeling)."
    # SES: the mean of the predecessors weighted by their population (issue 17, ADR 0008),
    # recorded in the merger table by an import of the population in the old indeling or when
    # an indeling import retired the predecessor. No other weight stands in for it.
    inwoners = [fusies[r[0]].inwoners for r in rijen_oud]
    if not all(i for i in inwoners):
        zonder = ", ".join(
            f"{r[1]} ({r[0]})" for r, i in zip(rijen_oud, inwoners, strict=True) if not i
        )
        return (
            f"niet af te leiden: het inwonertal van de voorganger(s) {zonder} is niet bekend; "
            "importeer eerst de inwonertallen in de oude indeling (soort: inwonertallen)"
        )
    gewichten, naar = [Decimal(i) for i in inwoners], "inwonertal"
    peildata = {fusies[r[0]].inwoners_peildatum for r in rijen_oud}
    if len(peildata) == 1 and None not in peildata:
        naar += f" op {next(iter(peildata)):%d-%m-%Y}"
    som = sum(gewichten)
    gemiddelde = sum(g * r[2] for g, r in zip(gewichten, rijen_oud, strict=True)) / som
    gemiddelde = gemiddelde.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    delen = " + ".join(
        f"{r[1]} {_nl(r[2])} × {_nl(g)}" for g, r in zip(gewichten, rijen_oud, strict=True)
    )
    return (
        gemiddelde,
        voorlopig,
        f"Gewogen gemiddelde naar {naar} van de voorgangers {namen}: ({delen}) ÷ {_nl(som)} "
        f"= {_nl(gemiddelde)}.",
    )


def _nl(getal) -> str:
    """A number as Dutch text: decimal comma, thousands separated by a point."""
    if isinstance(getal, int) or getal == getal.to_integral_value():
        tekst = f"{int(getal):,}"
    else:
        tekst = f"{getal:,f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")
