"""What the page modules of the regietafels share: role checks, the regietafel or verslag named
by a URL (404 when not visible), and showing a service's ``ValidationError``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Rol
from accounts.rechten import rol_vereist

from . import forms, selectors, services
from .models import Regietafel, Verslag
from .termijnen import verslag_mijlpaal_datum

#: who may open the pages of a regietafel and its verslag (its province is checked by the
#: visibility rule: another province's regietafel is a 404)
LEZERS = frozenset({Rol.MINISTERIE, Rol.COA, Rol.PRT_SECRETARIS})


def _cyclus(request):
    jaar = request.GET.get("cyclus")
    cyclus = selectors.cyclus_of_huidige(int(jaar) if jaar and jaar.isdigit() else None)
    if cyclus is None:
        raise Http404("Er is nog geen wetscyclus.")
    return cyclus


def _regietafel(request, slug) -> Regietafel:
    rol_vereist(request.user, LEZERS)
    return get_object_or_404(
        Regietafel.objects.zichtbaar_voor(request.user).select_related("provincie"),
        provincie__slug=slug,
    )


def _verslag(request, slug, *, cyclus=None) -> Verslag:
    """The verslag of the regietafel ``slug`` in the cycle (404 when the regietafel is not
    visible, like ``_regietafel``); with ``mijlpaal_datum`` for ``verslagtermijn``."""
    rol_vereist(request.user, LEZERS)
    cyclus = cyclus or _cyclus(request)
    return get_object_or_404(
        Verslag.objects.zichtbaar_voor(request.user)
        .select_related("regietafel__provincie", "cyclus", "ingediend_door")
        .annotate(mijlpaal_datum=verslag_mijlpaal_datum()),
        regietafel__in=Regietafel.objects.zichtbaar_voor(request.user),
        regietafel__provincie__slug=slug,
        cyclus=cyclus,
    )


def _mag_bewerken(user, verslag: Verslag) -> bool:
    return (
        user.is_prt
        and user.provincie_id == verslag.regietafel.provincie_id
        and verslag.status in services.BEWERKBAAR
    )


def _fout_naar_messages(request, fout: ValidationError) -> None:
    for tekst in forms.foutmeldingen(fout).values():
        messages.error(request, tekst)


def _formfouten(form, fout: ValidationError) -> None:
    for veld, tekst in forms.foutmeldingen(fout).items():
        form.add_error(veld if veld in form.fields else None, tekst)
