"""Colours, fills and coordinate formats shared by the charts."""

from __future__ import annotations

# Sequential blues, light → dark (the two darkest take a white label).
BLAUWEN = ("#e3edf7", "#b4cde6", "#7ea8d3", "#3d74b0", "#163f70")
DONKERE_KLASSEN = {3, 4}
# Verslag status → (fill, label is light?)
STATUS_KLEUREN = {
    "geen": ("#ffffff", False),
    "concept": ("#f6dca5", False),
    "ingediend": ("#b4cde6", False),
    "teruggestuurd": ("#eaa5a8", False),
    "beoordeeld": ("#163f70", True),
}
STATUS_KORT = {
    "geen": "geen",
    "concept": "concept",
    "ingediend": "ingediend",
    "teruggestuurd": "terug",
    "beoordeeld": "beoordeeld",
}
ONBEKEND_VULLING = "url(#{p}-arcering)"
PROCENT_GRENZEN = (25, 50, 75, 100)  # classes: <25, 25–49, 50–74, 75–99, ≥100


def _c(waarde: float) -> str:
    """A coordinate with one decimal, for an SVG attribute."""
    return f"{waarde:.1f}"


def _n(waarde: float) -> str:
    """A coordinate with no decimals."""
    return f"{waarde:.0f}"
