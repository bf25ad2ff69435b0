"""A gemeente's realisation reports as an Excel workbook: the reports so far (locked) and empty
rows for new ones. On upload every new row is checked with its cell named; applying creates
them all in one transaction through ``services.realisatie_melden``, or none. The hidden marker
names the gemeente, the cycle and how many reports there were: a workbook of another gemeente
or cycle is refused, and one made before reports were added since (or uploaded twice) too.

A row may name a location of the gemeente's register (column D: its COA reference or its
register number, listed on the sheet "Locaties"): the report is then about that location,
which counts already (ADR 0014), so its number is the location's places (filled in when left
empty) and it adds nothing to the realised total."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from core.grenzen import BESTURINGSTEKENS, BESTURINGSTEKENS_MELDING, PLAUSIBEL_MAXIMUM
from locaties.models import Opvanglocatie
from locaties.realisatie import gerealiseerd_op

from . import forms
from .models import Realisatiemelding
from .werkboek import Celfout, WerkboekGeweigerd, openen

BLAD = "Meldingen"
KENMERKBLAD = "Kenmerk"
ZOUT = "regietafels.realisatie-werkboek"
LOCATIEBLAD = "Locaties"
KOPPEN = (
    "Datum (dd-mm-jjjj)",
    "Gerealiseerde plekken",
    "Opmerking",
    "Locatie (COA-referentie of registernummer)",
)
LOCATIEKOPPEN = ("Registernummer", "COA-referentie", "Naam", "Plekken", "Fase")
LEGE_RIJEN = 200
MAXIMUM_NIEUW = 5 * LEGE_RIJEN  # rows read below the reports so far
OPMERKING_MAXIMUM = 2000


@dataclass
class NieuweMelding:
    rij: int
    datum: dt.date
    aantal: int
    opmerking: str
    locatie: Opvanglocatie | None = None

    @property
    def datum_tekst(self) -> str:
        return forms.datum_tonen(self.datum)


FOUTEN_PER_MELDING = 10  # cells named per message; a message that repeats says how often


@dataclass
class Foutgroep:
    """One message with the cells it applies to: the first ``FOUTEN_PER_MELDING`` named, the
    rest counted (a workbook of a thousand rows with the same mistake gives one line)."""

    kolom: str
    melding: str
    cellen: list[str]
    meer: int


def fouten_groeperen(fouten: list[Celfout]) -> list[Foutgroep]:
    groepen: dict[tuple[str, str], list[str]] = {}
    for f in fouten:
        groepen.setdefault((f.kolom, f.melding), []).append(f.cel)
    return [
        Foutgroep(
            kolom=kolom,
            melding=melding,
            cellen=cellen[:FOUTEN_PER_MELDING],
            meer=max(0, len(cellen) - FOUTEN_PER_MELDING),
        )
        for (kolom, melding), cellen in groepen.items()
    ]


def locatie_kenmerk(locatie) -> str | int:
    """How a workbook names a location: its COA reference, else its register number."""
    return locatie.coa_referentie or locatie.pk


def gemeentelocaties(gemeente) -> list[Opvanglocatie]:
    return list(Opvanglocatie.objects.filter(gemeente=gemeente).order_by("naam", "pk"))


def werkboek_maken(*, gemeente, cyclus, meldingen, locaties=()) -> bytes:
    """``meldingen``: the reports so far (with their ``locatie``); ``locaties``: the
    gemeente's locations in the register, listed on the sheet "Locaties"."""
    meldingen = list(meldingen)
    wb = Workbook()
    blad = wb.active
    blad.title = BLAD
    for i, kop in enumerate(KOPPEN, start=1):
        blad.cell(row=1, column=i, value=kop).font = Font(bold=True)
    grijs = PatternFill("solid", fgColor="F3F5F8")
    for n, m in enumerate(meldingen, start=2):
        locatie = locatie_kenmerk(m.locatie) if m.locatie_id else None
        for i, waarde in enumerate((m.datum, m.aantal, m.opmerking, locatie), start=1):
            cel = blad.cell(row=n, column=i, value=waarde)
            cel.fill = grijs
            if i == 1:
                cel.number_format = "DD-MM-YYYY"
            if i in (3, 4) and waarde is not None:
                cel.data_type = "s" if isinstance(waarde, str) else "n"
    eerste = 2 + len(meldingen)
    laatste = eerste + LEGE_RIJEN - 1
    for n in range(eerste, laatste + 1):
        for i in range(1, 5):
            cel = blad.cell(row=n, column=i)
            cel.protection = Protection(locked=False)
            if i == 1:
                cel.number_format = "DD-MM-YYYY"
            if i == 3:
                cel.number_format = "@"
    aantallen = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2=str(PLAUSIBEL_MAXIMUM),
        allow_blank=True,
        showErrorMessage=True,
        error="Vul een heel getal van 1 of meer in.",
    )
    aantallen.add(f"B{eerste}:B{laatste}")
    datums = DataValidation(
        type="date",
        operator="lessThanOrEqual",
        formula1="TODAY()",
        allow_blank=True,
        showErrorMessage=True,
        error="Vul een datum in als dd-mm-jjjj, niet in de toekomst.",
    )
    datums.add(f"A{eerste}:A{laatste}")
    blad.add_data_validation(aantallen)
    blad.add_data_validation(datums)
    blad.column_dimensions["A"].width = 20
    blad.column_dimensions["B"].width = 22
    blad.column_dimensions["C"].width = 50
    blad.column_dimensions["D"].width = 42
    blad.freeze_panes = "A2"
    blad.protection.sheet = True
    uitleg = wb.create_sheet("Toelichting")
    for n, tekst in enumerate(
        (
            f"Realisatie {gemeente} {cyclus.jaar}",
            "Vul op het blad 'Meldingen' onder de bestaande meldingen (grijs, vergrendeld) per "
            "regel een nieuwe melding in: datum als dd-mm-jjjj, het aantal gerealiseerde plekken "
            "(1 of meer) en eventueel een opmerking.",
            "Gaat een melding over een locatie uit het locatieregister, vul dan in kolom D haar "
            "COA-referentie of registernummer in (zie het blad 'Locaties'). Het aantal is dan "
            "het aantal plekken van die locatie; laat het leeg om het over te nemen. Zo'n melding "
            "telt niet extra mee: de locatie telt al als gerealiseerd zolang zij in gebruik en "
            "beschikbaar is.",
            "Upload het bestand op uw gemeentepagina. U ziet eerst alle nieuwe meldingen en "
            "fouten per cel; daarna legt u ze in één keer vast.",
        ),
        start=1,
    ):
        uitleg.cell(row=n, column=1, value=tekst)
    uitleg.column_dimensions["A"].width = 110
    lijst = wb.create_sheet(LOCATIEBLAD)
    for i, kop in enumerate(LOCATIEKOPPEN, start=1):
        lijst.cell(row=1, column=i, value=kop).font = Font(bold=True)
    for n, loc in enumerate(locaties, start=2):
        for i, waarde in enumerate(
            (
                loc.pk,
                loc.coa_referentie or None,
                loc.naam,
                loc.capaciteit_regulier + loc.capaciteit_amv,
                loc.get_fase_display(),
            ),
            start=1,
        ):
            cel = lijst.cell(row=n, column=i, value=waarde)
            if isinstance(waarde, str):
                cel.data_type = "s"
    for kolom, breedte in zip("ABCDE", (16, 18, 50, 10, 16), strict=True):
        lijst.column_dimensions[kolom].width = breedte
    lijst.protection.sheet = True
    merk = wb.create_sheet(KENMERKBLAD)
    merk["A1"] = "Kenmerk van Regietafel; niet wijzigen."
    merk["A2"] = signing.dumps(
        {"gemeente": gemeente.code, "cyclus": cyclus.jaar, "aantal": len(meldingen)}, salt=ZOUT
    )
    merk.sheet_state = "hidden"
    merk.protection.sheet = True
    wb.active = 0
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def _locatie_zoeken(waarde, locaties: list[Opvanglocatie]) -> Opvanglocatie | None:
    """The location a cell names: its COA reference (any case) or its register number."""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde).strip()
    for loc in locaties:
        if loc.coa_referentie and loc.coa_referentie.casefold() == tekst.casefold():
            return loc
    if tekst.isdigit():
        return next((loc for loc in locaties if loc.pk == int(tekst)), None)
    return None


