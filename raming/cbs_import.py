"""CBS StatLine imports: read a CSV export, preview what it would change, then apply it
atomically (or cancel). Used by the ministry's import pages and by the management commands.

What a StatLine export may look like (both are read):

* semicolon or comma separated, values quoted or not, codes padded with spaces, a BOM;
* decimal point or decimal comma ("0,153"); "." (or empty) for a missing value;
* a provisional period marked with "*" ("2022*"): stored, and the value marked ``voorlopig``;
* rows of wijken (WK…) and buurten (BU…) and other regions: skipped and counted.

Codes of gemeenten that no longer exist are mapped with the merger table
(:class:`raming.models.Gemeentefusie`, "Bron: CBS"). A successor that has no row of its own
gets the population-weighted mean score of its predecessors (population: the sum), and the
stored value says so; without the predecessors' population it gets no score (never a mean
weighted otherwise). Codes that are neither known nor in the merger table are listed, not
fatal; so are known gemeenten that get no value.

A population file with a ``provincie`` column is a gemeentelijke indeling (``manage.py
import_gemeenten`` and the import page read it the same way): gemeenten in it that Regietafel
does not know are added, and gemeenten that Regietafel knows but the indeling no longer has
are retired ``opgeheven per`` the date of their merger, with their successor (from the merger
table; without a recorded merger the import stops). Nothing is deleted: cycles already
decided keep their gemeenten.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.rechten import Handeling, als_gebruiker, vereist

from .models import CbsImport, Gemeente, Gemeentefusie, Inwonertal, Provincie, SesWoaScore
from .provincies import CBS_NAMEN

SES = CbsImport.Soort.SES_WOA
INWONERS = CbsImport.Soort.INWONERS

GM_CODE = re.compile(r"^GM\d{4}$")
PERIODE = re.compile(r"^(\d{4})(?:JJ00)?\s*(\*)?$")
INWONERS_KOLOM = re.compile(r"^inwoners_(\d{4})_(\d{2})_(\d{2})$")
SES_KOLOM = "SES-WOA/Totaalscore/Gemiddelde score (Getal)"
HUISHOUDENS_KOLOM = "Particuliere huishoudens (Aantal)"
MAX_REGELS = 20_000


class ImportFout(Exception):
    """The file cannot be imported; ``fouten`` lists every bad line (Dutch)."""

    def __init__(self, fouten: list[str]):
        self.fouten = fouten
        super().__init__("\n".join(fouten))


# ------------------------------------------------------------------------------- reading


def tekst_uit_bytes(inhoud: bytes) -> str:
    """UTF-8 (with or without BOM); StatLine also offers Windows-1252."""
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise ImportFout(["Het bestand is geen tekst (UTF-8 of Windows-1252)."])


def _scheidingsteken(kopregel: str) -> str:
    return ";" if kopregel.count(";") >= kopregel.count(",") else ","


def lees(tekst: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(columns, [(line number, row)]) of a CSV text; values stripped."""
    if "\x00" in tekst:
        raise ImportFout(["Het bestand bevat NUL-tekens; is het wel een CSV-bestand?"])
    tekst = tekst.lstrip("\ufeff")
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        raise ImportFout(["Het bestand is leeg."])
    if len(regels) > MAX_REGELS:
        raise ImportFout([f"Het bestand heeft meer dan {MAX_REGELS} regels."])
    lezer = csv.reader(regels, delimiter=_scheidingsteken(regels[0]))
    kolommen = [k.strip() for k in next(lezer)]
    rijen = []
    for nummer, waarden in enumerate(lezer, start=2):
        if not any(w.strip() for w in waarden):
            continue
        rijen.append(
            (nummer, {k: (w or "").strip() for k, w in zip(kolommen, waarden, strict=False)})
        )
    return kolommen, rijen


def getal(ruw: str) -> Decimal | None:
    """A StatLine number: None for "" or "."; decimal comma or point; "1.234,5" is Dutch."""
    ruw = (ruw or "").strip().replace("\u00a0", "").replace(" ", "")
    if ruw in ("", ".", "-", "x"):
        return None
    if "," in ruw and "." in ruw:
        ruw = ruw.replace(".", "").replace(",", ".")
    elif "," in ruw:
        ruw = ruw.replace(",", ".")
    try:
        waarde = Decimal(ruw)
    except InvalidOperation:
        raise ValueError(ruw) from None
    if not waarde.is_finite():
        raise ValueError(ruw)
    return waarde


def _kolom(kolommen: list[str], *, precies=(), bevat=()) -> str | None:
    for k in kolommen:
        if k in precies:
            return k
    for k in kolommen:
        laag = k.casefold()
        if any(all(deel in laag for deel in groep) for groep in bevat):
            return k
    return None


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


# ------------------------------------------------------------------------------- applying


