"""Pages of the location register. Thin: reads through selectors, writes through services."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods, require_POST

from accounts.rechten import Handeling, mag, vereist
from accounts.toegang import IEDEREEN, toegang
from core.bewaard_bestand import bewaard_bestand
from core.fragmenten import lui

from . import selectors, services, uitwisseling
from .forms import FaseForm, ImportForm, LocatieForm, NieuweLocatieForm
from .models import Fase, Opvanglocatie, Soort

PAGINAGROOTTE = 50


def _fouten_in_form(form, fout: ValidationError) -> None:
    """The service's errors on the form's fields (the rest above the form)."""
    if hasattr(fout, "error_dict"):
        for veld, berichten in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, berichten)
    else:
        form.add_error(None, fout.messages)


def _ook_de_regels(form, locatie_id=None) -> None:
    """A form that failed its own checks also gets the service's findings on the fields that
    passed them (postcode, periods, duurzaam, a taken COA reference), so every error shows at
    once."""
    gegevens = {k: v for k, v in form.cleaned_data.items() if k in services.GEGEVENS}
    if gegevens.get("capaciteit_amv") is None:
        gegevens["capaciteit_amv"] = 0
    _, fouten = services.gegevens_fouten(gegevens, locatie_id=locatie_id)
    for veld, berichten in fouten.items():
        if veld in form.fields and veld in gegevens and veld not in form.errors:
            form.add_error(veld, berichten)


def _gewijzigd_op(request):
    waarde = request.POST.get("gewijzigd_op", "")
    return parse_datetime(waarde) if waarde else None


#: what the register's table, totals and filter choices read: the fragment's key (see
#: core/fragmenten.py)
LIJST_TABELLEN = ("locaties", "raming")


@toegang(IEDEREEN)
def lijst(request):
    filter_ = selectors.Filter.uit(request.GET)
    params = request.GET.copy()
    params.pop("pagina", None)

    def bereken() -> dict:
        # only when the fragment is not in the cache
        qs = selectors.register(request.user, filter_)
        return {
            "pagina": Paginator(qs, PAGINAGROOTTE).get_page(request.GET.get("pagina")),
            "totalen": selectors.totalen(qs),
            "keuzes": selectors.filter_keuzes(request.user),
        }

    return render(
        request,
        "locaties/lijst.html",
        {
            **lui(bereken, ("pagina", "totalen", "keuzes")),
            "tabellen": LIJST_TABELLEN,
            "filter": filter_,
            "fasen": Fase.choices,
            "soorten": Soort.choices,
            "querystring": params.urlencode(),
            "mag_aanmaken": mag(request.user, Handeling.LOCATIE_BEHEREN),
            "mag_importeren": mag(request.user, Handeling.LOCATIES_IMPORTEREN),
        },
    )


@toegang(IEDEREEN)
def detail(request, pk: int):
    locatie = get_object_or_404(
        Opvanglocatie.objects.zichtbaar_voor(request.user).select_related(
            "gemeente__provincie", "coa_bevestigd_door"
        ),
        pk=pk,
    )
    return render(
        request,
        "locaties/detail.html",
        {
            "locatie": locatie,
            "fasewijzigingen": locatie.fasewijzigingen.select_related("gemeld_door").order_by(
                "datum", "gemeld_op", "pk"
            ),
            "geschiedenis": locatie.history.select_related("history_user").order_by(
                "-history_date"
            )[:20],
            "mag_beheren": mag(request.user, Handeling.LOCATIE_BEHEREN, gemeente=locatie.gemeente),
            "mag_bevestigen": mag(
                request.user, Handeling.LOCATIE_BEVESTIGEN, gemeente=locatie.gemeente
            )
            and not locatie.is_bevestigd,
        },
    )


@require_http_methods(["GET", "POST"])
@toegang(handeling=Handeling.LOCATIE_BEHEREN)
def aanmaken(request):
    vereist(request.user, Handeling.LOCATIE_BEHEREN)
    gemeenten = selectors.beheerbare_gemeenten(request.user)
    form = NieuweLocatieForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        try:
            locatie = services.locatie_aanmaken(
                door=request.user,
                gemeente=form.cleaned_data["gemeente"],
                gegevens=form.gegevens(),
                fase=form.cleaned_data["fase"],
                fase_sinds=form.cleaned_data["fase_sinds"],
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, f"Locatie {locatie.naam} is geregistreerd.")
            return redirect("locaties:detail", pk=locatie.pk)
    elif request.method == "POST":
        _ook_de_regels(form)
    return render(request, "locaties/formulier.html", {"form": form, "locatie": None})


def _beheerbaar(request, pk: int) -> Opvanglocatie:
    locatie = get_object_or_404(
        Opvanglocatie.objects.zichtbaar_voor(request.user).select_related("gemeente"), pk=pk
    )
    vereist(request.user, Handeling.LOCATIE_BEHEREN, gemeente=locatie.gemeente)
    return locatie


@require_http_methods(["GET", "POST"])
@toegang(IEDEREEN)  # the location first (404), then locatie_beheren for its gemeente
def wijzigen(request, pk: int):
    locatie = _beheerbaar(request, pk)
    begin = {veld: getattr(locatie, veld) for veld in services.GEGEVENS}
    form = LocatieForm(request.POST or None, initial=begin)
    if request.method == "POST" and form.is_valid():
        try:
            services.locatie_wijzigen(
                door=request.user,
                locatie=locatie,
                gegevens=form.gegevens(),
                gewijzigd_op=_gewijzigd_op(request),
            )
        except ValidationError as fout:
            _fouten_in_form(form, fout)
        else:
            messages.success(request, "De wijziging is opgeslagen.")
            return redirect("locaties:detail", pk=locatie.pk)
    elif request.method == "POST":
        _ook_de_regels(form, locatie.pk)
    return render(request, "locaties/formulier.html", {"form": form, "locatie": locatie})


@require_http_methods(["GET", "POST"])
@toegang(IEDEREEN)  # the location first (404), then locatie_beheren for its gemeente
def fase(request, pk: int):
    """Form → confirmation page (what changes, who is told) → recorded."""
    locatie = _beheerbaar(request, pk)
    form = FaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fouten = services.fase_overgang_fouten(
            locatie,
            naar_fase=data["naar_fase"],
            datum=data["datum"],
            toelichting=data["toelichting"],
        )
        if fouten:
            _fouten_in_form(form, ValidationError(fouten))
        elif request.POST.get("stap") == "vastleggen":
            try:
                services.fase_wijzigen(
                    door=request.user,
                    locatie=locatie,
                    naar_fase=data["naar_fase"],
                    datum=data["datum"],
                    toelichting=data["toelichting"],
                    gewijzigd_op=_gewijzigd_op(request),
                )
            except ValidationError as fout:
                _fouten_in_form(form, fout)
            else:
                messages.success(
                    request,
                    f"De fase is vastgelegd: {Fase(data['naar_fase']).label.lower()} vanaf "
                    f"{data['datum']:%d-%m-%Y}. COA is gevraagd de locatie opnieuw te bevestigen.",
                )
                return redirect("locaties:detail", pk=locatie.pk)
        else:
            return render(
                request,
                "locaties/fase_bevestigen.html",
                {
                    "locatie": locatie,
                    "form": form,
                    "naar_fase": Fase(data["naar_fase"]),
                    "terug": data["naar_fase"] in Fase.values
                    and Fase.values.index(data["naar_fase"]) < Fase.values.index(locatie.fase),
                },
            )
    return render(request, "locaties/fase.html", {"locatie": locatie, "form": form})


@require_http_methods(["GET", "POST"])
@toegang(IEDEREEN)  # the location first (404), then locatie_bevestigen
def bevestigen(request, pk: int):
    locatie = get_object_or_404(
        Opvanglocatie.objects.zichtbaar_voor(request.user).select_related("gemeente"), pk=pk
    )
    vereist(request.user, Handeling.LOCATIE_BEVESTIGEN, gemeente=locatie.gemeente)
    fout = None
    if request.method == "POST":
        try:
            services.locatie_bevestigen(
                door=request.user, locatie=locatie, gewijzigd_op=_gewijzigd_op(request)
            )
        except ValidationError as e:
            fout = " ".join(e.messages)
            locatie.refresh_from_db()
        else:
            messages.success(request, f"U heeft {locatie.naam} bevestigd.")
            return redirect("locaties:detail", pk=locatie.pk)
    return render(
        request,
        "locaties/bevestigen.html",
        {"locatie": locatie, "fout": fout, "vandaag": dt.date.today()},
    )


# --- export and import ---------------------------------------------------------------------


#: what the exports read: the key of the kept file (core/bewaard_bestand.py)
EXPORT_TABELLEN = ("locaties", "raming")


def _download(inhoud: bytes, soort: str, extensie: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=soort)
    naam = f"opvanglocaties-{timezone.localdate():%Y%m%d}.{extensie}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@toegang(IEDEREEN)
@bewaard_bestand(*EXPORT_TABELLEN)
def export_csv(request):
    qs = selectors.register(request.user, selectors.Filter.uit(request.GET))
    inhoud = ("\ufeff" + uitwisseling.als_csv(qs)).encode("utf-8")
    return _download(inhoud, "text/csv; charset=utf-8", "csv")


@toegang(IEDEREEN)
@bewaard_bestand(*EXPORT_TABELLEN)
def export_xlsx(request):
    qs = selectors.register(request.user, selectors.Filter.uit(request.GET))
    return _download(
        uitwisseling.als_xlsx(qs),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


SESSIE_IMPORT = "locaties_import"


def _bewaard_bestand(request):
    """The uploaded file of this user's current preview: (storage name, original name)."""
    bewaard = request.session.get(SESSIE_IMPORT) or {}
    pad, naam = bewaard.get("pad", ""), bewaard.get("naam", "")
    if not pad.startswith("locatie-import/") or not default_storage.exists(pad):
        return None, None
    return pad, naam


