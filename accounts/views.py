from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from . import services


@method_decorator(login_not_required, name="dispatch")
class InlogView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def profiel(request):
    token = services.token_van(request.user)
    nieuw_token = request.session.pop("nieuw_token", None)
    return render(request, "accounts/profiel.html", {"token": token, "nieuw_token": nieuw_token})


@require_POST
def token_aanmaken(request):
    token = services.token_aanmaken(gebruiker=request.user)
    # shown once, on the next page, then never again
    request.session["nieuw_token"] = token.key
    messages.success(
        request,
        "Er is een nieuw API-token aangemaakt. Bewaar het nu: het wordt maar één keer getoond.",
    )
    return redirect("accounts:profiel")


@require_POST
def token_intrekken(request):
    if services.token_intrekken(gebruiker=request.user):
        messages.success(request, "Uw API-token is ingetrokken.")
    else:
        messages.info(request, "U had geen API-token.")
    return redirect("accounts:profiel")