def bron_tekst(imp: CbsImport) -> str:
    delen = ["CBS StatLine"]
    if imp.tabel:
        delen.append(imp.tabel)
    if imp.periode:
        delen.append(f"periode {imp.periode}")
    if imp.downloaddatum:
        delen.append(f"gedownload {imp.downloaddatum:%d-%m-%Y}")
    return ", ".join(delen)


@transaction.atomic
def toepassen(imp: CbsImport, *, door) -> Voorbeeld:
    """Apply a previewed import: everything or nothing. The preview is made again from the
    stored file, so what is written is what the database says now. ``door``: the ministry
    user, or ``accounts.rechten.SYSTEEM`` in a management command (recorded as nobody)."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    door = als_gebruiker(door)
    imp = CbsImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status != CbsImport.Status.VOORBEELD:
        raise ImportFout([f"Deze import is al {imp.get_status_display().lower()}."])
    vb = voorbeeld_van(imp)
    if not vb.kan_toepassen:
        raise ImportFout(vb.fouten or ["Er valt niets toe te passen."])
    bron = bron_tekst(imp)
    ontstaan = {o["opvolger_code"]: o["datum"] for o in vb.opgeheven}
    for nieuw in vb.nieuwe_gemeenten:
        g = Gemeente(
            code=nieuw["code"],
            naam=nieuw["naam"],
            provincie=Provincie.objects.get(code=nieuw["provincie"]),
            slug=_uniek_slug(nieuw["naam"], nieuw["code"]),
            # formed by a merger that this indeling carries out
            ontstaan_per=ontstaan.get(nieuw["code"]),
        )
        g._history_user = door
        g.save()
    for h in vb.hernoemd:
        g = Gemeente.objects.get(code=h["code"])
        g.naam = h["nieuw"]
        g._history_user = door
        g.save(update_fields=["naam"])
    for v in vb.verplaatst:
        g = Gemeente.objects.get(code=v["code"])
        g.provincie = Provincie.objects.get(code=v["provincie"])
        g._history_user = door
        g.save(update_fields=["provincie"])
    for o in vb.opgeheven:
        opheffen(o, door=door)
    ids = dict(Gemeente.objects.values_list("code", "pk"))
    model = SesWoaScore if imp.soort == SES else Inwonertal
    waardeveld = "score" if imp.soort == SES else "aantal"
    sleutel = {"jaar": vb.jaar} if imp.soort == SES else {"peildatum": vb.peildatum}
    bestaand = {o.gemeente_id: o for o in model.objects.filter(**sleutel)}
    for w in vb.waarden:
        velden = {
            waardeveld: w.waarde,
            "bron": bron,
            "tabel": imp.tabel,
            "periode": imp.periode,
            "downloaddatum": imp.downloaddatum,
            "voorlopig": w.voorlopig,
            "afleiding": w.afleiding,
        }
        obj = bestaand.get(ids[w.code])
        if obj is None:
            model.objects.create(gemeente_id=ids[w.code], cbs_import=imp, **sleutel, **velden)
        elif any(getattr(obj, k) != v for k, v in velden.items()):
            # a changed value or source; the same file twice writes nothing (no history rows)
            for k, v in velden.items():
                setattr(obj, k, v)
            obj.cbs_import = imp
            obj.save()
    for code, aantal in vb.fusie_inwoners.items():
        Gemeentefusie.objects.filter(voorganger_code=code).update(
            inwoners=aantal, inwoners_peildatum=vb.peildatum
        )
    imp.status = CbsImport.Status.TOEGEPAST
    imp.jaar = vb.jaar
    imp.peildatum = vb.peildatum
    imp.samenvatting = vb.samenvatting
    imp.afgehandeld_door = door
    imp.afgehandeld_op = timezone.now()
    imp.save()
    return vb


def opheffen(opheffing: dict, *, door) -> Gemeente:
    """Retire one gemeente per its merger date, with its successor; never delete it. Its last
    population before the merger is kept in the merger table as the weight of its SES-WOA
    score in the successor's mean (unless a population import recorded one already)."""
    g = Gemeente.objects.get(code=opheffing["code"])
    g.opgeheven_per = opheffing["datum"]
    g.opvolger = Gemeente.objects.get(code=opheffing["opvolger_code"])
    g._history_user = door
    g.save(update_fields=["opgeheven_per", "opvolger"])
    fusie = Gemeentefusie.objects.get(voorganger_code=g.code)
    if fusie.inwoners is None:
        laatste = (
            Inwonertal.objects.filter(gemeente=g, peildatum__lt=fusie.datum)
            .order_by("-peildatum")
            .first()
        )
        if laatste is not None:
            fusie.inwoners = laatste.aantal
            fusie.inwoners_peildatum = laatste.peildatum
            fusie._history_user = door
            fusie.save(update_fields=["inwoners", "inwoners_peildatum"])
    return g


