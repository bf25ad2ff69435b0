"""The demo's timeline per PRT and cycle, and its illustrative offers per gemeente.

Each ``Plan`` lists the moments of one verslag: created, an interim fill, the final fill,
submitted, sent back and resubmitted, an extension request and its grant, assessed. 2024
follows the record (all twelve submitted on 31 October 2024, the provincial totals of
``verslagen_2024.csv``); 2026 and 2028 are illustrative but keep to the rules: due 1 December
2026 after the cycle-wide extension, Overijssel asks for and gets two weeks more, Zeeland
submits two days late (and is marked late), Fryslân is sent back once.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from core.demo import naar_rato, spreiding
from raming.models import Gemeente, Herkomst, Provincie

D = dt.date

OPEN_BESLUITEN = "Besluitvorming over twee locaties in de gemeenteraad (illustratief)."
KNELPUNTEN = "Beschikbaarheid van grond en personeel voor nieuwe locaties (illustratief)."


@dataclass(frozen=True)
class Plan:
    slug: str
    aangemaakt: dt.date
    tussenstand: dt.date | None = None
    ingevuld: dt.date | None = None
    ingediend: tuple[dt.date, int, int] | None = None
    teruggestuurd: tuple[dt.date, dt.date] | None = None  # sent back on, resubmitted on
    verzoek: tuple[dt.date, dt.date, dt.date] | None = None  # asked on, for, granted on
    beoordeeld: dt.date | None = None
    aandeel: float = 1.0  # offer / opgave (2026, 2028: illustrative)
    beschikbaar_van: dt.date | None = None
    beschikbaar_tot: dt.date | None = None
    open_besluiten: str = OPEN_BESLUITEN
    knelpunten: str = KNELPUNTEN
    laag: tuple[str, ...] = ()  # gemeenten that offer little (exempted later)


_SLUGS = (
    "groningen",
    "fryslan",
    "drenthe",
    "overijssel",
    "flevoland",
    "gelderland",
    "utrecht",
    "noord-holland",
    "zuid-holland",
    "zeeland",
    "noord-brabant",
    "limburg",
)


def _plan_2024(i: int, slug: str) -> Plan:
    overijssel = slug == "overijssel"
    return Plan(
        slug=slug,
        aangemaakt=D(2024, 3, 4) + dt.timedelta(days=i),
        tussenstand=D(2024, 6, 17) + dt.timedelta(days=i),
        ingevuld=D(2024, 10, 24) + dt.timedelta(days=i % 5),
        ingediend=(D(2024, 10, 31), 9 + i // 2, (i % 2) * 30),
        beoordeeld=D(2024, 11, 12) + dt.timedelta(days=2 * i),
        beschikbaar_van=D(2025, 7, 1),
        # Overijssel guaranteed its places from 1 July 2025 to 1 February 2026 (ANP)
        beschikbaar_tot=D(2026, 2, 1) if overijssel else D(2030, 7, 1),
        open_besluiten="Zie het verslag van de Commissaris van de Koning (31-10-2024).",
        knelpunten="",
        laag=("Cranendonck", "Gilze en Rijen") if slug == "noord-brabant" else (),
    )


PLAN_2024 = [_plan_2024(i, slug) for i, slug in enumerate(_SLUGS)]

_VAN_2026, _TOT_2026 = D(2027, 7, 1), D(2032, 7, 1)
PLAN_2026 = [
    Plan("groningen", D(2026, 2, 27), D(2026, 6, 15), D(2026, 11, 10), (D(2026, 11, 13), 14, 0),
         beoordeeld=D(2026, 12, 2), aandeel=1.06),
    Plan("fryslan", D(2026, 2, 27), D(2026, 6, 16), D(2026, 11, 20), (D(2026, 11, 24), 10, 0),
         teruggestuurd=(D(2026, 11, 27), D(2026, 11, 30)), beoordeeld=D(2026, 12, 8)),
    Plan("drenthe", D(2026, 3, 2), D(2026, 6, 17), D(2026, 11, 18), (D(2026, 11, 20), 11, 0),
         beoordeeld=D(2026, 12, 3), aandeel=1.08),
    Plan("overijssel", D(2026, 3, 2), D(2026, 6, 18), D(2026, 12, 10), (D(2026, 12, 14), 10, 0),
         verzoek=(D(2026, 11, 16), D(2026, 12, 15), D(2026, 11, 19)),
         beoordeeld=D(2026, 12, 16), aandeel=0.86),
    Plan("flevoland", D(2026, 3, 3), D(2026, 6, 19), D(2026, 11, 23), (D(2026, 11, 25), 15, 0),
         beoordeeld=D(2026, 12, 4), aandeel=1.02),
    Plan("gelderland", D(2026, 2, 27), D(2026, 6, 22), D(2026, 11, 24), (D(2026, 11, 27), 10, 30),
         beoordeeld=D(2026, 12, 9), aandeel=0.93),
    Plan("utrecht", D(2026, 3, 4), D(2026, 6, 23), D(2026, 11, 24), (D(2026, 11, 26), 16, 0),
         beoordeeld=D(2026, 12, 10)),
    Plan("noord-holland", D(2026, 2, 27), D(2026, 6, 24), D(2026, 11, 26), (D(2026, 11, 30), 9, 0),
         beoordeeld=D(2026, 12, 11), aandeel=0.9),
    Plan("zuid-holland", D(2026, 3, 5), D(2026, 6, 25), D(2026, 11, 27), (D(2026, 12, 1), 14, 0),
         beoordeeld=D(2026, 12, 14), aandeel=0.82),
    # two days after the (extended) term: marked late
    Plan("zeeland", D(2026, 3, 9), D(2026, 6, 26), D(2026, 12, 1), (D(2026, 12, 3), 9, 30),
         beoordeeld=D(2026, 12, 15), aandeel=0.96),
    Plan("noord-brabant", D(2026, 3, 6), D(2026, 6, 29), D(2026, 11, 25), (D(2026, 11, 30), 13, 0),
         beoordeeld=D(2026, 12, 11), aandeel=0.88),
    Plan("limburg", D(2026, 3, 10), D(2026, 6, 30), D(2026, 11, 24), (D(2026, 11, 27), 11, 0),
         beoordeeld=D(2026, 12, 10), aandeel=0.97),
]  # fmt: skip
PLAN_2026 = [
    Plan(**{**p.__dict__, "beschikbaar_van": _VAN_2026, "beschikbaar_tot": _TOT_2026})
    for p in PLAN_2026
]

PLAN_2028 = [
    Plan("groningen", D(2028, 2, 9)),
    Plan("gelderland", D(2028, 2, 10)),
    Plan("noord-holland", D(2028, 2, 14)),
    Plan("utrecht", D(2028, 2, 16)),
]


def aanbod_2024() -> dict[str, tuple[int | None, str]]:
    """PRT slug → (the provincial total offered in the verslag of 31 October 2024, or None when
    only "met" was reported; its source), from ``verslagen_2024.csv``."""

    pad = Path(getattr(settings, "REFERENCE_DATA_DIR", "")) / "verslagen_2024.csv"
    if not pad.is_file():
        return {}
    slugs = dict(Provincie.objects.values_list("code", "slug"))
    with pad.open(encoding="utf-8", newline="") as f:
        return {
            slugs[r["provincie_code"]]: (
                int(r["aangeboden_in_verslag"]) if r["aangeboden_in_verslag"] else None,
                r["bron"],
            )
            for r in csv.DictReader(f)
            if r["provincie_code"] in slugs
        }


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


VERSLAGEN_2024 = D(2024, 10, 31)


def aanbod_per_gemeente(
    jaar: int, plan: Plan, indicatief: dict[int, int], totaal: tuple | None
) -> tuple[dict[int, int], str, dict]:
    """gemeente id → places offered, the row remark, and the rows' provenance (the
    ``herkomst`` argument of ``verslag_opslaan``).

    The provincial total is recorded (2024) or the plan's share of the opgave (illustrative).
    Short of the opgave, no gemeente offers more than its number; at or above it, none less:
    so the verdeelbesluit (restopgave, or capped at the number) adds up to the opgave."""

    opgave = sum(indicatief.values())
    if jaar == 2024:
        if totaal is None or totaal[0] is None:
            bron = totaal[1] if totaal else "niet gemeld"
            return (
                dict(indicatief),
                "Illustratief: de provincie haalde haar opgave; het aangeboden totaal en de "
                "verdeling over de gemeenten zijn niet gemeld.",
                {
                    "herkomst": Herkomst.ILLUSTRATIEF,
                    "bron": f"Vastgelegd is alleen dat de provincie haar opgave haalde ({bron}); "
                    "hier per gemeente het indicatieve aantal.",
                    "bron_peildatum": VERSLAGEN_2024,
                },
            )
        doel, bron = totaal
        opmerking = "Illustratief: verdeling over de gemeenten."
        herkomst = {
            "herkomst": Herkomst.ILLUSTRATIEF,
            "bron": f"Verdeling over de gemeenten illustratief; vastgelegd is het provinciale "
            f"totaal van {_getal(doel)} ({bron}, verslagen_2024.csv).",
            "bron_peildatum": VERSLAGEN_2024,
        }
    else:
        doel = round(opgave * plan.aandeel)
        opmerking = "Illustratief."
        herkomst = {
            "herkomst": Herkomst.ILLUSTRATIEF,
            "bron": f"De verslagen van {jaar} zijn in deze demo verzonnen "
            f"(provinciaal aanbod {round(plan.aandeel * 100)}% van de opgave).",
        }
    sleutel = f"{jaar}-{plan.slug}"
    if doel >= opgave:
        gewichten = {g: n * (0.2 + spreiding(f"{sleutel}-{g}")) for g, n in indicatief.items()}
        extra = naar_rato(doel - opgave, gewichten)
        return {g: n + extra[g] for g, n in indicatief.items()}, opmerking, herkomst
    laag = set(Gemeente.objects.filter(naam__in=plan.laag).values_list("pk", flat=True))
    gewichten = {
        g: n * (0.3 + 0.7 * spreiding(f"{sleutel}-{g}")) * (0.15 if g in laag else 1)
        for g, n in indicatief.items()
    }
    return naar_rato(doel, gewichten, plafond=indicatief), opmerking, herkomst
