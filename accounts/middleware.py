"""The second factor after the password (``TweeFactorMiddleware``), mandatory for ministry staff
and for the admin, and what a login records of it in the session."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

from core.api.errors import fout_body
from core.middleware import SESSIE_HEEFT_2FA, VRIJE_PADEN, is_api

from . import tweefactor


@receiver(user_logged_in, dispatch_uid="rt-sessie-2fa")
def _sessie_2fa(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    session[SESSIE_HEEFT_2FA] = tweefactor.heeft_tweede_factor(user)
    # django-otp persists a device verified during login only when request.user is set,
    # which Django's test client login does not do; the same rule, without that condition
    apparaat = getattr(user, "otp_device", None)
    if apparaat is not None and apparaat.user_id == user.pk:
        from django_otp import DEVICE_ID_SESSION_KEY

        session[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id


class TweeFactorMiddleware:
    """After the password, a user with a second factor must enter it before anything else;
    ministry staff and admin users without one must set it up first. Demo users in demo mode
    and single-sign-on sessions are exempt. The admin (``/beheer/``) is for ministry staff only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwoord = self._controleer(request)
        if antwoord is not None:
            return antwoord
        return self.get_response(request)

    def _controleer(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        pad = request.path_info
        if pad.startswith("/beheer/") and not (user.is_ministerie and user.is_staff):
            return HttpResponseForbidden(render_to_string("403.html", request=request))
        if pad.startswith(VRIJE_PADEN):
            return None
        if tweefactor.is_geverifieerd(request) or tweefactor.is_vrijgesteld(request):
            return None
        heeft_apparaat = request.session.get(SESSIE_HEEFT_2FA)
        if heeft_apparaat is None:
            heeft_apparaat = request.session[SESSIE_HEEFT_2FA] = tweefactor.heeft_tweede_factor(
                user
            )
        if not heeft_apparaat and not tweefactor.is_verplicht(user):
            return None
        if is_api(request):
            body = fout_body(403, "Voer eerst uw tweede factor in via de website.")
            return JsonResponse(body, status=403)
        doel = "accounts:tweede-factor" if heeft_apparaat else "accounts:tweede-factor-instellen"
        url = reverse(doel)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
