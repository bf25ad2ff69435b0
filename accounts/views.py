from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from knox.settings import knox_settings

from core.middleware import SESSIE_VERLOPEN

from . import services, tweefactor
from .forms import CodeForm
from .toegang import IEDEREEN, toegang


@method_decorator(login_not_required, name="dispatch")
class InlogView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessie_verlopen"] = self.request.session.pop(SESSIE_VERLOPEN, None)
        context["sso_aan"] = getattr(settings, "OIDC_ENABLED", False)
        return context


@toegang(IEDEREEN)
def profiel(request):
    token = services.token_van(request.user)
    nieuw_token = request.session.pop("nieuw_token", None)
    return render(
        request,
        "accounts/profiel.html",
        {
            "token": token,
            "nieuw_token": nieuw_token,
            "token_dagen": knox_settings.TOKEN_TTL.days,
            "heeft_tweede_factor": tweefactor.heeft_tweede_factor(request.user),
            "tweede_factor_verplicht": tweefactor.is_verplicht(request.user),
            "herstelcodes_over": tweefactor.herstelcodes_over(request.user),
        },
    )


@require_POST
@toegang(IEDEREEN)
def token_aanmaken(request):
    nieuw = services.token_aanmaken(gebruiker=request.user, request=request)
    # shown once, on the next page, then never again (only its digest is stored)
    request.session["nieuw_token"] = nieuw.key
    messages.success(
        request,
        "Er is een nieuw API-token aangemaakt. Bewaar het nu: het wordt maar één keer getoond.",
    )
    return redirect("accounts:profiel")


@require_POST
@toegang(IEDEREEN)
def token_intrekken(request):
    if services.token_intrekken(gebruiker=request.user, request=request):
        messages.success(request, "Uw API-token is ingetrokken.")
    else:
        messages.info(request, "U had geen API-token.")
    return redirect("accounts:profiel")


# --- two-factor authentication ------------------------------------------------------------------


def _volgende(request, standaard: str = "home") -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(standaard)


@never_cache
@toegang(IEDEREEN)
def tweede_factor(request):
    """The second step of logging in: a code from the app or a recovery code."""
    if not tweefactor.heeft_tweede_factor(request.user):
        return redirect("accounts:tweede-factor-instellen")
    if tweefactor.is_geverifieerd(request):
        return redirect(_volgende(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tweefactor.verifieren(request=request, token=form.cleaned_data["code"]):
            return redirect(_volgende(request))
        form.add_error("code", "Deze code klopt niet of is al gebruikt. Probeer het opnieuw.")
    return render(
        request,
        "accounts/tweede_factor.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@never_cache
@toegang(IEDEREEN)
def tweede_factor_instellen(request):
    """Set up (or replace) the authenticator app; ends with the recovery codes, shown once."""
    if tweefactor.heeft_tweede_factor(request.user) and not tweefactor.is_geverifieerd(request):
        # replacing a factor needs the current one first
        return redirect(f"{reverse('accounts:tweede-factor')}?next={request.path}")
    apparaat = tweefactor.totp_beginnen(gebruiker=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = tweefactor.totp_bevestigen(
            request=request, apparaat=apparaat, token=form.cleaned_data["code"]
        )
        if codes is not None:
            messages.success(request, "De tweede factor is ingesteld.")
            return render(
                request,
                "accounts/herstelcodes.html",
                {"codes": codes, "next": _volgende(request, "accounts:profiel")},
            )
        form.add_error(
            "code", "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw."
        )
    return render(
        request,
        "accounts/tweede_factor_instellen.html",
        {
            "form": form,
            "qr": tweefactor.qr_code(apparaat),
            "sleutel": tweefactor.geheime_sleutel(apparaat),
            "verplicht": tweefactor.is_verplicht(request.user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
    )


@never_cache
@require_POST
@toegang(IEDEREEN)
def herstelcodes_vernieuwen(request):
    if not tweefactor.is_geverifieerd(request):
        return redirect(f"{reverse('accounts:tweede-factor')}?next={reverse('accounts:profiel')}")
    codes = tweefactor.herstelcodes_vernieuwen(request=request)
    return render(
        request, "accounts/herstelcodes.html", {"codes": codes, "next": reverse("accounts:profiel")}
    )


@require_POST
@toegang(IEDEREEN)
def tweede_factor_uitschakelen(request):
    if not tweefactor.is_geverifieerd(request):
        return redirect(f"{reverse('accounts:tweede-factor')}?next={reverse('accounts:profiel')}")
    if tweefactor.uitschakelen(request=request):
        messages.success(request, "De tweede factor is uitgeschakeld.")
    else:
        messages.error(
            request,
            "Voor uw rol is de tweede factor verplicht. U kunt hem wel opnieuw instellen.",
        )
    return redirect("accounts:profiel")
