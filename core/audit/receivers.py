"""Signal receivers that fill the security log (logins, failures, logouts, lockouts)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Soort
from .services import log_gebeurtenis


@receiver(user_logged_in, dispatch_uid="audit-inlog")
def _ingelogd(sender, request, user, **kwargs):
    sso = bool(getattr(request, "session", {}).get("rt_sso")) if request is not None else False
    log_gebeurtenis(
        soort=Soort.SSO_INLOG if sso else Soort.INLOG,
        request=request,
        gebruiker=user,
        details={"backend": getattr(user, "backend", "")},
    )


@receiver(user_login_failed, dispatch_uid="audit-inlog-mislukt")
def _inloggen_mislukt(sender, credentials, request=None, **kwargs):
    log_gebeurtenis(
        soort=Soort.INLOG_MISLUKT,
        request=request,
        gebruikersnaam=str(credentials.get("username", ""))[:150],
    )


@receiver(user_logged_out, dispatch_uid="audit-uitlog")
def _uitgelogd(sender, request, user, **kwargs):
    if user is not None:
        log_gebeurtenis(soort=Soort.UITLOG, request=request, gebruiker=user)


@receiver(user_locked_out, dispatch_uid="audit-geblokkeerd")
def _geblokkeerd(sender, request, username, ip_address, **kwargs):
    log_gebeurtenis(
        soort=Soort.GEBLOKKEERD,
        request=request,
        gebruikersnaam=str(username or "")[:150],
        details={"ip": ip_address},
    )
