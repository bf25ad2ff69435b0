"""The statutory milestones of a cycle, as data.

Each rule gives a default date in the cycle year, or a date relative to another milestone, and
its legal basis. The defaults follow the Spreidingswet and the 2024 practice; a deployment can
override them with the setting ``RAMING_MIJLPAAL_REGELS`` (a list of ``MijlpaalRegel``) without
code changes, and every date stays editable per cycle (with a reason).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class MijlpaalRegel:
    soort: str
    grondslag: str
    maand: int | None = None  # fixed date in the cycle year …
    dag: int | None = None
    na: str | None = None  # … or ``maanden`` after another milestone
    maanden: int = 0

    def datum(self, jaar: int, eerder: dict[str, dt.date]) -> dt.date:
        if self.na is not None:
            return maanden_erbij(eerder[self.na], self.maanden)
        return dt.date(jaar, self.maand, self.dag)


STANDAARD_REGELS: tuple[MijlpaalRegel, ...] = (
    MijlpaalRegel(
        soort="raming",
        maand=2,
        dag=1,
        grondslag=(
            "Art. 2, eerste lid, Spreidingswet: de minister stelt elke twee jaar vóór 1 februari "
            "de capaciteitsraming vast en maakt haar bekend in de Staatscourant."
        ),
    ),
    MijlpaalRegel(
        soort="verslag",
        maand=11,
        dag=1,
        grondslag=(
            "Spreidingswet, verslag van de Commissaris van de Koning over de provinciale "
            "regietafel (praktijk 2024: vóór 1 november van het cyclusjaar)."
        ),
    ),
    MijlpaalRegel(
        soort="verdeelbesluit",
        maand=12,
        dag=31,
        grondslag=(
            "Spreidingswet, verdeelbesluit van de minister per gemeente "
            "(praktijk 2024: uiterlijk 31 december van het cyclusjaar)."
        ),
    ),
    MijlpaalRegel(
        soort="realisatie",
        na="verdeelbesluit",
        maanden=6,
        grondslag=(
            "Art. 7, eerste lid, Spreidingswet: de aangewezen gemeente biedt binnen zes maanden "
            "na het verdeelbesluit locaties aan het COA aan."
        ),
    ),
)


def mijlpaal_regels() -> tuple[MijlpaalRegel, ...]:
    return tuple(getattr(settings, "RAMING_MIJLPAAL_REGELS", None) or STANDAARD_REGELS)


def maanden_erbij(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` plus whole months; the day is clipped to the month's end (31 Aug + 6 → 28 Feb)."""
    maand_index = datum.month - 1 + maanden
    jaar, maand = datum.year + maand_index // 12, maand_index % 12 + 1
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))