def werkboek_lezen(bestand, *, gemeente, cyclus, aantal_nu: int):
    """(new reports, errors per cell) of an uploaded workbook; ``WerkboekGeweigerd`` when it
    is not this gemeente's and cycle's, or reports were added since it was downloaded. A
    named location is checked as the service will: the gemeente's own, in gebruik and
    available on the row's date, not named by a report in force or another row, and the
    number its places."""
    wb = openen(bestand, soort="werkboek met realisatiemeldingen", herkomst="uw pagina Mijn opgave")
    if KENMERKBLAD not in wb.sheetnames or BLAD not in wb.sheetnames:
        raise WerkboekGeweigerd(
            "Dit werkboek komt niet van Regietafel; download het van uw gemeentepagina."
        )
    try:
        kenmerk = signing.loads(str(wb[KENMERKBLAD]["A2"].value or ""), salt=ZOUT)
    except signing.BadSignature as fout:
        raise WerkboekGeweigerd(
            "Het kenmerk van dit werkboek is gewijzigd of beschadigd."
        ) from fout
    if kenmerk.get("gemeente") != gemeente.code:
        raise WerkboekGeweigerd(f"Dit werkboek hoort bij een andere gemeente, niet bij {gemeente}.")
    if kenmerk.get("cyclus") != cyclus.jaar:
        raise WerkboekGeweigerd(
            f"Dit werkboek hoort bij de cyclus {kenmerk.get('cyclus')}, niet bij {cyclus.jaar}."
        )
    if kenmerk.get("aantal") != aantal_nu:
        raise WerkboekGeweigerd(
            "Sinds dit werkboek werd gedownload, zijn er meldingen bijgekomen (of dit werkboek is "
            "al ingelezen). Download het werkboek opnieuw, zodat niets dubbel wordt gemeld."
        )
    blad = wb[BLAD]
    locaties = gemeentelocaties(gemeente)
    al_gemeld = set(
        Realisatiemelding.objects.filter(cyclus=cyclus, locatie__gemeente=gemeente).values_list(
            "locatie_id", flat=True
        )
    )
    nieuw: list[NieuweMelding] = []
    fouten: list[Celfout] = []
    vandaag = timezone.localdate()
    for n, rij in enumerate(
        blad.iter_rows(
            min_row=2 + aantal_nu,
            max_row=1 + aantal_nu + MAXIMUM_NIEUW,
            max_col=4,
            values_only=True,
        ),
        start=2 + aantal_nu,
    ):
        datum, aantal, opmerking, kenmerk = (tuple(rij) + (None, None, None, None))[:4]
        if all(
            w is None or (isinstance(w, str) and not w.strip())
            for w in (datum, aantal, opmerking, kenmerk)
        ):
            continue

        def fout(kolom, melding, n=n):
            fouten.append(
                Celfout(
                    rij=n, kolom=kolom, cel=f"{kolom}{n}", gemeente=str(gemeente), melding=melding
                )
            )

        if isinstance(datum, dt.datetime):
            datum = datum.date()
        if isinstance(datum, str) and datum.strip():
            try:
                datum = forms.datum_lezen(datum)
            except ValueError:
                datum = None
                fout("A", forms.DATUM_FOUT)
        elif not isinstance(datum, dt.date):
            datum = None
            fout("A", "Vul de datum in.")
        if datum is not None and datum > vandaag:
            fout("A", "De datum kan niet in de toekomst liggen.")
        elif datum is not None and datum < dt.date(cyclus.jaar, 1, 1):
            fout(
                "A",
                f"De datum kan niet vóór de cyclus {cyclus.jaar} liggen "
                f"(vanaf 01-01-{cyclus.jaar}).",
            )
        if isinstance(aantal, float) and aantal.is_integer():
            aantal = int(aantal)
        if isinstance(aantal, str) and aantal.strip().isdigit():
            aantal = int(aantal.strip())
        locatie = None
        met_locatie = kenmerk is not None and bool(str(kenmerk).strip())
        if met_locatie:
            locatie = _locatie_zoeken(kenmerk, locaties)
            if locatie is None:
                fout(
                    "D",
                    f"{gemeente} heeft geen locatie met deze COA-referentie of dit "
                    "registernummer in het locatieregister (zie het blad 'Locaties').",
                )
            else:
                aantal = _locatie_aantal(
                    locatie,
                    aantal,
                    datum=datum,
                    gemeente=gemeente,
                    al_genoemd=al_gemeld | {m.locatie.pk for m in nieuw if m.locatie},
                    fout=fout,
                )
        # a row naming a location may leave its number empty (the location's places)
        leeg_bij_locatie = met_locatie and (aantal is None or aantal == "")
        if (
            locatie is None
            and not leeg_bij_locatie
            and (
                isinstance(aantal, bool)
                or not isinstance(aantal, int)
                or not (1 <= aantal <= PLAUSIBEL_MAXIMUM)
            )
        ):
            fout("B", "Vul een heel getal van 1 of meer in.")
        opmerking = "" if opmerking is None else str(opmerking).strip()
        if BESTURINGSTEKENS.search(opmerking):
            fout("C", BESTURINGSTEKENS_MELDING)
        elif len(opmerking) > OPMERKING_MAXIMUM:
            fout("C", "Een opmerking is ten hoogste 2.000 tekens lang.")
        if not any(f.rij == n for f in fouten):
            nieuw.append(
                NieuweMelding(
                    rij=n, datum=datum, aantal=aantal, opmerking=opmerking, locatie=locatie
                )
            )
    return nieuw, fouten


