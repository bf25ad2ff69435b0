from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token


def token_van(gebruiker) -> Token | None:
    return Token.objects.filter(user=gebruiker).first()


@transaction.atomic
def token_aanmaken(*, gebruiker) -> Token:
    """A new personal API token; any earlier token of the user stops working."""
    Token.objects.filter(user=gebruiker).delete()
    return Token.objects.create(user=gebruiker)


@transaction.atomic
def token_intrekken(*, gebruiker) -> bool:
    deleted, _ = Token.objects.filter(user=gebruiker).delete()
    return bool(deleted)
