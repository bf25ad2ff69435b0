"""Pages: "Mijn termijnen", all open terms (ministry, COA), preferences and the calendar feed."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import Rol
from accounts.toegang import IEDEREEN, toegang
from core.fragmenten import fragment_sleutel, lui, zonder_querycache

from . import ical, services
from .forms import VoorkeurForm
from .models import Voorkeur
from .termijnen import (
    TOEZICHT_SOORTEN,
    Overzicht,
    agenda_termijnen,
    eerste_termijnen,
    eigen_en_toezicht,
    tekst_dagen,
    termijnen_voor,
)


def regels(termijnen, vandaag):
    """The table rows; each date is formatted once (many terms share a date)."""
    datums: dict = {}

    def datum(d):
        if d is None:
            return None
        if d not in datums:
            datums[d] = {"iso": d.isoformat(), "tekst": dateformat.format(d, "j F Y")}
        return datums[d]

    return [
        {
            "termijn": t,
            "dagen": t.dagen(vandaag),
            "te_laat": t.te_laat(vandaag),
            "tekst": tekst_dagen(t, vandaag),
            "datum": datum(t.datum),
            "sinds": datum(t.sinds),
        }
        for t in termijnen
    ]


PER_PAGINA = 50


class _Voorraad:
    """The whole sorted list for the ``Paginator``: its length, and the terms read so far (at
    least up to the end of the requested page)."""

    def __init__(self, overzicht: Overzicht):
        self.overzicht = overzicht

    def __len__(self) -> int:
        return self.overzicht.aantal

    def __getitem__(self, stuk):
        return self.overzicht.eerste[stuk]


MAX_PAGINA = 100_000  # a larger number shows the last page, as any number past the end


def _paginanummer(request) -> int:
    try:
        return min(max(int(request.GET.get("pagina", 1)), 1), MAX_PAGINA)
    except (TypeError, ValueError):
        return 1


def _pagina(request, overzicht_tot):
    """The requested page (``?pagina=``; past the end: the last page) of the list that
    ``overzicht_tot(n)`` gives the first ``n`` terms of, with the counts of the whole list."""
    nummer = _paginanummer(request)
    overzicht = overzicht_tot(nummer * PER_PAGINA)
    paginator = Paginator(_Voorraad(overzicht), PER_PAGINA)
    return paginator.get_page(nummer), overzicht


def _pagina_context(pagina, overzicht, vandaag) -> dict:
    return {
        "regels": regels(pagina.object_list, vandaag),
        "pagina": pagina,
        "paginas": pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2),
        "aantal": overzicht.aantal,
        "aantal_te_laat": overzicht.aantal_te_laat,
    }


def _alles_tot(vandaag, soorten=None):
    return lambda tot: eerste_termijnen(tot=tot, vandaag=vandaag, soorten=soorten)


AANTAL_VAN_ANDEREN = 10  # on "Mijn termijnen" of the ministry; the rest on /termijnen/alle/

#: what the tables of the term pages show (every collector of ``verzamelaars`` reads these;
#: no user is looked up as a recipient): the key of their fragments (core/fragmenten.py)
TERMIJN_TABELLEN = ("regietafels", "raming", "uitruil", "bezwaar", "locaties")
#: the keys the fragments of the term pages read from ``lui``
_LUI = ("regels", "pagina", "paginas", "aantal", "aantal_te_laat", "anderen")


def mijn_context(request, vandaag) -> dict:
    """The tables of "Mijn termijnen": the user's own terms (the requested page) and, for the
    ministry, the first terms of the PRTs and gemeenten it oversees."""
    anderen = None
    if request.user.is_ministerie:
        # The ministry's own terms, read only up to the requested page; below them the first
        # terms of the PRTs and gemeenten, for oversight (not as the ministry's to-do): both
        # from one read.
        def bron(tot):
            nonlocal anderen
            eigen, anderen = eigen_en_toezicht(
                vandaag=vandaag, eigen=tot, anderen=AANTAL_VAN_ANDEREN
            )
            return eigen

    else:
        termijnen = termijnen_voor(request.user, vandaag=vandaag)
        overzicht = Overzicht(
            eerste=termijnen,
            aantal=len(termijnen),
            aantal_te_laat=sum(1 for t in termijnen if t.te_laat(vandaag)),
        )

        def bron(tot):
            return overzicht

    pagina, overzicht = _pagina(request, bron)
    return {
        **_pagina_context(pagina, overzicht, vandaag),
        "anderen": anderen
        and {
            "regels": regels(anderen.eerste, vandaag),
            "aantal": anderen.aantal,
            "aantal_te_laat": anderen.aantal_te_laat,
        },
    }


@never_cache
@toegang(IEDEREEN)
def mijn_termijnen(request):
    vandaag = timezone.localdate()
    user = request.user
    return render(
        request,
        "herinneringen/mijn_termijnen.html",
        {
            # computed only when the fragment is drawn, its queries not kept by cachalot too
            **lui(lambda: mijn_context(request, vandaag), _LUI, querycache=False),
            # the ministry's tables show no recipients: shared by its staff; a PRT's or
            # gemeente's terms are those addressed to the user (each linked)
            "sleutel": fragment_sleutel(
                user, TERMIJN_TABELLEN, per_gebruiker=not user.is_ministerie
            ),
            "vandaag": vandaag,
            "ministerie": user.is_ministerie,
        },
    )


def alle_context(request, vandaag, van_anderen: bool) -> dict:
    """The table of every open term (of the PRTs and gemeenten), the requested page."""
    soorten = TOEZICHT_SOORTEN if van_anderen else None
    pagina, overzicht = _pagina(request, _alles_tot(vandaag, soorten))
    return _pagina_context(pagina, overzicht, vandaag)


@never_cache
@toegang(Rol.MINISTERIE, Rol.COA)
def alle_termijnen(request):
    """Every open term (``?van=anderen``: only those of the PRTs and gemeenten)."""
    vandaag = timezone.localdate()
    van_anderen = request.GET.get("van") == "anderen"
    return render(
        request,
        "herinneringen/alle_termijnen.html",
        {
            **lui(lambda: alle_context(request, vandaag, van_anderen), _LUI[:-1], querycache=False),
            "sleutel": fragment_sleutel(request.user, TERMIJN_TABELLEN),
            "vandaag": vandaag,
            "van_anderen": van_anderen,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@toegang(IEDEREEN)
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
        {
            "form": form,
            "voorkeur": voorkeur,
            "feed_url": feed_url,
            "Voorkeur": Voorkeur,
            "ministerie": request.user.is_ministerie,
        },
    )


#: the calendar feed's ``?van=``: the user's own terms (the default), those of the PRTs and
#: gemeenten the ministry oversees, or both
AGENDA_VAN = {"eigen": "eigen", "anderen": "anderen", "alle": None}


@login_not_required
@never_cache
def agenda(request, token):
    """The user's own terms with a date (``?van=anderen``: the terms of the PRTs and gemeenten
    the ministry oversees; ``?van=alle``: both), as on "Mijn termijnen"."""
    gebruiker = services.gebruiker_voor_token(token)
    if gebruiker is None:
        raise Http404
    van = request.GET.get("van", "eigen")
    van = van if van in AGENDA_VAN else "eigen"
    naam = gebruiker.get_full_name() or gebruiker.username

    def maken() -> str:
        return ical.agenda(
            agenda_termijnen(gebruiker, vandaag=timezone.localdate(), van=AGENDA_VAN[van]),
            naam=f"Regietafel: termijnen {naam}"
            + {"eigen": "", "anderen": " (van anderen)", "alle": " (alle)"}[van],
            nu=timezone.now(),
        )

    if getattr(settings, "CACHALOT_ENABLED", False):
        # kept like a fragment: until a table the terms read is written (or the next day)
        sleutel = fragment_sleutel(gebruiker, TERMIJN_TABELLEN, per_gebruiker=True)
        sleutel = "agenda:" + hashlib.sha256(f"{sleutel}|{van}|{naam}".encode()).hexdigest()
        inhoud = cache.get(sleutel)
        if inhoud is None:
            inhoud = zonder_querycache(maken)
            cache.set(sleutel, inhoud, settings.CACHALOT_TIMEOUT)
    else:
        inhoud = maken()
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="regietafel-termijnen.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
