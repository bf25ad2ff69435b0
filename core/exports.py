"""Helpers shared by every CSV and xlsx export."""

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde):
    """Neutralise spreadsheet formulas in text cells (CSV/xlsx injection): text that a
    spreadsheet program would read as a formula gets a leading apostrophe. Other values pass."""
    if isinstance(waarde, str) and waarde[:1] in FORMULE_TEKENS:
        return "'" + waarde
    return waarde
