"""Forms of the regietafel pages. They parse input; the services decide."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from core.fragmenten import zonder_querycache
from core.grenzen import (
    BESTURINGSTEKENS,
    BESTURINGSTEKENS_MELDING,
    PLAUSIBEL_MAXIMUM,
    TEKST_MAXIMUM,
    DatumVenster,
    Tekstveld,
)
from core.widgets import LangeSelect
from locaties.models import Opvanglocatie

from .models import Beoordeling
from .services import AANTAL_VELDEN, REGEL_VELDEN, RegelInvoer, regel_fouten


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "utrecht-textbox", **(attrs or {})}, format="%Y-%m-%d")


def _tekst(rows=4):
    return forms.Textarea(attrs={"class": "utrecht-textarea", "rows": rows})


class VerlengingsverzoekForm(forms.Form):
    gevraagde_datum = forms.DateField(label="Gevraagde nieuwe termijn", widget=DatumInput())
    reden = Tekstveld(label="Reden", widget=_tekst())


class VerzoekBesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[("toekennen", "Toekennen"), ("afwijzen", "Afwijzen")],
        widget=forms.RadioSelect,
    )
    nieuwe_datum = forms.DateField(
        label="Nieuwe termijn (bij toekennen; leeg = de gevraagde datum)",
        required=False,
        widget=DatumInput(),
    )
    besluit_reden = Tekstveld(label="Reden van het besluit", widget=_tekst(3))
    referentie = forms.CharField(
        label="Referentie",
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )


class VerlengingForm(forms.Form):
    """The ministry grants an extension to one PRT or all PRTs at once."""

    regietafel = forms.ModelChoiceField(
        label="Voor",
        queryset=None,
        required=False,
        empty_label="Alle regietafels",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    nieuwe_datum = forms.DateField(label="Nieuwe termijn", widget=DatumInput())
    reden = Tekstveld(label="Reden", widget=_tekst(3))
    referentie = forms.CharField(
        label="Referentie (bijv. Kamerbrief)",
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, regietafels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regietafel"].queryset = regietafels


class LateRamingVerlengingForm(forms.Form):
    """The cycle-wide extension after a late raming: the date is proposed, the reason too."""

    reden = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 3}))
    referentie = forms.CharField(label="Referentie (bijv. brief)", max_length=200, required=False)


class BeoordelingForm(forms.Form):
    oordeel = forms.ChoiceField(
        label="Oordeel",
        choices=[
            (Beoordeling.Oordeel.VOLDOENDE, "Voldoende"),
            (Beoordeling.Oordeel.ONVOLDOENDE, "Onvoldoende"),
            (Beoordeling.Oordeel.TERUGGESTUURD, "Terugsturen voor herziening"),
        ],
        widget=forms.RadioSelect,
    )
    opmerkingen = Tekstveld(label="Opmerkingen", required=False, widget=_tekst())


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label="Bijlage (PDF, ODT of DOCX)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.odt,.docx,application/pdf,"
                "application/vnd.oasis.opendocument.text,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class WerkboekForm(forms.Form):
    bestand = forms.FileField(
        label="Ingevuld werkboek (xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class RegelAanpassenForm(forms.Form):
    aantal = forms.IntegerField(
        label="Vastgesteld aantal",
        min_value=0,
        max_value=PLAUSIBEL_MAXIMUM,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-getal-invoer"}),
    )
    aanpassingsreden = Tekstveld(label="Reden", required=False, widget=_tekst(2))


class VrijstellingForm(forms.Form):
    vrijgesteld = forms.BooleanField(label="Vrijstellen van de restopgave", required=False)
    vrijstelling_reden = Tekstveld(label="Reden", required=False, widget=_tekst(2))


class VaststellenForm(forms.Form):
    besluitdatum = forms.DateField(label="Besluitdatum", widget=DatumInput())


class VaststellenBevestigenForm(VaststellenForm):
    afwijkingsreden = Tekstveld(
        label="Reden om toch vast te stellen",
        required=False,
        widget=_tekst(3),
        help_text=(
            "Alleen nodig als er nog een verslagtermijn loopt of een ingediend verslag niet is "
            "beoordeeld. De reden en wat nog open stond komen in het besluit."
        ),
    )


class HerzienForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=None,
        required=False,
        empty_label="Alle gemeenten (nieuwe conceptversie)",
    )
    aantal = forms.IntegerField(
        label="Nieuw aantal voor deze gemeente", required=False, min_value=0
    )
    reden = Tekstveld(label="Reden van de herziening", widget=_tekst(3))

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class VerlengingCorrigerenForm(forms.Form):
    actie = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=[("corrigeren", "De datum corrigeren"), ("intrekken", "De verlenging intrekken")],
        widget=forms.RadioSelect,
        initial="corrigeren",
    )
    nieuwe_datum = forms.DateField(label="Gecorrigeerde datum", required=False, widget=DatumInput())
    reden = Tekstveld(label="Reden", widget=_tekst(3))


class RealisatieCorrigerenForm(forms.Form):
    actie = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=[("corrigeren", "De melding corrigeren"), ("intrekken", "De melding intrekken")],
        widget=forms.RadioSelect,
        initial="corrigeren",
    )
    datum = forms.DateField(label="Datum", required=False, widget=DatumInput())
    aantal = forms.IntegerField(label="Gerealiseerde plekken", required=False, min_value=1)
    reden = Tekstveld(label="Reden", widget=_tekst(3))
    bevestigd = forms.BooleanField(
        label="Ik bevestig dit aantal, ook als het boven het vastgestelde aantal uitkomt",
        required=False,
    )


class RealisatieKoppelenForm(forms.Form):
    reden = Tekstveld(
        label="Waarom zijn deze gemelde plekken die van de locatie?",
        widget=_tekst(3),
        error_messages={"required": "Geef een reden voor het koppelen."},
    )


class NieuweVersieForm(forms.Form):
    reden = Tekstveld(label="Reden voor een nieuwe versie", widget=_tekst(3))


class _Keuzes(ModelChoiceIterator):
    """A long select's options as plain values, (pk, label), from one ``values_list()`` query
    of the field's ``label_velden``: no model instance per option (hundreds of gemeenten or
    locations). The options are only drawn in a form's cached fragment (or a form sent back
    with errors), so cachalot does not keep the query's result as well."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label_van = self.field.label_van
        yield from zonder_querycache(
            lambda: [
                (pk, label_van(*velden))
                for pk, *velden in self.queryset.values_list("pk", *self.field.label_velden)
            ]
        )