def _uniek_slug(naam: str, code: str) -> str:
    slug = slugify(naam)[:90] or code.lower()
    if Gemeente.objects.filter(slug=slug).exists():
        slug = f"{slug}-{code.lower()}"
    return slug


# ------------------------------------------------------------------------------- the import


def import_voorbereiden(
    *,
    soort: str,
    inhoud: bytes | str,
    bestandsnaam: str = "",
    tabel: str = "",
    downloaddatum: dt.date | None = None,
    jaar: int | None = None,
    peildatum: dt.date | None = None,
    door,
) -> tuple[CbsImport, Voorbeeld]:
    """Read the file and keep it with its preview (status ``voorbeeld``); nothing else is
    written until :func:`toepassen`. A file that cannot be read at all raises ImportFout.
    ``door``: the ministry user, or ``accounts.rechten.SYSTEEM`` in a management command."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    if soort not in CbsImport.Soort.values:
        raise ImportFout(["Kies wat het bestand bevat: SES-WOA-scores of inwonertallen."])
    tekst = tekst_uit_bytes(inhoud) if isinstance(inhoud, bytes) else inhoud
    vb = voorbeeld_maken(tekst, soort=soort, jaar=jaar, peildatum=peildatum)
    imp = CbsImport.objects.create(
        soort=soort,
        bestandsnaam=bestandsnaam[:200],
        inhoud=tekst.lstrip("\ufeff"),
        tabel=(tabel or "").strip()[:20],
        periode=vb.periode,
        jaar=vb.jaar,
        peildatum=vb.peildatum,
        downloaddatum=downloaddatum,
        samenvatting=vb.samenvatting,
        aangemaakt_door=als_gebruiker(door),
    )
    return imp, vb


@transaction.atomic
def annuleren(imp: CbsImport, *, door) -> CbsImport:
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    imp = CbsImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status != CbsImport.Status.VOORBEELD:
        raise ImportFout([f"Deze import is al {imp.get_status_display().lower()}."])
    imp.status = CbsImport.Status.GEANNULEERD
    imp.afgehandeld_door = als_gebruiker(door)
    imp.afgehandeld_op = timezone.now()
    imp.save()
    return imp


def voorbeeld_van(imp: CbsImport) -> Voorbeeld:
    return voorbeeld_maken(
        imp.inhoud,
        soort=imp.soort,
        jaar=imp.jaar,
        peildatum=imp.peildatum if imp.soort == INWONERS else None,
    )


def meldingen(vb: Voorbeeld) -> list[str]:
    """The preview in lines of Dutch text (management commands)."""
    regels = [
        f"{vb.gelezen} gemeenteregels gelezen; overgeslagen: {vb.wijken} wijken, "
        f"{vb.buurten} buurten, {vb.overig} andere regio's.",
    ]
    if vb.voorlopig:
        regels.append(f"{vb.voorlopig} voorlopige waarde(n) (periode {vb.periode}).")
    if len(vb.nieuwe_gemeenten) > 20:  # a first indeling: the count, not 342 lines
        regels.append(f"{len(vb.nieuwe_gemeenten)} nieuwe gemeenten.")
    else:
        for n in vb.nieuwe_gemeenten:
            regels.append(f"Nieuwe gemeente: {n['naam']} ({n['code']}, {n['provincie']}).")
    for h in vb.hernoemd:
        regels.append(f"Nieuwe naam: {h['oud']} ({h['code']}) heet nu {h['nieuw']}.")
    for v in vb.verplaatst:
        regels.append(f"{v['naam']} ({v['code']}) hoort nu bij provincie {v['provincie']}.")
    for o in vb.opgeheven:
        regels.append(
            f"Opgeheven per {o['datum']:%d-%m-%Y}: {o['naam']} ({o['code']}), opgegaan in "
            f"{o['opvolger_naam']} ({o['opvolger_code']}); eerdere cycli houden haar."
        )
    for f in vb.via_fusie:
        regels.append(
            f"{f['code']} {f['naam']} is per {f['datum']:%d-%m-%Y} opgegaan in "
            f"{f['opvolger_naam']} ({f['opvolger_code']})."
        )
    for w in vb.waarden:
        if w.afleiding:
            regels.append(f"{w.naam}: {w.waarde} — {w.afleiding}")
    for o in vb.onbekend:
        regels.append(f"Regel {o['regel']}: onbekende gemeentecode {o['code']} overgeslagen.")
    if vb.zonder_waarde:
        regels.append(f"{len(vb.zonder_waarde)} gemeente(n) zonder waarde:")
        regels += [f"  {z['naam']} ({z['code']}): {z['reden']}" for z in vb.zonder_waarde]
    return regels
