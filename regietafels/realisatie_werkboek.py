"""A gemeente's realisation reports as an Excel workbook: the reports so far (locked) and empty
rows for new ones. On upload every new row is checked with its cell named; applying creates
them all in one transaction through ``services.realisatie_melden``, or none. The hidden marker
names the gemeente, the cycle and how many reports there were: a workbook of another gemeente
or cycle is refused, and one made before reports were added since (or uploaded twice) too."""

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

from . import forms
from .werkboek import Celfout, WerkboekGeweigerd, openen

BLAD = "Meldingen"
KENMERKBLAD = "Kenmerk"
ZOUT = "regietafels.realisatie-werkboek"
KOPPEN = ("Datum (dd-mm-jjjj)", "Gerealiseerde plekken", "Opmerking")
LEGE_RIJEN = 200
MAXIMUM_NIEUW = 5 * LEGE_RIJEN  # rows read below the reports so far
OPMERKING_MAXIMUM = 2000


@dataclass
class NieuweMelding:
    rij: int
    datum: dt.date
    aantal: int
    opmerking: str

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


def werkboek_maken(*, gemeente, cyclus, meldingen) -> bytes:
    meldingen = list(meldingen)
    wb = Workbook()
    blad = wb.active
    blad.title = BLAD
    for i, kop in enumerate(KOPPEN, start=1):
        blad.cell(row=1, column=i, value=kop).font = Font(bold=True)
    grijs = PatternFill("solid", fgColor="F3F5F8")
    for n, m in enumerate(meldingen, start=2):
        for i, waarde in enumerate((m.datum, m.aantal, m.opmerking), start=1):
            cel = blad.cell(row=n, column=i, value=waarde)
            cel.fill = grijs
            if i == 1:
                cel.number_format = "DD-MM-YYYY"
            if i == 3:
                cel.data_type = "s"
    eerste = 2 + len(meldingen)
    laatste = eerste + LEGE_RIJEN - 1
    for n in range(eerste, laatste + 1):
        for i in range(1, 4):
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
    blad.freeze_panes = "A2"
    blad.protection.sheet = True
    uitleg = wb.create_sheet("Toelichting")
    for n, tekst in enumerate(
        (
            f"Realisatie {gemeente} {cyclus.jaar}",
            "Vul op het blad 'Meldingen' onder de bestaande meldingen (grijs, vergrendeld) per "
            "regel een nieuwe melding in: datum als dd-mm-jjjj, het aantal gerealiseerde plekken "
            "(1 of meer) en eventueel een opmerking.",
            "Upload het bestand op uw gemeentepagina. U ziet eerst alle nieuwe meldingen en "
            "fouten per cel; daarna legt u ze in één keer vast.",
        ),
        start=1,
    ):
        uitleg.cell(row=n, column=1, value=tekst)
    uitleg.column_dimensions["A"].width = 110
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


def werkboek_lezen(bestand, *, gemeente, cyclus, aantal_nu: int):
    """(new reports, errors per cell) of an uploaded workbook; ``WerkboekGeweigerd`` when it
    is not this gemeente's and cycle's, or reports were added since it was downloaded."""
    wb = openen(bestand)
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
    nieuw: list[NieuweMelding] = []
    fouten: list[Celfout] = []
    vandaag = timezone.localdate()
    for n, rij in enumerate(
        blad.iter_rows(
            min_row=2 + aantal_nu,
            max_row=1 + aantal_nu + MAXIMUM_NIEUW,
            max_col=3,
            values_only=True,
        ),
        start=2 + aantal_nu,
    ):
        datum, aantal, opmerking = (tuple(rij) + (None, None, None))[:3]
        if all(
            w is None or (isinstance(w, str) and not w.strip()) for w in (datum, aantal, opmerking)
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
        if (
            isinstance(aantal, bool)
            or not isinstance(aantal, int)
            or not (1 <= aantal <= PLAUSIBEL_MAXIMUM)
        ):
            fout("B", "Vul een heel getal van 1 of meer in.")
        opmerking = "" if opmerking is None else str(opmerking).strip()
        if BESTURINGSTEKENS.search(opmerking):
            fout("C", BESTURINGSTEKENS_MELDING)
        elif len(opmerking) > OPMERKING_MAXIMUM:
            fout("C", "Een opmerking is ten hoogste 2.000 tekens lang.")
        if not any(f.rij == n for f in fouten):
            nieuw.append(NieuweMelding(rij=n, datum=datum, aantal=aantal, opmerking=opmerking))
    return nieuw, fouten
