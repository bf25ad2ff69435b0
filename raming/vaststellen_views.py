"""Vaststellen and publiceren of a raming in the pages, each after a confirmation page that
says what will happen; and the recorded exception for gemeenten without inputs."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.rechten import Handeling
from accounts.toegang import toegang

from . import services, vaststelling
from .forms import BevestigForm, PublicerenForm, UitzonderingForm
from .services import RamingFout
from .views import _fout_op_form, _raming_context, _zichtbare_raming


def _bevestigen(request, raming, gevolgen, form, publiceren_form=None, status=200):
    return render(
        request,
        "raming/bevestigen.html",
        {
            "raming": raming,
            "gevolgen": gevolgen,
            "form": form,
            "publiceren_form": publiceren_form,
        },
        status=status,
    )


@toegang(handeling=Handeling.RAMING_VASTSTELLEN)
def raming_vaststellen(request, pk: int):
    raming = _zichtbare_raming(request, pk)
    form = BevestigForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.raming_vaststellen(raming=raming, door=request.user)
        except RamingFout as fout:
            _fout_op_form(form, fout)
        else:
            messages.success(request, "De raming is vastgesteld; de aantallen zijn nu bevroren.")
            return redirect("raming:raming", pk=raming.pk)
    gevolgen = vaststelling.vaststellen_gevolgen(raming)
    status = 400 if request.method == "POST" else 200
    return _bevestigen(request, raming, gevolgen, form, status=status)


@toegang(handeling=Handeling.RAMING_PUBLICEREN)
def raming_publiceren(request, pk: int):
    raming = _zichtbare_raming(request, pk)
    form = BevestigForm(request.POST if request.method == "POST" else None)
    pub = PublicerenForm(request.POST if request.method == "POST" else None, prefix="pub")
    if request.method == "POST" and pub.is_valid() and form.is_valid():
        try:
            services.raming_publiceren(raming=raming, door=request.user, **pub.cleaned_data)
        except RamingFout as fout:
            _fout_op_form(pub, fout)
        else:
            messages.success(request, "De raming is gepubliceerd en openbaar.")
            return redirect("raming:raming", pk=raming.pk)
    data = pub.cleaned_data if pub.is_bound and hasattr(pub, "cleaned_data") else {}
    gevolgen = vaststelling.publiceren_gevolgen(
        raming,
        staatscourant_referentie=data.get("staatscourant_referentie", ""),
        gepubliceerd_op=data.get("gepubliceerd_op"),
    )
    status = 400 if request.method == "POST" else 200
    return _bevestigen(request, raming, gevolgen, form, publiceren_form=pub, status=status)


@toegang(handeling=Handeling.RAMING_VASTSTELLEN)
def raming_uitzondering(request, pk: int):
    raming = _zichtbare_raming(request, pk)
    if request.method != "POST":
        return redirect("raming:raming", pk=raming.pk)
    form = UitzonderingForm(request.POST, prefix="uz")
    if form.is_valid():
        try:
            vaststelling.uitzondering_vastleggen(
                raming=raming, reden=form.cleaned_data["reden"], door=request.user
            )
        except RamingFout as fout:
            _fout_op_form(form, fout)
        else:
            messages.success(request, "De uitzondering is met haar reden vastgelegd.")
            return redirect("raming:raming", pk=raming.pk)
    return render(
        request,
        "raming/raming.html",
        _raming_context(request, raming, uitzondering=form),
        status=400,
    )
