"""Demo data for `make run`: default reminder preferences for the demo users. Sends no mail."""

from __future__ import annotations

import datetime as dt

from simple_history.utils import bulk_create_with_history

from accounts.models import Gebruiker
from core.demo import Klok

from .models import Voorkeur


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    sinds = dt.date(2024, 1, 15)  # when the demo users join (raming.demo_gebruikers)
    if not klok.gebeurd(sinds, 9):
        return
    bestaand = set(Voorkeur.objects.values_list("gebruiker_id", flat=True))
    nieuw = [
        Voorkeur(gebruiker_id=pk, e_mail=Voorkeur.EMail.DIGEST)
        for pk in Gebruiker.objects.filter(is_demo=True).values_list("pk", flat=True)
        if pk not in bestaand
    ]
    with klok.op(sinds, 9):
        bulk_create_with_history(nieuw, Voorkeur)
    stdout.write(
        f"Herinneringsvoorkeuren: {len(nieuw)} aangemaakt (dagelijks overzicht per e-mail); "
        "verstuur herinneringen met `manage.py herinneringen_versturen`."
    )
