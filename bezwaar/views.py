"""Pages of the bezwaar app: the list, lodging (gemeente, PRT), registering a received
bezwaarschrift (ministry), the case page with the treatment steps, and the decision with its
confirmation page. Every page starts from ``Bezwaar.objects.zichtbaar_voor``: another
gemeente's bezwaar is a 404; an act the role may not take is a 403 (the services check it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.rechten import GeenToegang, Handeling, mag, vereist
from accounts.toegang import IEDEREEN, toegang
from documenten.maken import inhoud
from regietafels.weergave import _formfouten

from . import beslisdocument, forms, selectors, services, termijnen
from .models import Bezwaar, BezwaarBijlage


def _bezwaar(request, pk) -> Bezwaar:
    return get_object_or_404(
        Bezwaar.objects.zichtbaar_voor(request.user).select_related(
            "gemeente__provincie",
            "indiener_provincie",
            "regel__verdeelbesluit__cyclus",
            "ingediend_door",
            "beslist_door",
            "nieuw_verdeelbesluit",
        ),
        pk=pk,
    )


@toegang(IEDEREEN)
def lijst(request):
    bezwaren = list(
        Bezwaar.objects.zichtbaar_voor(request.user)
        .select_related("gemeente", "indiener_provincie", "regel__verdeelbesluit__cyclus")
        .prefetch_related("uitstellen")
    )
    gelijkgesteld = selectors.gelijkgestelde_dagen()
    vandaag = timezone.localdate()
    rijen = []
    for b in bezwaren:
        t = selectors.termijnen_van(
            b, gelijkgesteld=gelijkgesteld, uitstel=list(b.uitstellen.all())
        )
        rijen.append(
            {
                "bezwaar": b,
                "termijnen": t,
                "verstreken": b.status == "in_behandeling" and t.verstreken(vandaag),
            }
        )
    return render(
        request,
        "bezwaar/lijst.html",
        {
            "rijen": rijen,
            "kan_indienen": mag(request.user, Handeling.BEZWAAR_INDIENEN),
            "kan_registreren": mag(request.user, Handeling.BEZWAAR_REGISTREREN),
        },
    )


@toegang(handeling=Handeling.BEZWAAR_INDIENEN)
def indienen(request):
    regels = selectors.bezwaarbare_regels(request.user)
    form = forms.IndienenForm(request.POST or None, request.FILES or None, regels=regels)
    if request.method == "POST" and form.is_valid():
        try:
            bezwaar = services.bezwaar_indienen(
                regel=form.cleaned_data["regel"],
                gronden=form.cleaned_data["gronden"],
                bijlagen=[form.cleaned_data["bijlage"]],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, f"Uw bezwaar is ontvangen onder kenmerk {bezwaar.kenmerk}.")
            return redirect("bezwaar:detail", pk=bezwaar.pk)
    gelijkgesteld = selectors.gelijkgestelde_dagen()
    vandaag = timezone.localdate()
    beschikkingen = []
    for regel in regels:
        bekend = selectors.bekendmaking(regel)
        einde = termijnen.bezwaartermijn(bekend, gelijkgesteld).einde
        beschikkingen.append(
            {"regel": regel, "bekend": bekend, "einde": einde, "verstreken": vandaag > einde}
        )
    return render(
        request,
        "bezwaar/indienen.html",
        {
            "form": form,
            "geen_regels": not beschikkingen,
            "registreren": False,
            "beschikkingen": beschikkingen,
        },
        status=400 if request.method == "POST" else 200,
    )


@toegang(handeling=Handeling.BEZWAAR_REGISTREREN)
def registreren(request):
    regels = selectors.bezwaarbare_regels(request.user)
    form = forms.RegistrerenForm(request.POST or None, request.FILES or None, regels=regels)
    if request.method == "POST" and form.is_valid():
        try:
            bezwaar = services.bezwaar_registreren(
                regel=form.cleaned_data["regel"],
                indiener=form.cleaned_data["indiener"],
                ontvangen_op=form.cleaned_data["ontvangen_op"],
                verzonden_op=form.cleaned_data["verzonden_op"],
                gronden=form.cleaned_data["gronden"],
                bijlagen=[form.cleaned_data["bijlage"]],
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, f"Het bezwaarschrift is vastgelegd als {bezwaar.kenmerk}.")
            return redirect("bezwaar:detail", pk=bezwaar.pk)
    return render(
        request,
        "bezwaar/indienen.html",
        {"form": form, "geen_regels": not regels.exists(), "registreren": True},
        status=400 if request.method == "POST" else 200,
    )


STAPPEN = {
    "horen": forms.HorenForm,
    "verschoonbaar": forms.VerschoonbaarForm,
    "adviescommissie": forms.AdviescommissieForm,
    "verdagen": forms.VerdagenForm,
    "uitstel": forms.UitstelForm,
    "bijlage": forms.BijlageToevoegenForm,
}


def _detail(request, bezwaar, *, gebonden: dict | None = None, status=200):
    gebonden = gebonden or {}
    t = selectors.termijnen_van(bezwaar)
    open_ = bezwaar.status == Bezwaar.Status.IN_BEHANDELING
    behandelen = open_ and mag(request.user, Handeling.BEZWAAR_BEHANDELEN)
    stappen = {}
    if behandelen:
        stappen["horen"] = gebonden.get("horen") or forms.HorenForm(
            initial={"gehoord_op": bezwaar.gehoord_op, "afzien": bezwaar.afzien_horen,
                     "toelichting": bezwaar.afzien_horen_toelichting}
        )  # fmt: skip
        if bezwaar.te_laat and not bezwaar.verschoonbaar:
            stappen["verschoonbaar"] = gebonden.get("verschoonbaar") or forms.VerschoonbaarForm()
        stappen["adviescommissie"] = gebonden.get("adviescommissie") or forms.AdviescommissieForm(
            initial={"adviescommissie": bezwaar.adviescommissie}
        )
        if not t.verdaagd:
            stappen["verdagen"] = gebonden.get("verdagen") or forms.VerdagenForm()
        stappen["uitstel"] = gebonden.get("uitstel") or forms.UitstelForm()
    if open_ and mag(request.user, Handeling.BEZWAAR_INDIENEN, gemeente=bezwaar.gemeente):
        stappen["bijlage"] = gebonden.get("bijlage") or forms.BijlageToevoegenForm()
    return render(
        request,
        "bezwaar/detail.html",
        {
            "bezwaar": bezwaar,
            "termijnen": t,
            "vandaag": timezone.localdate(),
            "bijlagen": bezwaar.bijlagen.all(),
            "stappen": stappen,
            "kan_beslissen": open_ and mag(request.user, Handeling.BEZWAAR_BESLISSEN),
            "kan_intrekken": open_ and _mag_intrekken(request.user, bezwaar),
            "document": beslisdocument.document_van(bezwaar),
            "geschiedenis": (
                bezwaar.history.select_related("history_user").order_by("-history_date")[:20]
                if request.user.is_ministerie
                else []
            ),
        },
        status=status,
    )


@toegang(IEDEREEN)
def detail(request, pk):
    return _detail(request, _bezwaar(request, pk))


@require_POST
@toegang(IEDEREEN)  # each step's service checks bezwaar_behandelen
def stap(request, pk, naam):
    bezwaar = _bezwaar(request, pk)
    if naam not in STAPPEN:
        raise GeenToegang("Deze stap bestaat niet.")
    form = STAPPEN[naam](request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if naam == "horen":
                services.horen_vastleggen(
                    bezwaar=bezwaar,
                    gehoord_op=d["gehoord_op"],
                    verslag=d["verslag"],
                    afzien=d["afzien"],
                    toelichting=d["toelichting"],
                    door=request.user,
                )
                tekst = (
                    "De hoorzitting is vastgelegd."
                    if d["gehoord_op"]
                    else "Het afzien van horen is vastgelegd."
                )
            elif naam == "verschoonbaar":
                services.verschoonbaar_vastleggen(
                    bezwaar=bezwaar, reden=d["reden"], door=request.user
                )
                tekst = "De termijnoverschrijding is verschoonbaar verklaard."
            elif naam == "adviescommissie":
                services.adviescommissie_vastleggen(
                    bezwaar=bezwaar, adviescommissie=d["adviescommissie"], door=request.user
                )
                tekst = "De beslistermijn is aangepast."
            elif naam == "verdagen":
                uitstel = services.verdagen(bezwaar=bezwaar, reden=d["reden"], door=request.user)
                tekst = f"De beslissing is verdaagd tot en met {uitstel.nieuwe_datum:%d-%m-%Y}."
            elif naam == "uitstel":
                uitstel = services.uitstel_vastleggen(
                    bezwaar=bezwaar,
                    nieuwe_datum=d["nieuwe_datum"],
                    reden=d["reden"],
                    instemming=d["instemming"],
                    instemming_op=d["instemming_op"],
                    geen_nadeel=d["geen_nadeel"],
                    door=request.user,
                )
                tekst = f"Het uitstel tot en met {uitstel.nieuwe_datum:%d-%m-%Y} is vastgelegd."
            else:
                services.bijlage_toevoegen(bezwaar=bezwaar, bestand=d["bestand"], door=request.user)
                tekst = "De bijlage is toegevoegd."
        except ValidationError as fout:
            _formfouten(form, fout)
        else:
            messages.success(request, tekst)
            return redirect("bezwaar:detail", pk=bezwaar.pk)
    return _detail(request, bezwaar, gebonden={naam: form}, status=400)


@toegang(IEDEREEN)  # the bezwaar's access rule first (404), then bezwaar_beslissen (403)
def beslissen(request, pk):
    """Confirm, then act: the form posts to this page, which shows what the decision will do
    (and any precondition that is not met); "Beslissing vastleggen" takes it."""
    bezwaar = _bezwaar(request, pk)
    vereist(request.user, Handeling.BEZWAAR_BESLISSEN)
    if bezwaar.status != Bezwaar.Status.IN_BEHANDELING:
        messages.error(
            request,
            "Dit bezwaar is ingetrokken."
            if bezwaar.status == Bezwaar.Status.INGETROKKEN
            else "Op dit bezwaar is al beslist.",
        )
        return redirect("bezwaar:detail", pk=pk)
    form = forms.BeslissenForm(request.POST or None, initial={"beslist_op": timezone.localdate()})
    gevolgen = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gevolgen = services.beslissen_gevolgen(
            bezwaar, uitkomst=d["uitkomst"], nieuw_aantal=d["nieuw_aantal"]
        )
        if "bevestigd" in request.POST and not gevolgen.bezwaren:
            try:
                services.beslissen(
                    bezwaar=bezwaar,
                    uitkomst=d["uitkomst"],
                    motivering=d["motivering"],
                    beslist_op=d["beslist_op"],
                    nieuw_aantal=d["nieuw_aantal"],
                    door=request.user,
                )
            except ValidationError as fout:
                _formfouten(form, fout)
            else:
                messages.success(request, "De beslissing op het bezwaar is vastgelegd.")
                return redirect("bezwaar:detail", pk=pk)
        elif gevolgen.bezwaren:
            for punt in gevolgen.bezwaren:
                form.add_error(None, punt)
    bevestigen = (
        form.is_bound and form.is_valid() and gevolgen is not None and not gevolgen.bezwaren
    )
    return render(
        request,
        "bezwaar/beslissen.html",
        {
            "bezwaar": bezwaar,
            "form": form,
            "gevolgen": gevolgen,
            "bevestigen": bevestigen,
            "termijnen": selectors.termijnen_van(bezwaar),
        },
        status=400 if request.method == "POST" and not bevestigen else 200,
    )


def _mag_intrekken(user, bezwaar) -> bool:
    return mag(
        user, Handeling.BEZWAAR_INTREKKEN, gemeente=bezwaar.gemeente
    ) and not services.intrekken_weigering(bezwaar, user)


@toegang(handeling=Handeling.BEZWAAR_INTREKKEN)
def intrekken(request, pk):
    """Withdraw a bezwaar (the indiener; the ministry records a withdrawal it received):
    the form posts to this page, which shows what withdrawing does; "Bezwaar intrekken"
    takes it."""
    bezwaar = _bezwaar(request, pk)
    vereist(request.user, Handeling.BEZWAAR_INTREKKEN, gemeente=bezwaar.gemeente)
    if bezwaar.status != Bezwaar.Status.IN_BEHANDELING:
        messages.error(
            request,
            "Dit bezwaar is al ingetrokken."
            if bezwaar.status == Bezwaar.Status.INGETROKKEN
            else "Op dit bezwaar is al beslist.",
        )
        return redirect("bezwaar:detail", pk=pk)
    weigering = services.intrekken_weigering(bezwaar, request.user)
    if weigering:
        raise GeenToegang(weigering)
    ministerie = request.user.is_ministerie
    form = forms.IntrekkenForm(
        request.POST or None,
        ministerie=ministerie,
        initial={"ingetrokken_op": timezone.localdate()},
    )
    bevestigen = request.method == "POST" and form.is_valid()
    if bevestigen and "bevestigd" in request.POST:
        try:
            services.bezwaar_intrekken(
                bezwaar=bezwaar,
                reden=form.cleaned_data["reden"],
                ingetrokken_op=form.cleaned_data.get("ingetrokken_op"),
                door=request.user,
            )
        except ValidationError as fout:
            _formfouten(form, fout)
            bevestigen = False
        else:
            messages.success(request, "Het bezwaar is ingetrokken.")
            return redirect("bezwaar:detail", pk=pk)
    return render(
        request,
        "bezwaar/intrekken.html",
        {
            "bezwaar": bezwaar,
            "form": form,
            "bevestigen": bevestigen,
            "termijnen": selectors.termijnen_van(bezwaar),
            "vandaag": timezone.localdate(),
        },
        status=400 if request.method == "POST" and not bevestigen else 200,
    )


@toegang(IEDEREEN)
def bijlage_downloaden(request, pk, bijlage_pk):
    bezwaar = _bezwaar(request, pk)
    bijlage = get_object_or_404(BezwaarBijlage.objects.filter(bezwaar=bezwaar), pk=bijlage_pk)
    response = FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.oorspronkelijke_naam,
        content_type=bijlage.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@toegang(IEDEREEN)
def document_downloaden(request, pk):
    """The frozen decision document (the bezwaar's access rule applies)."""
    bezwaar = _bezwaar(request, pk)
    document = beslisdocument.document_van(bezwaar)
    if document is None:
        raise Http404
    response = HttpResponse(inhoud(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.bestandsnaam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
