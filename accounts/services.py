"""Personal API tokens (django-rest-knox): stored only as a SHA-512 digest, valid for a limited
time (``REST_KNOX["TOKEN_TTL"]``, ``API_TOKEN_DAGEN``), one per user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken

from core.audit.models import Soort
from core.audit.services import log_gebeurtenis


@dataclass(frozen=True)
class NieuwToken:
    """A token just made. ``key`` is the secret: shown once, never stored (only its digest)."""

    token: AuthToken
    key: str


def token_van(gebruiker) -> AuthToken | None:
    """The user's token that still works (not expired), or None."""
    geldig = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return AuthToken.objects.filter(geldig, user=gebruiker).order_by("-created").first()


@transaction.atomic
def token_aanmaken(*, gebruiker, request=None) -> NieuwToken:
    """A new personal API token; any earlier token of the user stops working."""
    AuthToken.objects.filter(user=gebruiker).delete()
    token, key = AuthToken.objects.create(user=gebruiker)
    log_gebeurtenis(soort=Soort.TOKEN_AANGEMAAKT, request=request, gebruiker=gebruiker)
    return NieuwToken(token=token, key=key)


@transaction.atomic
def token_intrekken(*, gebruiker, request=None) -> bool:
    deleted, _ = AuthToken.objects.filter(user=gebruiker).delete()
    if deleted:
        log_gebeurtenis(soort=Soort.TOKEN_INGETROKKEN, request=request, gebruiker=gebruiker)
    return bool(deleted)
