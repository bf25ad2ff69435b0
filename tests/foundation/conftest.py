"""Helpers for the foundation tests: small CSV and StatLine files built from the real CBS file."""

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import GEMEENTEN_CSV

STATLINE_KOP = (
    '"Perioden";"Wijken en buurten";"Regiocode (gemeente, wijk, buurt) (code)";'
    '"Particuliere huishoudens (Aantal)";"Opleidingsniveau/Laag/Waarde (%)";'
    '"Opleidingsniveau/Middelbaar/Waarde (%)";"Opleidingsniveau/Hoog/Waarde (%)";'
    '"SES-WOA/Totaalscore/Gemiddelde score (Getal)";"Spreiding/Spreiding totaal/Waarde (Getal)"'
)


def statline_regel(periode: str, naam: str, code: str, score: str) -> str:
    """One line of a StatLine CSV export: quoted, codes padded to ten characters."""
    velden = [periode, naam, f"{code:<10}", "  457400", "    20.8", "    29.8", "    49.5"]
    velden += [f"{score:>8}", "   1.010"]
    return ";".join(f'"{v}"' for v in velden)


@pytest.fixture
def echte_rijen() -> tuple[list[str], list[dict]]:
    """The header and rows of the real CBS gemeenten file."""
    with GEMEENTEN_CSV.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


@pytest.fixture
def schrijf_csv(tmp_path):
    """Write rows as a gemeenten CSV (comma separated, quoted where needed) and return the path."""

    def schrijf(kop: list[str], rijen: list[dict], naam: str = "gemeenten.csv") -> Path:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=kop, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rijen)
        pad = tmp_path / naam
        pad.write_text(buffer.getvalue(), encoding="utf-8")
        return pad

    return schrijf


@pytest.fixture
def schrijf_statline(tmp_path):
    def schrijf(regels: list[str], naam: str = "statline.csv") -> Path:
        pad = tmp_path / naam
        pad.write_text("\n".join([STATLINE_KOP, *regels]) + "\n", encoding="utf-8")
        return pad

    return schrijf
