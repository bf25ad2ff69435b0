"""Demo data for `make run`: default reminder preferences for the demo users. Sends no mail."""

from __future__ import annotations

from accounts.models import Gebruiker

from .models import Voorkeur


def laad(*, stdout) -> None:
    bestaand = set(Voorkeur.objects.values_list("gebruiker_id", flat=True))
    nieuw = [
        Voorkeur(gebruiker_id=pk, e_mail=Voorkeur.EMail.DIGEST)
        for pk in Gebruiker.objects.filter(is_demo=True).values_list("pk", flat=True)
        if pk not in bestaand
    ]
    Voorkeur.objects.bulk_create(nieuw)
    stdout.write(
        f"Herinneringsvoorkeuren: {len(nieuw)} aangemaakt (dagelijks overzicht per e-mail); "
        "verstuur herinneringen met `manage.py herinneringen_versturen`."
    )
