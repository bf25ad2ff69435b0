"""Demo scenarios for `make run`: three what-ifs on the published 2026 raming, made by the
ministry on 5 March 2026 (after its publication; see ``core.demo``).

Idempotent: an existing scenario (same basis, same name) is left as it is. Skipped with a
message when cycle 2026 has no published raming (the raming demo did not run).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from core.demo import Klok
from raming.models import Raming

from .models import Scenario
from .services import Aanpassing, scenario_aanmaken, scenario_delen

UITSTROOM = Aanpassing("extra uitstroom statushouders", -12000)
NAREIS = Aanpassing("strengere nareisvoorwaarden", -3000)

SCENARIOS = [
    (
        "Basis MPP (88.000)",
        "De MPP en het capaciteitsbesluit van COA van 26 september 2025 zonder beleidswijziging: "
        "de gepubliceerde raming nagerekend.",
        [],
    ),
    (
        "Extra uitstroom (−12.000)",
        "Kamerbrief 5 februari 2026: extra uitstroom van statushouders scheelt ongeveer 12.000 "
        "plekken in de opvang.",
        [UITSTROOM],
    ),
    (
        "Uitstroom + nareis (−15.000)",
        "Extra uitstroom van statushouders (ongeveer 12.000) en strengere nareisvoorwaarden "
        "(enkele duizenden, hier 3.000) samen.",
        [UITSTROOM, NAREIS],
    ),
]

# the "extra uitstroom" scenario is shared with these PRT secretaries to show the shared view
DELEN_MET = ["prt-gelderland", "prt-noord-holland"]


GEMAAKT_OP = dt.date(2026, 3, 5)


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    if not klok.gebeurd(GEMAAKT_OP, 14):
        stdout.write("Scenario's: nog niet (het ministerie maakt ze op 5 maart 2026).")
        return
    basis = (
        Raming.objects.filter(cyclus__jaar=2026, status=Raming.Status.GEPUBLICEERD)
        .order_by("-versie")
        .first()
    )
    if basis is None or not basis.gemeenten.exists():
        stdout.write("Scenario's: overgeslagen, er is geen gepubliceerde raming 2026.")
        return
    Gebruiker = get_user_model()
    auteur = Gebruiker.objects.filter(username="ministerie").first() or (
        Gebruiker.objects.filter(rol="ministerie").order_by("pk").first()
    )
    if auteur is None:
        stdout.write("Scenario's: overgeslagen, er is geen ministeriegebruiker.")
        return
    nieuw = 0
    for naam, beschrijving, aanpassingen in SCENARIOS:
        if Scenario.objects.filter(basis=basis, naam=naam).exists():
            continue
        with klok.op(GEMAAKT_OP, 14):
            scenario = scenario_aanmaken(
                basis=basis,
                naam=naam,
                beschrijving=beschrijving,
                auteur=auteur,
                aanpassingen=aanpassingen,
            )
            nieuw += 1
            if aanpassingen == [UITSTROOM]:
                secretarissen = list(Gebruiker.objects.filter(username__in=DELEN_MET))
                if secretarissen:
                    scenario_delen(scenario=scenario, secretarissen=secretarissen, door=auteur)
    stdout.write(f"Scenario's: {nieuw} nieuw op {basis}.")
