"""Forms of the regietafel pages. They parse input; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError

from core.grenzen import BESTURINGSTEKENS, BESTURINGSTEKENS_MELDING, PLAUSIBEL_MAXIMUM, DatumVenster

from .models import Beoordeling
from .services import AANTAL_VELDEN, RegelInvoer


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "utrecht-textbox", **(attrs or {})}, format="%Y-%m-%d")


def _tekst(rows=4):
    return forms.Textarea(attrs={"class": "utrecht-textarea", "rows": rows})


class VerlengingsverzoekForm(forms.Form):
    gevraagde_datum = forms.DateField(label="Gevraagde nieuwe termijn", widget=DatumInput())
    reden = forms.CharField(label="Reden", widget=_tekst())


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
    besluit_reden = forms.CharField(label="Reden van het besluit", widget=_tekst(3))
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
    reden = forms.CharField(label="Reden", widget=_tekst(3))
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
    opmerkingen = forms.CharField(label="Opmerkingen", required=False, widget=_tekst())


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


class RegelAanpassenForm(forms.Form):
    aantal = forms.IntegerField(
        label="Vastgesteld aantal",
        min_value=0,
        max_value=PLAUSIBEL_MAXIMUM,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-getal-invoer"}),
    )
    aanpassingsreden = forms.CharField(label="Reden", required=False, widget=_tekst(2))


class VrijstellingForm(forms.Form):
    vrijgesteld = forms.BooleanField(label="Vrijstellen van de restopgave", required=False)
    vrijstelling_reden = forms.CharField(label="Reden", required=False, widget=_tekst(2))


class VaststellenForm(forms.Form):
    besluitdatum = forms.DateField(label="Besluitdatum", widget=DatumInput())


class NieuweVersieForm(forms.Form):
    reden = forms.CharField(label="Reden voor een nieuwe versie", widget=_tekst(3))


class RealisatieForm(forms.Form):
    datum = forms.DateField(label="Datum", widget=DatumInput())
    aantal = forms.IntegerField(
        label="Gerealiseerde plekken",
        min_value=1,
        max_value=PLAUSIBEL_MAXIMUM,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    opmerking = forms.CharField(label="Opmerking", required=False, widget=_tekst(2))


def verslag_invoer_lezen(
    data, regels
) -> tuple[dict[int, RegelInvoer], dict[str, str], dict[int, dict[str, str]]]:
    """Parse the verslag form (fields ``regel-<gemeente>-<veld>``). Returns the parsed rows,
    field errors for what could not be parsed, and the raw values per row to redisplay."""
    invoer: dict[int, RegelInvoer] = {}
    fouten: dict[str, str] = {}
    ruw: dict[int, dict[str, str]] = {}
    for regel in regels:
        prefix = f"regel-{regel.gemeente_id}-"
        waarden = {}
        ruw[regel.gemeente_id] = {}
        for veld in AANTAL_VELDEN:
            tekst = (data.get(prefix + veld) or "").strip()
            ruw[regel.gemeente_id][veld] = tekst
            if tekst == "":
                waarden[veld] = 0
                continue
            try:
                waarden[veld] = int(tekst)
            except ValueError:
                fouten[prefix + veld] = "Vul een heel getal in."
                waarden[veld] = 0
                continue
            if not 0 <= waarden[veld] <= PLAUSIBEL_MAXIMUM:
                fouten[prefix + veld] = (
                    f"Vul een getal in van 0 tot en met {PLAUSIBEL_MAXIMUM:,}.".replace(",", ".")
                )
                waarden[veld] = 0
        for veld in ("beschikbaar_van", "beschikbaar_tot"):
            tekst = (data.get(prefix + veld) or "").strip()
            ruw[regel.gemeente_id][veld] = tekst
            if not tekst:
                waarden[veld] = None
                continue
            try:
                waarden[veld] = dt.date.fromisoformat(tekst)
                DatumVenster()(waarden[veld])
            except ValueError:
                fouten[prefix + veld] = "Vul een geldige datum in (jjjj-mm-dd)."
                waarden[veld] = None
            except ValidationError as fout:
                fouten[prefix + veld] = " ".join(fout.messages)
                waarden[veld] = None
        opmerking = data.get(prefix + "opmerking") or ""
        if BESTURINGSTEKENS.search(opmerking):
            fouten[prefix + "opmerking"] = BESTURINGSTEKENS_MELDING
        ruw[regel.gemeente_id]["opmerking"] = opmerking
        waarden["opmerking"] = opmerking
        invoer[regel.gemeente_id] = RegelInvoer(**waarden)
    return invoer, fouten, ruw


def foutmeldingen(fout: ValidationError) -> dict[str, str]:
    if hasattr(fout, "error_dict"):
        return {k: " ".join(v) for k, v in fout.message_dict.items()}
    return {"__all__": " ".join(fout.messages)}


class RealisatieNamensForm(RealisatieForm):
    """The PRT secretary or the ministry reports on behalf of a gemeente."""

    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=None,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    field_order = ["gemeente", "datum", "aantal", "opmerking"]

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