@require_http_methods(["GET", "POST"])
@toegang(handeling=Handeling.LOCATIES_IMPORTEREN)
def importeren(request):
    """Upload → preview (writes nothing) → apply or cancel."""
    vereist(request.user, Handeling.LOCATIES_IMPORTEREN)
    form = ImportForm(request.POST or None, request.FILES or None)
    voorbeeld = fout = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        inhoud = bestand.read(uitwisseling.MAX_BYTES + 1)
        try:
            voorbeeld = uitwisseling.lees(inhoud, bestand.name)
        except ValidationError as e:
            form.add_error("bestand", e.messages)
        else:
            oud, _ = _bewaard_bestand(request)
            if oud:
                default_storage.delete(oud)
            extensie = "xlsx" if bestand.name.lower().endswith(".xlsx") else "csv"
            pad = default_storage.save(
                f"locatie-import/{uuid.uuid4().hex}.{extensie}", ContentFile(inhoud)
            )
            request.session[SESSIE_IMPORT] = {"pad": pad, "naam": bestand.name[:200]}
    return render(
        request,
        "locaties/importeren.html",
        {"form": form, "voorbeeld": voorbeeld, "fout": fout, "kolommen": uitwisseling.KOP},
    )


@require_POST
@toegang(handeling=Handeling.LOCATIES_IMPORTEREN)
def import_toepassen(request):
    vereist(request.user, Handeling.LOCATIES_IMPORTEREN)
    pad, naam = _bewaard_bestand(request)
    if pad is None:
        messages.error(
            request, "Er is geen voorbeeld om toe te passen; lees het bestand opnieuw in."
        )
        return redirect("locaties:importeren")
    if request.POST.get("actie") == "annuleren":
        default_storage.delete(pad)
        request.session.pop(SESSIE_IMPORT, None)
        messages.info(request, "De import is geannuleerd; er is niets ingelezen.")
        return redirect("locaties:importeren")
    with default_storage.open(pad, "rb") as bestand:
        inhoud = bestand.read()
    try:
        voorbeeld = uitwisseling.import_toepassen(door=request.user, inhoud=inhoud, naam=naam)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("locaties:importeren")
    default_storage.delete(pad)
    request.session.pop(SESSIE_IMPORT, None)
    messages.success(
        request,
        f"Ingelezen: {len(voorbeeld.nieuw)} nieuwe en {len(voorbeeld.gewijzigd)} gewijzigde "
        "locaties.",
    )
    return redirect("locaties:lijst")
