"""The comparison as an xlsx workbook: a comparison sheet and one sheet per scenario."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import werkboek_neutraliseren

from .models import GEEN_BESLUIT
from .selectors import Vergelijking

VET = Font(bold=True)


def _procent(cel) -> float | None:
    return None if cel.procent is None else round(float(cel.procent), 2)


def blad_naam(nummer: int, naam: str, bezet: set[str]) -> str:
    """A valid, unique sheet name (max 31 characters, no []:*?/\\)."""
    # no []:*?/\ (Excel refuses them), and no formula sign at the start of the name part
    schoon = re.sub(r"[\[\]:*?/\\]", "-", naam).strip().lstrip("=+-@'\t\r") or "Scenario"
    kandidaat = f"S{nummer} {schoon}"[:31]
    while kandidaat in bezet:
        kandidaat = f"{kandidaat[:28]}-{nummer}"
    bezet.add(kandidaat)
    return kandidaat


def vergelijking_xlsx(vergelijking: Vergelijking) -> bytes:
    wb = Workbook()
    blad = wb.active
    blad.title = "Vergelijking"
    kolommen = vergelijking.kolommen
    blad.append([f"Vergelijking met {vergelijking.basis} — {GEEN_BESLUIT}"])
    blad["A1"].font = VET
    blad.append([])
    kop = ["", "Basis"]
    for k in kolommen:
        kop += [f"S{k.nummer} {k.naam}", f"S{k.nummer} verschil", f"S{k.nummer} %"]
    blad.append(["Landelijk"] + kop[1:])
    blad.append(
        ["Landelijk aantal (R)", vergelijking.basis.landelijk_aantal]
        + [
            v
            for k in kolommen
            for v in (k.landelijk.waarde, k.landelijk.verschil, _procent(k.landelijk))
        ]
    )
    blad.append(
        ["Som provinciale opgaven", vergelijking.basis_som]
        + [v for k in kolommen for v in (k.som.waarde, k.som.verschil, _procent(k.som))]
    )
    blad.append(
        ["Nog te realiseren (totaal)", vergelijking.basis_ntr]
        + [
            v
            for k in kolommen
            for v in (
                k.nog_te_realiseren.waarde,
                k.nog_te_realiseren.verschil,
                _procent(k.nog_te_realiseren),
            )
        ]
    )
    blad.append([])
    for titel, rijen in (
        ("Provinciale opgave", vergelijking.provincies),
        ("Nog te realiseren", vergelijking.provincies_ntr),
    ):
        blad.append([titel] + kop[1:])
        blad.cell(row=blad.max_row, column=1).font = VET
        for rij in sorted(rijen, key=lambda r: r.code):
            blad.append(
                [rij.naam, rij.basis]
                + [v for c in rij.cellen for v in (c.waarde, c.verschil, _procent(c))]
            )
        blad.append([])
    blad.append(["Gemeente", "Provincie", "Basis"] + kop[2:])
    blad.cell(row=blad.max_row, column=1).font = VET
    for rij in sorted(vergelijking.gemeenten, key=lambda r: r.naam.lower()):
        blad.append(
            [rij.naam, rij.groep, rij.basis]
            + [v for c in rij.cellen for v in (c.waarde, c.verschil, _procent(c))]
        )
    blad.column_dimensions["A"].width = 32

    bezet = {"Vergelijking"}
    for i, k in enumerate(kolommen):
        s = k.scenario
        ws = wb.create_sheet(blad_naam(k.nummer, k.naam, bezet))
        invoer = s.gedeelde_invoer if vergelijking.gedeelde_set else None
        ws.append(["Scenario", k.naam])
        ws.append(["Status", GEEN_BESLUIT])
        ws.append(["Basis", str(vergelijking.basis)])
        ws.append(["Aanname", invoer["beschrijving"] if invoer else s.beschrijving])
        ws.append(["Landelijk aantal", k.landelijk.waarde])
        aanpassingen = (
            invoer["aanpassingen"]
            if invoer
            else [{"label": a.label, "delta": a.delta} for a in s.aanpassingen.all()]
        )
        for a in aanpassingen:
            ws.append(["Aanpassing", a["label"], a["delta"]])
        ws.append([])
        ws.append(
            [
                "Provincie",
                "Basis opgave",
                "Opgave",
                "Verschil",
                "%",
                "Basis nog te realiseren",
                "Nog te realiseren",
                "Verschil",
            ]
        )
        ntr = {r.code: r for r in vergelijking.provincies_ntr}
        for rij in sorted(vergelijking.provincies, key=lambda r: r.code):
            c = rij.cellen[i]
            n = ntr[rij.code]
            ws.append(
                [
                    rij.naam,
                    rij.basis,
                    c.waarde,
                    c.verschil,
                    _procent(c),
                    n.basis,
                    n.cellen[i].waarde,
                    n.cellen[i].verschil,
                ]
            )
        ws.append([])
        ws.append(["Code", "Gemeente", "Provincie", "Basis", "Aantal", "Verschil", "%"])
        for rij in sorted(vergelijking.gemeenten, key=lambda r: r.naam.lower()):
            c = rij.cellen[i]
            ws.append([rij.code, rij.naam, rij.groep, rij.basis, c.waarde, c.verschil, _procent(c)])
        ws.column_dimensions["B"].width = 32
    werkboek_neutraliseren(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
