"""Optional single sign-on through OpenID Connect (mozilla-django-oidc).

On when ``OIDC_RP_CLIENT_ID`` is set. The provider's username claim (``OIDC_USERNAME_CLAIM``,
default ``preferred_username``) or else its verified e-mail address is matched against an
existing, active user; nobody is created and nothing about the user is changed. A session
started this way is marked, and exempt from the local second factor.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.audit.models import Soort
from core.audit.services import log_gebeurtenis
from core.middleware import SESSIE_SSO

from .models import Gebruiker


class BestaandeGebruikerBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email"))

    def filter_users_by_claims(self, claims):
        actief = Gebruiker.objects.filter(is_active=True)
        gebruikersnaam = claims.get(settings.OIDC_USERNAME_CLAIM)
        if gebruikersnaam:
            gevonden = actief.filter(username=gebruikersnaam)
            if gevonden.exists():
                return gevonden
        email = claims.get("email")
        if email and claims.get("email_verified", False):
            return actief.filter(email__iexact=email)
        return Gebruiker.objects.none()

    def create_user(self, claims):
        return None

    def describe_user_by_claims(self, claims):
        return f"gebruikersnaam {claims.get(settings.OIDC_USERNAME_CLAIM)!r}"


class SSOTerugkeerView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("login")

    def login_success(self):
        self.request.session[SESSIE_SSO] = True
        response = super().login_success()
        # auth.login flushes the session when another user was logged in: mark again
        self.request.session[SESSIE_SSO] = True
        return response

    def login_failure(self):
        log_gebeurtenis(soort=Soort.SSO_GEWEIGERD, request=self.request)
        return super().login_failure()


def _alleen_als_aan(view):
    @login_not_required
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "OIDC_ENABLED", False):
            raise Http404("Single sign-on staat niet aan.")
        return view(request, *args, **kwargs)

    return wrapper


sso_starten = _alleen_als_aan(OIDCAuthenticationRequestView.as_view())
sso_terugkeer = _alleen_als_aan(SSOTerugkeerView.as_view())