class _GemeenteKeuze(forms.ModelChoiceField):
    iterator = _Keuzes
    label_velden = ("naam",)

    @staticmethod
    def label_van(naam):
        return naam  # str(gemeente)


class _LocatieKeuze(forms.ModelChoiceField):
    iterator = _Keuzes
    label_velden = ("gemeente__naam", "naam", "capaciteit_regulier", "capaciteit_amv")

    @staticmethod
    def label_van(gemeente, naam, regulier, amv):
        return f"{gemeente}: {naam} ({regulier + amv} plekken)"

    def label_from_instance(self, obj):
        return self.label_van(
            obj.gemeente.naam, obj.naam, obj.capaciteit_regulier, obj.capaciteit_amv
        )


class RealisatieForm(forms.Form):
    datum = forms.DateField(label="Datum", widget=DatumInput())
    locatie = _LocatieKeuze(
        label="Locatie uit het register (als de plekken in één locatie zijn)",
        queryset=None,
        required=False,
        empty_label="geen locatie: plekken buiten het register",
        help_text=(
            "Een locatie in gebruik telt al mee vanaf de dag dat zij in gebruik ging; de "
            "melding legt vast dat deze plekken die locatie zijn en telt niet nog eens. "
            "Laat het aantal dan leeg: het register geeft het."
        ),
        widget=LangeSelect(attrs={"class": "utrecht-select"}),
    )
    aantal = forms.IntegerField(
        label="Gerealiseerde plekken",
        min_value=1,
        max_value=PLAUSIBEL_MAXIMUM,
        required=False,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    opmerking = Tekstveld(label="Opmerking", required=False, widget=_tekst(2))
    bevestigd = forms.BooleanField(
        label="Ik bevestig dit aantal, ook als het totaal boven het vastgestelde aantal uitkomt",
        required=False,
    )

    def __init__(self, *args, locaties=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the locations in gebruik the user may see (the service checks the rest)
        self.fields["locatie"].queryset = (
            locaties.filter(fase="in_gebruik")
            .select_related("gemeente")
            .order_by("gemeente__naam", "naam")
            if locaties is not None
            else Opvanglocatie.objects.none()
        )

    def clean(self):
        data = super().clean()
        if not data.get("locatie") and data.get("aantal") is None and "aantal" not in self.errors:
            self.add_error("aantal", "Vul een aantal van 1 of meer in, of kies een locatie.")
        return data


DATUM_PATROON = r"\d{1,2}-\d{1,2}-\d{4}"
DATUM_FOUT = "Vul een geldige datum in als dd-mm-jjjj, bijvoorbeeld 01-07-2026."
GETAL_FOUT = "Vul een heel getal in."
_AMV_TE_GROOT = "Het aantal amv-plekken kan niet groter zijn dan het totaal aangeboden."


def datum_lezen(tekst: str) -> dt.date:
    """A date as people type it here: dd-mm-jjjj (also with / or . and without leading zeros);
    an ISO date (jjjj-mm-dd, what the browser's date input and the API send) is accepted too.
    ``ValueError`` otherwise."""
    tekst = tekst.strip()
    delen = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", tekst)
    if delen:
        dag, maand, jaar = (int(d) for d in delen.groups())
        return dt.date(jaar, maand, dag)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", tekst):
        return dt.date.fromisoformat(tekst)
    raise ValueError(tekst)


def datum_tonen(waarde) -> str:
    """A date as the verslag form shows it (dd-mm-jjjj); other values as text."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return f"{waarde.day:02d}-{waarde.month:02d}-{waarde.year:04d}"
    return str(waarde)


def regel_lezen(waarden: dict[str, object]) -> tuple[RegelInvoer, dict[str, str]]:
    """One row from what was typed (field → text, or for a workbook the cell's value). Returns
    the parsed row and *every* error of the row at once: what could not be read, and what
    ``regel_fouten`` finds in the rest (negative numbers, amv above the total, dates)."""
    gelezen: dict[str, object] = {}
    fouten: dict[str, str] = {}
    for veld in AANTAL_VELDEN:
        waarde = waarden.get(veld)
        if isinstance(waarde, str):
            waarde = waarde.strip()
        if waarde is None or waarde == "":
            gelezen[veld] = 0
        elif isinstance(waarde, bool):
            fouten[veld] = GETAL_FOUT
        elif isinstance(waarde, int):
            gelezen[veld] = waarde
        elif isinstance(waarde, float) and waarde.is_integer():
            gelezen[veld] = int(waarde)
        elif isinstance(waarde, str) and re.fullmatch(r"-?\d+", waarde):
            gelezen[veld] = int(waarde)
        else:
            fouten[veld] = GETAL_FOUT
        gelezen.setdefault(veld, 0)
        if veld not in fouten and gelezen[veld] > PLAUSIBEL_MAXIMUM:
            fouten[veld] = f"Vul een getal in van 0 tot en met {PLAUSIBEL_MAXIMUM:,}.".replace(
                ",", "."
            )
            gelezen[veld] = 0
    for veld in ("beschikbaar_van", "beschikbaar_tot"):
        waarde = waarden.get(veld)
        if isinstance(waarde, dt.datetime):
            waarde = waarde.date()
        if waarde is None or waarde == "" or (isinstance(waarde, str) and not waarde.strip()):
            gelezen[veld] = None
        elif isinstance(waarde, dt.date):
            gelezen[veld] = waarde
        else:
            try:
                gelezen[veld] = datum_lezen(str(waarde))
            except ValueError:
                fouten[veld] = DATUM_FOUT
                gelezen[veld] = None
        if gelezen[veld] is not None:
            try:
                DatumVenster()(gelezen[veld])
            except ValidationError as fout:
                fouten[veld] = " ".join(fout.messages)
                gelezen[veld] = None
    opmerking = waarden.get("opmerking")
    gelezen["opmerking"] = "" if opmerking is None else str(opmerking)
    if BESTURINGSTEKENS.search(gelezen["opmerking"]):
        fouten["opmerking"] = BESTURINGSTEKENS_MELDING
    elif len(gelezen["opmerking"]) > TEKST_MAXIMUM:
        lengte = f"{len(gelezen['opmerking']):,}".replace(",", ".")
        fouten["opmerking"] = f"Gebruik ten hoogste 5.000 tekens (nu {lengte})."
    invoer = RegelInvoer(**gelezen)
    getal_onleesbaar = any(veld in fouten for veld in AANTAL_VELDEN)
    for veld, tekst in regel_fouten(invoer).items():
        if veld in fouten:
            continue
        if getal_onleesbaar and tekst == _AMV_TE_GROOT:
            # the total is not known while one of its numbers cannot be read
            continue
        fouten[veld] = tekst
    return invoer, fouten


def verslag_invoer_lezen(
    data, regels
) -> tuple[dict[int, RegelInvoer], dict[str, str], dict[int, dict[str, str]]]:
    """Parse the verslag form (fields ``regel-<gemeente>-<veld>``). Returns the parsed rows,
    every field error at once (keyed like the service's ``regel-<gemeente>-<veld>``), and the
    raw values per row to redisplay exactly as typed."""
    invoer: dict[int, RegelInvoer] = {}
    fouten: dict[str, str] = {}
    ruw: dict[int, dict[str, str]] = {}
    for regel in regels:
        prefix = f"regel-{regel.gemeente_id}-"
        ruw[regel.gemeente_id] = {veld: data.get(prefix + veld) or "" for veld in REGEL_VELDEN}
        invoer[regel.gemeente_id], regelfouten = regel_lezen(ruw[regel.gemeente_id])
        for veld, tekst in regelfouten.items():
            fouten[prefix + veld] = tekst
    return invoer, fouten, ruw


def bevestiging_lezen(data, *, vinkje: str = "bevestigd") -> dict[int, int]:
    """The confirmation step of the verslag form: gemeente id → the offered total confirmed
    (hidden ``bevestigd-<gemeente>`` fields, counted only when the box ``bevestigd`` is
    ticked). A figure changed after the confirmation is asked again by the service."""
    if not data.get(vinkje):
        return {}
    uit: dict[int, int] = {}
    for sleutel, waarde in data.items():
        if not sleutel.startswith("bevestigd-"):
            continue
        gemeente, aantal = sleutel.removeprefix("bevestigd-"), (waarde or "").strip()
        if gemeente.isdigit() and aantal.isdigit() and len(aantal) <= 10:
            uit[int(gemeente)] = int(aantal)
    return uit


def foutmeldingen(fout: ValidationError) -> dict[str, str]:
    if hasattr(fout, "error_dict"):
        return {k: " ".join(v) for k, v in fout.message_dict.items()}
    return {"__all__": " ".join(fout.messages)}


class RealisatieNamensForm(RealisatieForm):
    """The PRT secretary or the ministry reports on behalf of a gemeente."""

    gemeente = _GemeenteKeuze(
        label="Gemeente",
        queryset=None,
        widget=LangeSelect(attrs={"class": "utrecht-select"}),
    )
    field_order = ["gemeente", "datum", "locatie", "aantal", "opmerking", "bevestigd"]

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class VerslagIndienenForm(forms.Form):
    """The secretary's confirmation on the page before a verslag is submitted."""

    bevestigd = forms.BooleanField(
        label="Bevestiging",
        error_messages={"required": "Bevestig dat u het verslag wilt indienen."},
    )
