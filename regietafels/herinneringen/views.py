"""Pages: "Mijn termijnen", all open terms (ministry, COA), preferences and the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import ical, services
from .forms import VoorkeurForm
from .models import Voorkeur
from .termijnen import open_termijnen, sorteer, tekst_dagen, termijnen_voor


def regels(termijnen, vandaag):
    return [
        {
            "termijn": t,
            "dagen": t.dagen(vandaag),
            "te_laat": t.te_laat(vandaag),
            "tekst": tekst_dagen(t, vandaag),
        }
        for t in termijnen
    ]


@never_cache
def mijn_termijnen(request):
    vandaag = timezone.localdate()
    termijnen = termijnen_voor(request.user, vandaag=vandaag)
    return render(
        request,
        "herinneringen/mijn_termijnen.html",
        {
            "regels": regels(termijnen, vandaag),
            "vandaag": vandaag,
            "alles": request.user.is_ministerie,
            "aantal_te_laat": sum(1 for t in termijnen if t.te_laat(vandaag)),
        },
    )


@never_cache
def alle_termijnen(request):
    if not (request.user.is_ministerie or request.user.is_coa):
        raise PermissionDenied
    vandaag = timezone.localdate()
    termijnen = sorteer(open_termijnen(vandaag=vandaag), vandaag, te_laat_eerst=True)
    return render(
        request,
        "herinneringen/alle_termijnen.html",
        {
            "regels": regels(termijnen, vandaag),
            "vandaag": vandaag,
            "aantal_te_laat": sum(1 for t in termijnen if t.te_laat(vandaag)),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def voorkeuren(request):
    voorkeur = services.voorkeur_van(request.user)
    form = VoorkeurForm(initial={"e_mail": voorkeur.e_mail})
    if request.method == "POST":
        actie = request.POST.get("actie", "opslaan")
        if actie == "agenda-vernieuwen":
            services.ical_token_vernieuwen(gebruiker=request.user)
            messages.success(
                request, "Er is een nieuw agenda-adres gemaakt; het oude werkt niet meer."
            )
            return redirect("herinneringen:voorkeuren")
        if actie == "agenda-intrekken":
            services.ical_token_intrekken(gebruiker=request.user)
            messages.success(request, "Het agenda-adres is ingetrokken.")
            return redirect("herinneringen:voorkeuren")
        form = VoorkeurForm(request.POST)
        if form.is_valid():
            services.voorkeur_wijzigen(gebruiker=request.user, e_mail=form.cleaned_data["e_mail"])
            messages.success(request, "Uw voorkeur is opgeslagen.")
            return redirect("herinneringen:voorkeuren")
    voorkeur.refresh_from_db()
    feed_url = None
    if voorkeur.ical_token:
        feed_url = request.build_absolute_uri(
            reverse("herinneringen:agenda", args=[voorkeur.ical_token])
        )
    return render(
        request,
        "herinneringen/voorkeuren.html",
        {"form": form, "voorkeur": voorkeur, "feed_url": feed_url, "Voorkeur": Voorkeur},
    )


@login_not_required
@never_cache
def agenda(request, token):
    gebruiker = services.gebruiker_voor_token(token)
    if gebruiker is None:
        raise Http404
    vandaag = timezone.localdate()
    inhoud = ical.agenda(
        termijnen_voor(gebruiker, vandaag=vandaag),
        naam=f"Regietafel: termijnen {gebruiker.get_full_name() or gebruiker.username}",
        nu=timezone.now(),
    )
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="regietafel-termijnen.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
