"""Demo users for every role (never in production). Password: ``regietafel-demo``.

They join on 15 January 2024, before the first step of the 2024 cycle they take part in."""

from __future__ import annotations

import datetime as dt

from accounts.models import Gebruiker, Rol
from core.demo import Klok

from .models import Gemeente, Provincie

DEMO_WACHTWOORD = "regietafel-demo"
LID_SINDS = dt.date(2024, 1, 15)
DEMO_GEMEENTEN = ["Amsterdam", "Zaanstad", "Purmerend", "Arnhem", "Nijmegen", "Utrecht", "Heerlen"]


def demo_gebruikers() -> list[dict]:
    """The demo accounts: username, role, name and the province/gemeente they belong to."""
    accounts = [
        {"username": "ministerie", "rol": Rol.MINISTERIE, "naam": "Demo Ministerie"},
        {"username": "coa", "rol": Rol.COA, "naam": "Demo COA"},
    ]
    for provincie in Provincie.objects.order_by("code"):
        accounts.append(
            {
                "username": f"prt-{provincie.slug}",
                "rol": Rol.PRT_SECRETARIS,
                "naam": f"Secretaris PRT {provincie.naam}",
                "provincie": provincie,
            }
        )
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(naam__in=DEMO_GEMEENTEN)}
    for naam in DEMO_GEMEENTEN:
        if naam in gemeenten:
            accounts.append(
                {
                    "username": f"gemeente-{gemeenten[naam].slug}",
                    "rol": Rol.GEMEENTE,
                    "naam": f"Gemeente {naam}",
                    "gemeente": gemeenten[naam],
                }
            )
    return accounts


def laad(*, stdout, klok=None) -> None:

    klok = klok or Klok()
    if not klok.gebeurd(LID_SINDS, 9):
        stdout.write("Demogebruikers: nog niet (de demo begint op 15 januari 2024).")
        return
    with klok.op(LID_SINDS, 9):
        aangemaakt = _aanmaken()
    stdout.write(f"Demogebruikers: {aangemaakt} aangemaakt (wachtwoord: {DEMO_WACHTWOORD}).")


def _aanmaken() -> int:
    aangemaakt = 0
    for account in demo_gebruikers():
        voornaam, _, achternaam = account["naam"].partition(" ")
        user, nieuw = Gebruiker.objects.get_or_create(
            username=account["username"],
            defaults={
                "rol": account["rol"],
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{account['username']}@regietafel.example",
                "provincie": account.get("provincie"),
                "gemeente": account.get("gemeente"),
                "is_demo": True,
                "is_staff": account["rol"] == Rol.MINISTERIE,
                "is_superuser": account["rol"] == Rol.MINISTERIE,
            },
        )
        if nieuw:
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])
            aangemaakt += 1
    return aangemaakt
