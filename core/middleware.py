"""Request-level security controls.

- ``DienstStoringMiddleware`` (outermost): a database or broker failure gives a Dutch 503.
- ``BeveiligingsheadersMiddleware``: Permissions-Policy (the other headers come from Django's
  SecurityMiddleware, XFrameOptionsMiddleware and django-csp).
- ``SessieTimeoutMiddleware``: 30 minutes idle and 10 hours absolute.
- ``LoginVereistMiddleware``: every page needs login unless marked ``login_not_required``.
- The second factor: ``accounts.middleware.TweeFactorMiddleware`` (core knows no accounts).
- ``ToegangGeweigerdLogMiddleware``: every 403 goes to the security log.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone

from core.api.errors import fout_body
from core.audit.models import Soort
from core.audit.services import log_gebeurtenis

logger = logging.getLogger("regietafel.beveiliging")

SESSIE_LOGIN_TIJD = "rt_login_tijd"
SESSIE_LAATSTE_ACTIVITEIT = "rt_laatste_activiteit"
SESSIE_VERLOPEN = "rt_sessie_verlopen"
SESSIE_SSO = "rt_sso"
# whether the user has a second factor, kept in the session so that users without one cost no
# extra query per request
SESSIE_HEEFT_2FA = "rt_heeft_2fa"


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


# --- 503 on a database or broker failure --------------------------------------------------------


def _storingsfouten() -> tuple[type[BaseException], ...]:
    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as KombuOperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (
        OperationalError,
        InterfaceError,
        KombuOperationalError,
        RedisConnectionError,
        RedisTimeoutError,
    )


def is_storing(exc: BaseException | None) -> bool:
    return exc is not None and isinstance(exc, _storingsfouten())


@receiver(got_request_exception, dispatch_uid="rt-storing-markeren")
def _storing_markeren(sender, request=None, **kwargs):
    """Django turns every exception into a 500 response before an outer middleware sees it;
    this receiver marks the request when the cause was an unavailable database or broker."""
    exc = sys.exc_info()[1]
    if request is not None and is_storing(exc):
        request._rt_storing = exc


def storing_response(request) -> HttpResponse:
    if request is not None and is_api(request):
        body = fout_body(
            503,
            "De dienst is tijdelijk niet beschikbaar. Probeer het over enkele minuten opnieuw.",
        )
        body["type"] = "niet-beschikbaar"
        body["titel"] = "Tijdelijk niet beschikbaar"
        response = JsonResponse(body, status=503)
    else:
        # rendered without the request: the context processors would touch the database
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "120"
    response["Cache-Control"] = "no-store"
    return response


class DienstStoringMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except _storingsfouten() as exc:
            # e.g. the 500 handler itself failing because the database is gone
            request._rt_storing = exc
            response = HttpResponse(status=500)
        exc = getattr(request, "_rt_storing", None)
        if exc is not None and response.status_code >= 500:
            logger.error("dienst niet beschikbaar: %s: %s", type(exc).__name__, exc)
            return storing_response(request)
        return response

    def process_exception(self, request, exception):
        if is_storing(exception):
            request._rt_storing = exception
            return storing_response(request)
        return None


# --- headers -------------------------------------------------------------------------------------

PERMISSIONS_POLICY_STANDAARD = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "fullscreen=(self)"
)


class BeveiligingsheadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            getattr(settings, "PERMISSIONS_POLICY", PERMISSIONS_POLICY_STANDAARD),
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# --- session timeouts ---------------------------------------------------------------------------


def _nu() -> float:
    return timezone.now().timestamp()


@receiver(user_logged_in, dispatch_uid="rt-sessie-begin")
def _sessie_begin(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        nu = _nu()
        session[SESSIE_LOGIN_TIJD] = nu
        session[SESSIE_LAATSTE_ACTIVITEIT] = nu


class SessieTimeoutMiddleware:
    """Logs out after ``SESSION_IDLE_TIMEOUT`` seconds without a request and after
    ``SESSION_COOKIE_AGE`` seconds since login, whatever the activity."""

    # writing the session on every request costs a query; a minute's precision is enough
    SCHRIJF_INTERVAL = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._controleer(request)
        return self.get_response(request)

    def _controleer(self, request):
        session = request.session
        nu = _nu()
        idle = getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60)
        absoluut = getattr(settings, "SESSION_COOKIE_AGE", 10 * 60 * 60)
        login_tijd = session.get(SESSIE_LOGIN_TIJD)
        laatste = session.get(SESSIE_LAATSTE_ACTIVITEIT)
        if login_tijd is None or laatste is None:
            session[SESSIE_LOGIN_TIJD] = login_tijd or nu
            session[SESSIE_LAATSTE_ACTIVITEIT] = nu
            return
        reden = None
        if nu - float(login_tijd) > absoluut:
            reden = "absoluut"
        elif nu - float(laatste) > idle:
            reden = "inactief"
        if reden:
            log_gebeurtenis(soort=Soort.SESSIE_VERLOPEN, request=request, details={"reden": reden})
            logout(request)
            request.session[SESSIE_VERLOPEN] = reden
            return
        if nu - float(laatste) >= self.SCHRIJF_INTERVAL:
            session[SESSIE_LAATSTE_ACTIVITEIT] = nu


# --- login required -----------------------------------------------------------------------------


class LoginVereistMiddleware(LoginRequiredMiddleware):
    """Every page requires login unless its view is marked ``login_not_required``.

    The API answers 401/403 itself (DRF), so it is left to DRF's authentication classes.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# --- two-factor authentication ------------------------------------------------------------------

# reachable with a password-only session (the 2FA pages themselves, logout, static files)
VRIJE_PADEN = ("/account/tweede-factor/", "/account/uitloggen/", "/static/", "/account/oidc/")


# --- permission denials in the security log -----------------------------------------------------


class ToegangGeweigerdLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            log_gebeurtenis(soort=Soort.TOEGANG_GEWEIGERD, request=request)
        return response
