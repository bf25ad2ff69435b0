"""The raming's refusal, its status transitions and the helpers the actions share."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError

from ..models import Raming


class RamingFout(ValidationError):
    """An action on the raming that is not allowed now; the message says why, in Dutch."""


S = Raming.Status

# Which status may follow which. Adopting (vastgesteld) freezes the numbers.
OVERGANGEN: dict[str, frozenset[str]] = {
    S.CONCEPT: frozenset({S.VASTGESTELD, S.UITGESTELD}),
    S.UITGESTELD: frozenset({S.VASTGESTELD}),
    S.VASTGESTELD: frozenset({S.GEPUBLICEERD}),
    S.GEPUBLICEERD: frozenset(),
}


def _decimaal(waarde: Fraction, plaatsen: int) -> Decimal:
    """``waarde`` rounded half up to ``plaatsen`` decimals, in integer arithmetic (fast)."""
    schaal = 10**plaatsen
    geheel = (2 * waarde.numerator * schaal + waarde.denominator) // (2 * waarde.denominator)
    return Decimal(geheel).scaleb(-plaatsen)


def _namen(namen: list[str], max_aantal: int = 10) -> str:
    if len(namen) <= max_aantal:
        return ", ".join(namen)
    return f"{', '.join(namen[:max_aantal])} en {len(namen) - max_aantal} andere"


def _reden_verplicht(reden: str, wat: str) -> str:
    if not reden or not reden.strip():
        raise RamingFout(f"Geef een reden voor {wat}.")
    return reden.strip()


def _overgang(raming: Raming, naar: str) -> None:
    if naar not in OVERGANGEN[raming.status]:
        raise RamingFout(
            f"Een raming met status ‘{raming.get_status_display()}’ kan niet naar "
            f"‘{S(naar).label}’."
        )


def _vergrendel(raming: Raming) -> Raming:
    return Raming.objects.select_for_update().select_related("cyclus").get(pk=raming.pk)


def _niet_bevroren(raming: Raming) -> None:
    if raming.is_bevroren:
        raise RamingFout(
            f"Versie {raming.versie} is {raming.get_status_display().lower()} en daarmee "
            "bevroren; wijzigen kan alleen met een tussentijdse wijziging (nieuwe versie)."
        )
