"""Helpers shared by every CSV and xlsx export."""

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde):
    """Neutralise spreadsheet formulas in text cells (CSV/xlsx injection): text that a
    spreadsheet program would read as a formula gets a leading apostrophe. Other values pass."""
    if isinstance(waarde, str) and waarde[:1] in FORMULE_TEKENS:
        return "'" + waarde
    return waarde


def werkboek_neutraliseren(werkboek) -> None:
    """Every text cell of every sheet of an openpyxl workbook through ``veilige_cel``: a
    last pass, so no cell a later change adds can slip through."""
    for blad in werkboek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                if isinstance(cel.value, str) and cel.value[:1] in FORMULE_TEKENS:
                    cel.value = veilige_cel(cel.value)
