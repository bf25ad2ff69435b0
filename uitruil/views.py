"""Pages of uitruil. Thin: reads via selectors/querysets, writes via services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.decorators.http import require_POST

from accounts.models import Rol
from accounts.rechten import Handeling, rol_vereist
from accounts.toegang import IEDEREEN, toegang
from core.bewaard_bestand import bewaard_bestand
from core.cache import bereik
from core.grenzen import id_uit
from raming.models import Gemeente, Provincie, Wetscyclus
from raming.selectors import huidige_cyclus

from . import exports, services, tabel
from .filters import UitruilFilter
from .forms import PartijFormSet, RedenForm, TaakstellingForm, ToelichtingForm, UitruilForm
from .models import Taakstelling, Uitruil, UitruilPartij, UitruilStap
from .selectors import (
    grootboek_gemeente,
    grootboek_gemeenten,
    grootboek_provincie,
    grootboek_provincies,
    toegestane_acties,
    verhouding_controle,
)

ACTIES_MET_REDEN = {"afwijzen", "terugsturen", "annuleren"}
ACTIE_LABELS = {
    "accepteren": "Accepteren",
    "afwijzen": "Afwijzen",
    "intrekken": "Uitruil intrekken",
    "bevestigen": "Bevestigen",
    "terugsturen": "Terugsturen naar de partijen",
    "annuleren": "Bevestigde uitruil annuleren",
}
ACTIE_MELDINGEN = {
    "accepteren": "U heeft de uitruil geaccepteerd.",
    "afwijzen": "U heeft de uitruil afgewezen.",
    "intrekken": "De uitruil is ingetrokken.",
    "bevestigen": "De uitruil is bevestigd en telt mee in het verslag.",
    "terugsturen": "De uitruil is teruggestuurd naar de partijen.",
    "annuleren": "De bevestigde uitruil is geannuleerd.",
}


def _met_partijen(qs):
    return qs.select_related("cyclus", "provincie", "voorgesteld_door_gemeente").prefetch_related(
        Prefetch(
            "partijen", queryset=UitruilPartij.objects.select_related("gemeente").order_by("pk")
        )
    )


def _gekozen_cyclus(request) -> Wetscyclus | None:
    jaar = request.GET.get("cyclus", "")
    if jaar.isdigit():
        return get_object_or_404(Wetscyclus, jaar=int(jaar))
    return huidige_cyclus()


def _gefilterd(request):
    """The filter set over the exchanges visible to the user, and its (filtered) queryset."""
    filterset = UitruilFilter(
        request.GET or None, queryset=Uitruil.objects.zichtbaar_voor(request.user)
    )
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return filterset, qs


PAGINAGROOTTE = 50


class _Paginator(Paginator):
    """Counts the filtered exchanges without the joins of the page's columns."""

    def __init__(self, qs, per_page):
        super().__init__(tabel.als_regels(qs), per_page)
        self._qs = qs

    @cached_property
    def count(self):
        return self._qs.count()


@toegang(IEDEREEN)
def lijst(request):
    user = request.user
    if user.is_gemeente and user.gemeente_id:
        # The page names the gemeente and its province: one query for both.
        user.gemeente = Gemeente.objects.select_related("provincie").get(pk=user.gemeente_id)
    gevraagd = request.GET.get("pagina", "")
    gevraagd = gevraagd if gevraagd.isdigit() else "1"  # what get_page() makes of the rest
    filterset, qs = _gefilterd(request)

    def tabel_lezen() -> dict:
        # Read only when the table fragment is not in the cache: the count, the page's rows,
        # their party rows.
        pagina = _Paginator(qs, PAGINAGROOTTE).get_page(gevraagd)
        regels = [tabel.Regel(*rij) for rij in pagina.object_list]
        return {"pagina": pagina, "rijen": tabel.met_partijen(regels)}

    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "uitruil/lijst.html",
        {
            "filter": filterset,
            "tabel": SimpleLazyObject(tabel_lezen),
            "bereik": bereik(user),
            "gevraagd": gevraagd,
            "querystring": query.urlencode(),
            "mag_voorstellen": user.is_gemeente,
        },
    )


def _export_qs(request):
    return _gefilterd(request)[1].order_by("provincie__code", "pk")


#: what the exports read: the key of the kept file (core/bewaard_bestand.py)
EXPORT_TABELLEN = ("uitruil", "raming")


@toegang(IEDEREEN)
@bewaard_bestand(*EXPORT_TABELLEN)
def export_csv(request):
    inhoud = ("\ufeff" + exports.als_csv(_export_qs(request))).encode("utf-8")
    response = HttpResponse(inhoud, content_type="text/csv; charset=utf-8")
    naam = f"uitruil-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@toegang(IEDEREEN)