def _locatie_aantal(locatie, aantal, *, datum, gemeente, al_genoemd, fout):
    """The number of a row naming ``locatie``: its places (when left empty); an error on the
    row when the number differs, the location does not count on the date or is named
    already."""
    plekken = locatie.capaciteit_regulier + locatie.capaciteit_amv
    if aantal is None or (isinstance(aantal, str) and not aantal.strip()):
        aantal = plekken
    elif aantal != plekken:
        fout(
            "B",
            f"Bij een melding voor {locatie.naam} is het aantal de {plekken} plekken die het "
            "register voor deze locatie heeft. Laat het aantal leeg, of pas eerst de "
            "capaciteit in het register aan.",
        )
    if locatie.pk in al_genoemd:
        fout(
            "D",
            f"Er is al een melding voor {locatie.naam}; de locatie telt maar één keer. "
            "Corrigeer die melding op de gemeentepagina in plaats van een tweede te doen.",
        )
    elif isinstance(datum, dt.date) and locatie.pk not in {
        loc.locatie_id for loc in gerealiseerd_op(datum, gemeente_ids={gemeente.pk})
    }:
        fout(
            "D",
            f"Volgens het locatieregister is {locatie.naam} op {datum:%d-%m-%Y} niet in gebruik "
            "en beschikbaar. Meld eerst in het register dat de locatie in gebruik is, of kies "
            "een latere datum.",
        )
    return aantal
