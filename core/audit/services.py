"""Writing the security log. Callers pass the request where there is one."""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

from .models import Beveiligingsgebeurtenis

logger = logging.getLogger("regietafel.beveiliging")


def client_ip(request) -> str | None:
    if request is None:
        return None
    # behind the reverse proxy REMOTE_ADDR is set by the WSGI server; X-Forwarded-For is not
    # trusted here because a client can forge it
    return request.META.get("REMOTE_ADDR") or None


def log_gebeurtenis(
    *,
    soort: str,
    request=None,
    gebruiker=None,
    gebruikersnaam: str = "",
    details: dict | None = None,
) -> Beveiligingsgebeurtenis | None:
    """Append one event. A failure to write is logged, never raised to the user's request."""
    if gebruiker is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            gebruiker = user
    if gebruiker is not None and not gebruikersnaam:
        gebruikersnaam = gebruiker.get_username()
    gebeurtenis = Beveiligingsgebeurtenis(
        soort=soort,
        gebruiker_id=getattr(gebruiker, "pk", None),
        gebruikersnaam=(gebruikersnaam or "")[:150],
        ip_adres=client_ip(request),
        pad=(request.get_full_path()[:500] if request is not None else ""),
        methode=(request.method or "")[:10] if request is not None else "",
        details=details or {},
    )
    logger.info(
        "beveiliging %s gebruiker=%s ip=%s pad=%s",
        soort,
        gebeurtenis.gebruikersnaam,
        gebeurtenis.ip_adres,
        gebeurtenis.pad,
    )
    try:
        # a savepoint: a failing log write must not break the caller's transaction
        with transaction.atomic():
            gebeurtenis.save()
    except DatabaseError:
        logger.exception("beveiligingslog kon niet worden geschreven (%s)", soort)
        return None
    return gebeurtenis