@bewaard_bestand(*EXPORT_TABELLEN)
def export_xlsx(request):
    inhoud = exports.als_xlsx(_export_qs(request))
    response = HttpResponse(
        inhoud,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    naam = f"uitruil-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@toegang(handeling=Handeling.UITRUIL_AFSPREKEN)
def voorstellen(request):
    user = request.user
    eigen = user.gemeente
    gemeenten = Gemeente.objects.filter(provincie_id=eigen.provincie_id).order_by("naam")
    cyclus = huidige_cyclus()
    data = request.POST if request.method == "POST" else None
    initieel, rijen = {"cyclus": cyclus}, None
    basis_pk = id_uit(request.GET.get("op_basis_van"))
    if data is None and basis_pk is not None:
        # A new proposal prefilled from an earlier one of the same gemeente (e.g. returned).
        basis = get_object_or_404(
            Uitruil.objects.zichtbaar_voor(user).filter(voorgesteld_door_gemeente_id=eigen.pk),
            pk=basis_pk,
        )
        initieel = {
            "cyclus": basis.cyclus_id,
            "motivatie": basis.motivatie,
            "periode_van": basis.periode_van,
            "periode_tot": basis.periode_tot,
            "verhouding_asielopvang": basis.verhouding_asielopvang,
            "verhouding_tegenprestatie": basis.verhouding_tegenprestatie,
        }
        rijen = [
            {"gemeente": p.gemeente_id, "taak": p.taak, "richting": p.richting, "aantal": p.aantal}
            for p in basis.partijen.order_by("pk")
        ]
    form = UitruilForm(data, initial=initieel)
    formset = PartijFormSet(
        data, prefix="partij", form_kwargs={"gemeenten": gemeenten}, initial=rijen
    )
    if formset.forms:  # none when the management form was left out or emptied
        formset.forms[0].fields["gemeente"].initial = eigen.pk
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        partijen = [
            services.PartijInvoer(
                gemeente=f.cleaned_data["gemeente"],
                taak=f.cleaned_data["taak"],
                richting=f.cleaned_data["richting"],
                aantal=f.cleaned_data["aantal"],
            )
            for f in formset.forms
            if f.has_changed() and f.cleaned_data
        ]
        try:
            uitruil = services.voorstellen(
                door=user,
                cyclus=form.cleaned_data["cyclus"],
                partijen=partijen,
                motivatie=form.cleaned_data["motivatie"],
                periode_van=form.cleaned_data["periode_van"],
                periode_tot=form.cleaned_data["periode_tot"],
                verhouding_asielopvang=form.cleaned_data["verhouding_asielopvang"],
                verhouding_tegenprestatie=form.cleaned_data["verhouding_tegenprestatie"],
            )
        except ValidationError as exc:
            for melding in exc.messages:
                form.add_error(None, melding)
        else:
            messages.success(
                request, "Uw voorstel is verstuurd. De andere partijen zien het bij hun start."
            )
            return redirect("uitruil:detail", pk=uitruil.pk)
    return render(
        request,
        "uitruil/voorstellen.html",
        {"form": form, "formset": formset, "eigen": eigen},
    )


@toegang(IEDEREEN)
def detail(request, pk):
    return _detail_pagina(request, pk)


def _detail_pagina(request, pk, fout=None):
    """The exchange with the actions the user may take; ``fout`` is the bound form of an
    action that had errors (by its name): shown in its place, with what was typed."""
    qs = _met_partijen(Uitruil.objects.zichtbaar_voor(request.user)).select_related(
        "voorgesteld_door", "bevestigd_door"
    )
    uitruil = get_object_or_404(
        qs.prefetch_related(
            Prefetch(
                "stappen",
                queryset=UitruilStap.objects.select_related("door", "gemeente").order_by("versie"),
            )
        ),
        pk=pk,
    )
    partijen = list(uitruil.partijen.all())
    acties = toegestane_acties(uitruil=uitruil, user=request.user, partijen=partijen)
    knoppen = [
        {
            "naam": naam,
            "label": ACTIE_LABELS[naam],
            "url": reverse("uitruil:actie", kwargs={"pk": uitruil.pk, "actie": naam}),
            "form": (
                None
                if naam == "accepteren"
                else fout
                if fout is not None and fout.prefix == naam
                else RedenForm(prefix=naam)
                if naam in ACTIES_MET_REDEN
                else ToelichtingForm(prefix=naam)
            ),
            "reden_verplicht": naam in ACTIES_MET_REDEN,
        }
        for naam in ACTIE_LABELS
        if naam in acties
    ]
    return render(
        request,
        "uitruil/detail.html",
        {
            "uitruil": uitruil,
            "partijen": partijen,
            "knoppen": knoppen,
            "controle": verhouding_controle(uitruil=uitruil, partijen=partijen),
            "mag_kopieren": request.user.is_gemeente
            and request.user.gemeente_id == uitruil.voorgesteld_door_gemeente_id
            and not uitruil.is_open
            and uitruil.status != Uitruil.Status.BEVESTIGD,
        },
        status=200 if fout is None else 400,
    )


@require_POST
@toegang(IEDEREEN)
def actie(request, pk, actie):
    if actie not in ACTIE_LABELS:
        raise Http404
    uitruil = get_object_or_404(Uitruil.objects.zichtbaar_voor(request.user), pk=pk)
    form = (RedenForm if actie in ACTIES_MET_REDEN else ToelichtingForm)(request.POST, prefix=actie)
    if not form.is_valid():
        # the page again, with the reason typed and the error at its field
        return _detail_pagina(request, pk, fout=form)
    reden = form.cleaned_data["reden"]
    user = request.user
    try:
        if actie == "accepteren":
            services.accepteren(uitruil=uitruil, door=user)
        elif actie == "afwijzen":
            services.afwijzen(uitruil=uitruil, door=user, reden=reden)
        elif actie == "intrekken":
            services.intrekken(uitruil=uitruil, door=user, reden=reden)
        elif actie == "bevestigen":
            services.bevestigen(uitruil=uitruil, door=user, toelichting=reden)
        elif actie == "terugsturen":
            services.terugsturen(uitruil=uitruil, door=user, reden=reden)
        elif actie == "annuleren":
            services.annuleren(uitruil=uitruil, door=user, reden=reden)
    except ValidationError as exc:
        for melding in exc.messages:
            messages.error(request, melding)
    else:
        messages.success(request, ACTIE_MELDINGEN[actie])
    return redirect("uitruil:detail", pk=pk)


# --- ledger ----------------------------------------------------------------------------------


@toegang(IEDEREEN)
def grootboek(request):
    """Send each role to its own ledger; ministry and COA choose a province."""
    user = request.user
    cyclus = _gekozen_cyclus(request)
    query = f"?cyclus={cyclus.jaar}" if cyclus and "cyclus" in request.GET else ""
    if user.is_gemeente:
        return redirect(reverse("uitruil:grootboek_gemeente", args=[user.gemeente.slug]) + query)
    if user.is_prt:
        return redirect(reverse("uitruil:grootboek_provincie", args=[user.provincie.slug]) + query)
    rol_vereist(user, {Rol.MINISTERIE, Rol.COA})
    provincies = Provincie.objects.annotate(
        bevestigd=Count(
            "uitruilen",
            filter=Q(uitruilen__status=Uitruil.Status.BEVESTIGD, uitruilen__cyclus=cyclus),
        ),
        lopend=Count(
            "uitruilen",
            filter=Q(uitruilen__status__in=Uitruil.OPEN_STATUSSEN, uitruilen__cyclus=cyclus),
        ),
    ).order_by("naam")
    return render(
        request,
        "uitruil/grootboek_overzicht.html",
        {"provincies": provincies, "cyclus": cyclus, "cycli": Wetscyclus.objects.all()},
    )


@toegang(IEDEREEN)
def grootboek_provincie_view(request, slug):
    provincie = get_object_or_404(grootboek_provincies(request.user), slug=slug)
    cyclus = _gekozen_cyclus(request)
    boek = grootboek_provincie(cyclus=cyclus, provincie=provincie) if cyclus else None
    return render(
        request,
        "uitruil/grootboek_provincie.html",
        {
            "provincie": provincie,
            "cyclus": cyclus,
            "boek": boek,
            "cycli": Wetscyclus.objects.all(),
        },
    )


@toegang(IEDEREEN)
def grootboek_gemeente_view(request, slug):
    user = request.user
    gemeente = get_object_or_404(grootboek_gemeenten(user).select_related("provincie"), slug=slug)
    cyclus = _gekozen_cyclus(request)
    boek = grootboek_gemeente(cyclus=cyclus, gemeente=gemeente) if cyclus else None
    return render(
        request,
        "uitruil/grootboek_gemeente.html",
        {
            "gemeente": gemeente,
            "cyclus": cyclus,
            "boek": boek,
            "cycli": Wetscyclus.objects.all(),
            "mag_taakstelling": user.is_gemeente or user.is_prt or user.is_ministerie,
        },
    )


@toegang(handeling=Handeling.TAAKSTELLING_VASTLEGGEN)
def taakstelling(request):
    """Record the starting numbers for statushouders and Oekraïense ontheemden."""
    user = request.user
    # the roles of the act (the decorator checked it) see the gemeenten of their ledger
    gemeenten = grootboek_gemeenten(user).order_by("naam")
    cyclus = huidige_cyclus()
    if cyclus is None:
        raise Http404("Er is nog geen wetscyclus.")
    form = TaakstellingForm(
        request.POST if request.method == "POST" else None,
        gemeenten=gemeenten,
        initial={"gemeente": request.GET.get("gemeente") or user.gemeente_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.taakstelling_vastleggen(
                door=user,
                gemeente=form.cleaned_data["gemeente"],
                cyclus=cyclus,
                taak=form.cleaned_data["taak"],
                aantal=form.cleaned_data["aantal"],
                bron=form.cleaned_data["bron"],
            )
        except ValidationError as exc:
            for melding in exc.messages:
                form.add_error(None, melding)
        else:
            messages.success(request, "De taakstelling is vastgelegd.")
            return redirect("uitruil:grootboek_gemeente", slug=form.cleaned_data["gemeente"].slug)
    vastgelegd = (
        Taakstelling.objects.filter(cyclus=cyclus, gemeente__in=gemeenten)
        .select_related("gemeente")
        .order_by("gemeente__naam", "taak")
    )
    return render(
        request,
        "uitruil/taakstelling.html",
        {"form": form, "cyclus": cyclus, "vastgelegd": vastgelegd},
    )
