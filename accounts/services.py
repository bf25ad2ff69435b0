from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from core.audit.models import Soort
from core.audit.services import log_gebeurtenis


def token_van(gebruiker) -> Token | None:
    return Token.objects.filter(user=gebruiker).first()


@transaction.atomic
def token_aanmaken(*, gebruiker, request=None) -> Token:
    """A new personal API token; any earlier token of the user stops working."""
    Token.objects.filter(user=gebruiker).delete()
    token = Token.objects.create(user=gebruiker)
    log_gebeurtenis(soort=Soort.TOKEN_AANGEMAAKT, request=request, gebruiker=gebruiker)
    return token


@transaction.atomic
def token_intrekken(*, gebruiker, request=None) -> bool:
    deleted, _ = Token.objects.filter(user=gebruiker).delete()
    if deleted:
        log_gebeurtenis(soort=Soort.TOKEN_INGETROKKEN, request=request, gebruiker=gebruiker)
    return bool(deleted)
