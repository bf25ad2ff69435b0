"""What the regietafels services share: field names, the stale-save error, reasons."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from raming.models import Herkomst

from ..models import (
    Verslag,
)

AANTAL_VELDEN = ("bestaande_locaties", "vastgestelde_plannen", "bestuurlijke_voornemens", "amv")
REGEL_VELDEN = (*AANTAL_VELDEN, "beschikbaar_van", "beschikbaar_tot", "opmerking")
BEWERKBAAR = (Verslag.Status.CONCEPT, Verslag.Status.TERUGGESTUURD)
#: A row offering more than this many times its indicative number is possible but unusual:
#: it is saved only after an explicit confirmation (issue 14, "numbers that are possible but
#: unusual ask for a confirmation instead of passing silently").
ONGEWOON_FACTOR = 3

VELD_LABELS = {
    "bestaande_locaties": "bestaande locaties",
    "vastgestelde_plannen": "vastgestelde plannen",
    "bestuurlijke_voornemens": "bestuurlijke voornemens",
    "amv": "amv-plekken",
    "beschikbaar_van": "beschikbaar vanaf",
    "beschikbaar_tot": "beschikbaar tot",
    "opmerking": "opmerking",
    "open_besluiten": "openstaande besluiten",
    "knelpunten": "knelpunten",
}

HERKOMST_VELDEN = ("herkomst", "bron", "bron_peildatum", "bron_url")
#: A figure a user enters is a recorded fact; its source is the act it is entered in.
OPGEGEVEN = {"herkomst": Herkomst.VASTGELEGD, "bron": "", "bron_peildatum": None, "bron_url": ""}


def herkomst_van(herkomst: dict | None) -> dict:
    """The provenance fields to set from a service's ``herkomst`` argument (empty: none)."""
    if not herkomst:
        return {}
    onbekend = set(herkomst) - set(HERKOMST_VELDEN)
    if onbekend or herkomst.get("herkomst", Herkomst.VASTGELEGD) not in Herkomst.values:
        raise ValidationError("Onbekende herkomst van een cijfer.")
    return {**OPGEGEVEN, **herkomst, "bron": (herkomst.get("bron") or "").strip()[:300]}


class VerslagGewijzigd(ValidationError):
    """A save on a stale ``versie``: someone else saved in between. Carries what changed."""

    def __init__(self, *, wijzigingen: list[str], huidige_versie: int):
        self.wijzigingen = wijzigingen
        self.huidige_versie = huidige_versie
        tekst = (
            "Iemand anders heeft dit verslag intussen opgeslagen; uw wijzigingen zijn niet "
            "opgeslagen. Laad het verslag opnieuw en voer uw wijzigingen opnieuw in."
        )
        if wijzigingen:
            tekst += " Gewijzigd: " + "; ".join(wijzigingen) + "."
        super().__init__(tekst, code="verouderd")


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class BevestigingNodig(ValidationError):
    """A save with rows above ``ONGEWOON_FACTOR`` × their indicative number that were not
    confirmed. ``regels`` holds one dict per row (gemeente, gemeente_id, aangeboden,
    indicatief, melding) for the confirmation step of the page and the API."""

    def __init__(self, regels: list[dict]):
        self.regels = regels
        super().__init__(
            {"bevestigd": [r["melding"] for r in regels]},
            code="bevestigen",
        )


_KEER = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}


def ongewoon_melding(*, gemeente: str, aangeboden: int, indicatief: int) -> str:
    return (
        f"{gemeente}: {_getal(aangeboden)} plekken aangeboden, meer dan "
        f"{_KEER.get(ONGEWOON_FACTOR, ONGEWOON_FACTOR)} keer het indicatieve aantal "
        f"({_getal(indicatief)}). "
        "Klopt dat? Bevestig het aantal of pas het aan."
    )


def _reden(waarde: str | None, veld: str, tekst: str) -> str:
    if not waarde or not waarde.strip():
        raise ValidationError({veld: [tekst]})
    return waarde.strip()
