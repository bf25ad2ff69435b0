"""The verslag as an Excel workbook, out and back in (openpyxl).

Out: a sheet "Verslag" with a row per gemeente (code, name and indicative number locked by
sheet protection; the input columns unlocked with data validation), a sheet "Toelichting", and
a hidden sheet with a signed marker: the verslag, province, cycle, edit version and the values
at download. In: the workbook is read against that marker. Another province's or cycle's
workbook is refused; the changes are the cells that differ from the values at download, so a
change someone else saved in between is never undone by an unchanged cell, and a cell both
changed shows as a conflict. Every cell is checked with the form's own rules
(``forms.regel_lezen``) and every error names its cell.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core import archief
from core.grenzen import DATUM_LAATST, DATUM_VROEGST, PLAUSIBEL_MAXIMUM

from . import forms
from .models import Verslag
from .services import AANTAL_VELDEN, REGEL_VELDEN
from .services import _wijzigingen_sinds as wijzigingen_sinds  # noqa: F401 (used by views, API)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BLAD = "Verslag"
TOELICHTING = "Toelichting"
KENMERKBLAD = "Kenmerk"
ZOUT = "regietafels.verslag-werkboek"
MAX_BYTES = 5 * 1024 * 1024
MAX_RIJEN = 2000
#: what a downloaded workbook reads: the key of the kept file (core/bewaard_bestand.py)
TABELLEN = ("regietafels", "raming")

# (field, heading, kind): "vast" is locked, "formule" is computed by the spreadsheet.
KOLOMMEN = (
    ("gemeentecode", "Gemeentecode", "vast"),
    ("gemeente", "Gemeente", "vast"),
    ("indicatief_aantal", "Indicatief aantal", "vast"),
    ("bestaande_locaties", "Bestaande locaties", "aantal"),
    ("vastgestelde_plannen", "Vastgestelde plannen", "aantal"),
    ("bestuurlijke_voornemens", "Bestuurlijke voornemens", "aantal"),
    ("aangeboden", "Aangeboden (berekend)", "formule"),
    ("amv", "Waarvan amv", "aantal"),
    ("beschikbaar_van", "Beschikbaar van (dd-mm-jjjj)", "datum"),
    ("beschikbaar_tot", "Beschikbaar tot (dd-mm-jjjj)", "datum"),
    ("opmerking", "Opmerking", "tekst"),
)
KOLOM = {veld: get_column_letter(i) for i, (veld, _, _) in enumerate(KOLOMMEN, start=1)}
LABEL = {veld: kop for veld, kop, _ in KOLOMMEN}
EERSTE_RIJ = 2


class WerkboekGeweigerd(ValidationError):
    """The file as a whole cannot be used (not a workbook of this verslag, damaged, too big)."""


def _opgeslagen(waarde):
    """A value as the marker keeps it (JSON): dates as ISO text."""
    return waarde.isoformat() if isinstance(waarde, dt.date) else waarde


def _uit_kenmerk(veld: str, waarde):
    if waarde is not None and veld in ("beschikbaar_van", "beschikbaar_tot"):
        return dt.date.fromisoformat(waarde)
    return waarde


def tonen(waarde) -> str:
    """A value as the preview shows it."""
    if waarde is None or waarde == "":
        return "leeg"
    return forms.datum_tonen(waarde)


# --- out ----------------------------------------------------------------------------------


def werkboek_maken(verslag: Verslag, regels) -> bytes:
    """The xlsx of ``verslag`` with its ``regels`` (``selectors.verslag_regels``)."""
    kenmerk = {
        "verslag": verslag.pk,
        "provincie": verslag.regietafel.provincie.code,
        "cyclus": verslag.cyclus.jaar,
        "versie": verslag.versie,
        "waarden": {
            r.gemeente.code: [_opgeslagen(getattr(r, veld)) for veld in REGEL_VELDEN]
            for r in regels
        },
    }
    wb = Workbook()
    blad = wb.active
    blad.title = BLAD
    vet = Font(bold=True)
    kop_vlak = PatternFill("solid", fgColor="DDE4EE")
    invoer_vlak = PatternFill("solid", fgColor="FFFFFF")
    vast_vlak = PatternFill("solid", fgColor="F3F5F8")
    for i, (_, kop, _) in enumerate(KOLOMMEN, start=1):
        cel = blad.cell(row=1, column=i, value=kop)
        cel.font = vet
        cel.fill = kop_vlak
        cel.alignment = Alignment(wrap_text=True, vertical="top")
    for n, regel in enumerate(regels, start=EERSTE_RIJ):
        for i, (veld, _, soort) in enumerate(KOLOMMEN, start=1):
            if veld == "gemeentecode":
                waarde = regel.gemeente.code
            elif veld == "gemeente":
                waarde = regel.gemeente.naam
            elif soort == "formule":
                k = KOLOM
                waarde = (
                    f"={k['bestaande_locaties']}{n}+{k['vastgestelde_plannen']}{n}"
                    f"+{k['bestuurlijke_voornemens']}{n}"
                )
            else:
                waarde = getattr(regel, veld)
            cel = blad.cell(row=n, column=i, value=waarde)
            if soort == "tekst":
                cel.data_type = "s"  # a remark is text, never a formula
            if soort in ("aantal", "datum", "tekst"):
                cel.protection = Protection(locked=False)
                cel.fill = invoer_vlak
            else:
                cel.fill = vast_vlak
            if soort == "datum":
                cel.number_format = "DD-MM-YYYY"
            elif soort == "tekst":
                cel.number_format = "@"
    laatste = EERSTE_RIJ + len(regels) - 1
    if regels:
        getallen = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2=str(PLAUSIBEL_MAXIMUM),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Geen geldig aantal",
            error="Vul een heel getal van 0 of meer in.",
        )
        datums = DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({DATUM_VROEGST.year},{DATUM_VROEGST.month},{DATUM_VROEGST.day})",
            formula2=f"DATE({DATUM_LAATST.year},{DATUM_LAATST.month},{DATUM_LAATST.day})",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Geen geldige datum",
            error="Vul een datum in als dd-mm-jjjj.",
        )
        for veld in AANTAL_VELDEN:
            getallen.add(f"{KOLOM[veld]}{EERSTE_RIJ}:{KOLOM[veld]}{laatste}")
        for veld in ("beschikbaar_van", "beschikbaar_tot"):
            datums.add(f"{KOLOM[veld]}{EERSTE_RIJ}:{KOLOM[veld]}{laatste}")
        blad.add_data_validation(getallen)
        blad.add_data_validation(datums)
    breedtes = {"gemeentecode": 13, "gemeente": 24, "opmerking": 40}
    for veld, _, soort in KOLOMMEN:
        blad.column_dimensions[KOLOM[veld]].width = breedtes.get(
            veld, 15 if soort == "datum" else 12
        )
    blad.row_dimensions[1].height = 32
    blad.freeze_panes = f"{KOLOM['bestaande_locaties']}{EERSTE_RIJ}"
    # Protection guards the layout, not a secret: the workbook can be unprotected without a
    # password, and every value is checked again on upload.
    blad.protection.sheet = True
    blad.protection.formatColumns = False
    blad.protection.formatRows = False

    uitleg = wb.create_sheet(TOELICHTING)
    provincie = verslag.regietafel.provincie
    regels_uitleg = [
        f"Verslag {provincie} {verslag.cyclus.jaar} (bewerkingsversie {verslag.versie})",
        "",
        "Zo vult u dit werkboek in:",
        "1. Vul op het blad 'Verslag' per gemeente de aantallen, de periode en een opmerking in.",
        "2. Aantallen zijn hele getallen van 0 of meer; laat een cel leeg voor 0.",
        "3. Data als dd-mm-jjjj, bijvoorbeeld 01-07-2026. 'Tot' ligt niet voor 'van'.",
        "4. Waarvan amv is niet groter dan het totaal aangeboden (de som van de drie soorten).",
        "5. Gemeentecode, gemeente en indicatief aantal zijn vergrendeld; wijzig geen rijen of "
        "kolommen en laat het blad 'Kenmerk' staan.",
        "6. Upload het bestand op de verslagpagina ('Ingevuld Excel-bestand uploaden'). U ziet "
        "eerst elke wijziging en elke fout met de cel; pas daarna past u alles in één keer toe.",
        "",
        "Alleen cellen die u wijzigt, worden overgenomen. Heeft iemand anders het verslag "
        "intussen gewijzigd, dan ziet u dat bij het uploaden.",
        "Dit werkboek hoort bij dit verslag; een werkboek van een andere provincie of cyclus "
        "wordt geweigerd.",
    ]
    for n, tekst in enumerate(regels_uitleg, start=1):
        uitleg.cell(row=n, column=1, value=tekst)
    uitleg["A1"].font = Font(bold=True, size=13)
    uitleg.column_dimensions["A"].width = 110
    uitleg.protection.sheet = True

    merk = wb.create_sheet(KENMERKBLAD)
    merk["A1"] = "Kenmerk van Regietafel; niet wijzigen."
    merk["A2"] = signing.dumps(kenmerk, salt=ZOUT, compress=True)
    merk.sheet_state = "hidden"
    merk.protection.sheet = True
    wb.active = 0
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def bestandsnaam(verslag: Verslag) -> str:
    return (
        f"verslag-{verslag.regietafel.provincie.slug}-{verslag.cyclus.jaar}-v{verslag.versie}.xlsx"
    )


# --- in -----------------------------------------------------------------------------------


@dataclass
class Celwijziging:
    veld: str
    label: str
    cel: str
    oud: object
    nieuw: object
    tekst: str  # the new value as the form takes it
    tussentijds: object = None  # the value at download when someone changed it in between
    conflict: bool = False

    @property
    def oud_tekst(self) -> str:
        return tonen(self.oud)

    @property
    def nieuw_tekst(self) -> str:
        return tonen(self.nieuw)

    @property
    def tussentijds_tekst(self) -> str:
        return tonen(self.tussentijds)


@dataclass
class Rijwijziging:
    gemeente_id: int
    gemeentecode: str
    gemeente: str
    rij: int
    cellen: list[Celwijziging] = field(default_factory=list)


@dataclass
class Celfout:
    rij: int
    kolom: str
    cel: str
    gemeente: str
    melding: str


@dataclass
class Inlezing:
    """What an uploaded workbook would change, before anything is saved."""

    werkboek_versie: int
    huidige_versie: int
    wijzigingen: list[Rijwijziging]
    fouten: list[Celfout]

    @property
    def conflicten(self) -> list[tuple[Rijwijziging, Celwijziging]]:
        return [(r, c) for r in self.wijzigingen for c in r.cellen if c.conflict]

    @property
    def verouderd(self) -> bool:
        return self.werkboek_versie != self.huidige_versie

    def formulierwaarden(self) -> dict[str, str]:
        """``regel-<gemeente>-<veld>`` → the new value as the verslag form takes it."""
        return {
            f"regel-{r.gemeente_id}-{c.veld}": c.tekst for r in self.wijzigingen for c in r.cellen
        }


def openen(bestand, *, soort="verslagwerkboek", herkomst="de verslagpagina"):
    """The workbook in ``bestand``; ``soort`` and ``herkomst`` name the workbook and the page
    it is downloaded from in the refusals (the realisation workbook shares this check)."""
    data = bestand.read() if hasattr(bestand, "read") else bestand
    if len(data) > MAX_BYTES:
        raise WerkboekGeweigerd(f"Het bestand is groter dan 5 MB; dit is geen {soort}.")
    onleesbaar = ONLEESBAAR.format(herkomst=herkomst)
    try:
        # the directory is checked before openpyxl unpacks anything: sizes (zip bombs),
        # encrypted members, exotic compression
        with archief.controleren(io.BytesIO(data), "Excel-werkboeken (xlsx)") as zf:
            if sum(i.file_size for i in zf.infolist()) > 20 * MAX_BYTES:
                raise WerkboekGeweigerd("Het bestand is uitgepakt te groot.")
    except archief.ArchiefFout as fout:
        raise WerkboekGeweigerd(
            onleesbaar if fout.beschadigd else " ".join(fout.messages)
        ) from None
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as fout:  # openpyxl raises many kinds for a file that is not xlsx
        raise WerkboekGeweigerd(onleesbaar) from fout


ONLEESBAAR = (
    "Dit bestand is geen leesbaar Excel-werkboek (xlsx). Download het werkboek van "
    "{herkomst}, vul het in en upload het opnieuw."
)


def _kenmerk(wb) -> dict:
    if KENMERKBLAD not in wb.sheetnames or BLAD not in wb.sheetnames:
        raise WerkboekGeweigerd(
            "Dit werkboek komt niet van Regietafel (het blad 'Kenmerk' of 'Verslag' ontbreekt). "
            "Download het werkboek van de verslagpagina."
        )
    try:
        return signing.loads(str(wb[KENMERKBLAD]["A2"].value or ""), salt=ZOUT)
    except signing.BadSignature as fout:
        raise WerkboekGeweigerd(
            "Het kenmerk van dit werkboek is gewijzigd of beschadigd; download het werkboek "
            "opnieuw."
        ) from fout


def kenmerk_controleren(kenmerk: dict, verslag: Verslag) -> None:
    """Refuse a workbook of another province, cycle or verslag."""
    provincie = verslag.regietafel.provincie
    if kenmerk.get("provincie") != provincie.code:
        raise WerkboekGeweigerd(
            f"Dit werkboek hoort bij een andere provincie, niet bij {provincie}. Het is niet "
            "ingelezen."
        )
    if kenmerk.get("cyclus") != verslag.cyclus.jaar:
        raise WerkboekGeweigerd(
            f"Dit werkboek hoort bij de cyclus {kenmerk.get('cyclus')}, niet bij "
            f"{verslag.cyclus.jaar}. Het is niet ingelezen."
        )
    if kenmerk.get("verslag") != verslag.pk:
        raise WerkboekGeweigerd("Dit werkboek hoort bij een ander verslag. Het is niet ingelezen.")


def _gelijk(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return (a or "").strip() == (b or "").strip()
    return a == b


def werkboek_lezen(bestand, *, verslag: Verslag, regels) -> Inlezing:
    """Read an uploaded workbook against ``verslag`` (its current ``regels``). Raises
    ``WerkboekGeweigerd`` when the file as a whole cannot be used; everything else (changes,
    errors per cell, conflicts) is in the result. Nothing is saved."""
    wb = openen(bestand)
    kenmerk = _kenmerk(wb)
    kenmerk_controleren(kenmerk, verslag)
    blad = wb[BLAD]
    if blad.max_row > MAX_RIJEN:
        raise WerkboekGeweigerd("Het blad 'Verslag' heeft te veel rijen.")
    koppen = [blad.cell(row=1, column=i).value for i in range(1, len(KOLOMMEN) + 1)]
    if koppen != [kop for _, kop, _ in KOLOMMEN]:
        raise WerkboekGeweigerd(
            "De kolommen van het blad 'Verslag' zijn gewijzigd; download het werkboek opnieuw "
            "en laat de kolommen staan."
        )
    per_code = {r.gemeente.code: r for r in regels}
    bij_download = kenmerk.get("waarden", {})
    wijzigingen: list[Rijwijziging] = []
    fouten: list[Celfout] = []
    gezien: set[str] = set()
    for n, rij in enumerate(
        blad.iter_rows(min_row=EERSTE_RIJ, max_col=len(KOLOMMEN), values_only=True),
        start=EERSTE_RIJ,
    ):
        waarden = dict(zip((veld for veld, _, _ in KOLOMMEN), rij, strict=False))
        code = str(waarden.get("gemeentecode") or "").strip()
        if not code and all(w in (None, "") for w in rij):
            continue
        regel = per_code.get(code)
        naam = regel.gemeente.naam if regel else str(waarden.get("gemeente") or "")
        if regel is None or code in gezien:
            fouten.append(
                Celfout(
                    rij=n,
                    kolom=KOLOM["gemeentecode"],
                    cel=f"{KOLOM['gemeentecode']}{n}",
                    gemeente=naam,
                    melding=(
                        f"De gemeentecode {code or '(leeg)'} hoort niet bij dit verslag."
                        if regel is None
                        else f"De gemeente {naam} staat meer dan eens in het werkboek."
                    ),
                )
            )
            continue
        gezien.add(code)
        invoer, regelfouten = forms.regel_lezen(waarden)
        for veld in REGEL_VELDEN:
            if veld in regelfouten:
                fouten.append(
                    Celfout(
                        rij=n,
                        kolom=KOLOM[veld],
                        cel=f"{KOLOM[veld]}{n}",
                        gemeente=naam,
                        melding=regelfouten[veld],
                    )
                )
        origineel = bij_download.get(code)
        wijziging = Rijwijziging(
            gemeente_id=regel.gemeente_id, gemeentecode=code, gemeente=naam, rij=n
        )
        for i, veld in enumerate(REGEL_VELDEN):
            if veld in regelfouten:
                continue  # listed with the errors, not as a change
            nieuw = getattr(invoer, veld)
            toen = _uit_kenmerk(veld, origineel[i]) if origineel else getattr(regel, veld)
            nu = getattr(regel, veld)
            if _gelijk(nieuw, toen) or _gelijk(nieuw, nu):
                continue  # not changed in the workbook, or already so: what is saved stays
            wijziging.cellen.append(
                Celwijziging(
                    veld=veld,
                    label=LABEL[veld],
                    cel=f"{KOLOM[veld]}{n}",
                    oud=nu,
                    nieuw=nieuw,
                    tekst=forms.datum_tonen(nieuw),
                    tussentijds=toen if not _gelijk(toen, nu) else None,
                    conflict=not _gelijk(toen, nu),
                )
            )
        if wijziging.cellen:
            wijzigingen.append(wijziging)
    return Inlezing(
        werkboek_versie=int(kenmerk.get("versie") or 0),
        huidige_versie=verslag.versie,
        wijzigingen=wijzigingen,
        fouten=fouten,
    )
