"""The data behind every chart as a table: shown next to the chart and downloaded as CSV.

A table holds raw values (int, str, date, None); ``opmaak`` turns one into the text shown in
the HTML table and on the chart, so both always show the same string.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .selectors import (
    MAAT_AANGEBODEN,
    MAAT_GEREALISEERD,
    MAAT_VERSLAG,
    Stand,
    Tijdlijn,
    Trend,
)

GETAL = "getal"
PROCENT = "procent"
TEKST = "tekst"
DATUM = "datum"


@dataclass(frozen=True)
class Kolom:
    label: str
    soort: str = TEKST

    @property
    def numeriek(self) -> bool:
        return self.soort in (GETAL, PROCENT)


@dataclass(frozen=True)
class Rij:
    sleutel: str  # e.g. the CBS code; rendered as data-code
    waarden: tuple


@dataclass
class Tabel:
    titel: str
    kolommen: list[Kolom]
    rijen: list[Rij] = field(default_factory=list)
    voet: Rij | None = None
    # index of the column whose text the chart shows (the map's measure)
    kaartkolom: int | None = None

    def weergave(self) -> dict:
        """The rows and the footer as the HTML table (charts/tabel.html) shows them, worked out
        once per table instead of per cell in the template: per row its key, the text of its
        first cell (the row's header) and the (CSS classes, text) of each other cell. A numeric
        column's cells are right-aligned; the map's column is marked in the body."""
        numeriek = [k.numeriek for k in self.kolommen]

        def rij_weergave(rij: Rij, *, body: bool) -> dict:
            teksten = [opmaak(w, k.soort) for k, w in zip(self.kolommen, rij.waarden, strict=True)]
            cellen = []
            for i in range(1, len(teksten)):
                klasse = _CEL
                if numeriek[i]:
                    klasse += _CEL_NUMERIEK
                if body and i == self.kaartkolom:
                    klasse += _CEL_KAART
                cellen.append((klasse, teksten[i]))
            return {"sleutel": rij.sleutel, "kop": teksten[0], "cellen": cellen}

        return {
            "rijen": [rij_weergave(r, body=True) for r in self.rijen],
            "voet": rij_weergave(self.voet, body=False) if self.voet else None,
        }


_CEL = "utrecht-table__cell"
_CEL_NUMERIEK = " utrecht-table__cell--numeric-column"
_CEL_KAART = " rt-kaartwaarde"


def getal(n: int | None) -> str:
    """Dutch thousands separator: 12345 → 12.345; unknown → –."""
    if n is None:
        return "–"
    return f"{n:,}".replace(",", ".")


def opmaak(waarde, soort: str = TEKST) -> str:
    if waarde is None or waarde == "":
        return "–"
    if soort == GETAL:
        return getal(waarde)
    if soort == PROCENT:
        return f"{getal(waarde)}%"
    if soort == DATUM and isinstance(waarde, dt.date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def naar_csv(tabel: Tabel) -> str:
    """Semicolon-separated (what Dutch spreadsheet programs expect), raw numbers, ISO dates."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([k.label for k in tabel.kolommen])
    for rij in [*tabel.rijen, *([tabel.voet] if tabel.voet else [])]:
        schrijver.writerow(
            [
                "" if w is None else (w.isoformat() if isinstance(w, dt.date) else w)
                for w in rij.waarden
            ]
        )
    return uit.getvalue()


# --- one builder per chart ------------------------------------------------------------------


def kaart_tabel(standen: list[Stand], maat: str, *, titel: str) -> Tabel:
    if maat == MAAT_AANGEBODEN:
        kolommen = [
            Kolom(_("Provincie")),
            Kolom(_("CBS-code")),
            Kolom(_("Aangeboden als % van de opgave"), PROCENT),
            Kolom(_("Aangeboden"), GETAL),
            Kolom(_("Opgave"), GETAL),
        ]
        waarden = [(s.aangeboden_pct, s.aangeboden, s.opgave or s.indicatief) for s in standen]
    elif maat == MAAT_GEREALISEERD:
        kolommen = [
            Kolom(_("Provincie")),
            Kolom(_("CBS-code")),
            Kolom(_("Gerealiseerd als % van het verdeelbesluit"), PROCENT),
            Kolom(_("Gerealiseerd"), GETAL),
            Kolom(_("Verdeelbesluit"), GETAL),
        ]
        waarden = [(s.gerealiseerd_pct, s.gerealiseerd, s.verdeelbesluit) for s in standen]
    elif maat == MAAT_VERSLAG:
        kolommen = [Kolom(_("Provincie")), Kolom(_("CBS-code")), Kolom(_("Status van het verslag"))]
        waarden = [(s.verslag_label,) for s in standen]
    else:
        kolommen = [Kolom(_("Provincie")), Kolom(_("CBS-code")), Kolom(_("Opgave"), GETAL)]
        waarden = [(s.opgave,) for s in standen]
    rijen = [Rij(s.code, (s.naam, s.code, *w)) for s, w in zip(standen, waarden, strict=True)]
    return Tabel(titel=titel, kolommen=kolommen, rijen=rijen, kaartkolom=2)


def kaart_waarde(stand: Stand, maat: str):
    """(raw value, soort) that colours and labels one province on the map."""
    if maat == MAAT_AANGEBODEN:
        return stand.aangeboden_pct, PROCENT
    if maat == MAAT_GEREALISEERD:
        return stand.gerealiseerd_pct, PROCENT
    if maat == MAAT_VERSLAG:
        return stand.verslag_status, TEKST
    return stand.opgave, GETAL


VOORTGANG_STAPPEN = (
    ("indicatief", "Indicatief"),
    ("aangeboden", "Aangeboden"),
    ("verdeelbesluit", "Verdeelbesluit"),
    ("gerealiseerd", "Gerealiseerd"),
)


def voortgang_tabel(standen: list[Stand], *, titel: str, eerste_kolom: str, totaal=None) -> Tabel:
    kolommen = [Kolom(eerste_kolom), Kolom(_("CBS-code"))] + [
        Kolom(_(label), GETAL) for _attr, label in VOORTGANG_STAPPEN
    ]
    rijen = [
        Rij(s.code, (s.naam, s.code, *(getattr(s, a) for a, _label in VOORTGANG_STAPPEN)))
        for s in standen
    ]
    voet = None
    if totaal is not None:
        voet = Rij(
            totaal.code,
            (_("Totaal"), "", *(getattr(totaal, a) for a, _label in VOORTGANG_STAPPEN)),
        )
    return Tabel(titel=titel, kolommen=kolommen, rijen=rijen, voet=voet)


def tijdlijn_tabel(tijdlijn: Tijdlijn, *, titel: str) -> Tabel:
    kolommen = [
        Kolom(_("Mijlpaal")),
        Kolom(_("Oorspronkelijke datum"), DATUM),
        Kolom(_("Geldende datum"), DATUM),
        Kolom(_("Verschoven (dagen)"), GETAL),
        Kolom(_("Toelichting")),
    ]
    rijen = [
        Rij(
            str(i),
            (r.label, r.oorspronkelijk, r.effectief, r.dagen_verschoven, r.toelichting or None),
        )
        for i, r in enumerate(tijdlijn.regels)
    ]
    return Tabel(titel=titel, kolommen=kolommen, rijen=rijen)


def trend_tabel(trend: Trend, *, titel: str) -> Tabel:
    kolommen = [Kolom(_("Datum"), DATUM)] + [Kolom(naam, GETAL) for _code, naam in trend.provincies]
    kolommen.append(Kolom(_("Totaal"), GETAL))
    rijen = []
    for i, d in enumerate(trend.datums):
        waarden = [trend.reeksen[code][i] for code, _naam in trend.provincies]
        rijen.append(Rij(d.isoformat(), (d, *waarden, sum(waarden))))
    return Tabel(titel=titel, kolommen=kolommen, rijen=rijen)
