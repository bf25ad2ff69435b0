"""Pages: the user's list of notices (mark as read) and the choice of notices by e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accounts.toegang import IEDEREEN, toegang

from . import services
from .forms import MailvoorkeurForm
from .models import VERPLICHT, Soort
from .selectors import meldingen_voor, ongelezen_aantal

PER_PAGINA = 25


@require_http_methods(["GET", "HEAD"])
@toegang(IEDEREEN)
def lijst(request):
    alleen_ongelezen = request.GET.get("filter") == "ongelezen"
    rijen = meldingen_voor(request.user)
    if alleen_ongelezen:
        rijen = rijen.filter(gelezen_op__isnull=True)
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "meldingen/lijst.html",
        {
            "pagina": pagina,
            "alleen_ongelezen": alleen_ongelezen,
            "ongelezen": ongelezen_aantal(request.user),
        },
    )


@require_POST
@toegang(IEDEREEN)
def gelezen(request, pk: int):
    melding = meldingen_voor(request.user).filter(pk=pk).first()
    if melding is None:
        raise Http404
    services.gelezen_markeren(gebruiker=request.user, melding_id=pk)
    volgende = request.POST.get("volgende", "")
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(volgende)
    return redirect("meldingen:lijst")


@require_POST
@toegang(IEDEREEN)
def alles_gelezen(request):
    aantal = services.alles_gelezen(gebruiker=request.user)
    if aantal:
        messages.success(
            request, "1 melding gelezen." if aantal == 1 else f"{aantal} meldingen gelezen."
        )
    return redirect("meldingen:lijst")


@require_http_methods(["GET", "HEAD", "POST"])
@toegang(IEDEREEN)
def voorkeuren(request):
    soorten = services.soorten_voor(request.user)
    huidig = services.mailvoorkeuren_van(request.user)
    if request.method == "POST":
        form = MailvoorkeurForm(request.POST, soorten=soorten)
        if form.is_valid():
            services.mailvoorkeuren_opslaan(
                gebruiker=request.user, per_mail=form.cleaned_data["per_mail"]
            )
            messages.success(request, "Uw keuze voor meldingen per e-mail is opgeslagen.")
            return redirect("meldingen:voorkeuren")
    else:
        form = MailvoorkeurForm(
            initial={"per_mail": [s for s, ja in huidig.items() if ja]}, soorten=soorten
        )
    return render(
        request,
        "meldingen/voorkeuren.html",
        {
            "form": form,
            "verplicht": [Soort(s).label for s in soorten if s in VERPLICHT],
            "heeft_soorten": bool(soorten),
        },
    )
