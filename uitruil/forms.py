"""Forms of the uitruil pages. They check input; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from core.grenzen import PLAUSIBEL_MAXIMUM, VERHOUDING_MAXIMUM
from raming.models import Gemeente, Wetscyclus

from .models import Richting, Taak, Taakstelling

POSITIEF = {
    "min_value": "Vul een positief geheel getal in (1 of meer).",
    "invalid": "Vul een geheel getal in.",
}


#: reasons, explanations and motivations: a few paragraphs, never a dump
TEKST_MAXIMUM = 5_000
TE_LANG = {"max_length": "Gebruik ten hoogste 5.000 tekens (nu %(show_value)d)."}


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", attrs={"class": "utrecht-textbox"}, **kwargs)


class UitruilForm(forms.Form):
    cyclus = forms.ModelChoiceField(
        label="Cyclus",
        queryset=Wetscyclus.objects.all(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    verhouding_asielopvang = forms.IntegerField(
        label="Verhouding: asielopvang",
        min_value=1,
        max_value=VERHOUDING_MAXIMUM,
        initial=1,
        error_messages=POSITIEF,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-smal", "min": 1}),
    )
    verhouding_tegenprestatie = forms.IntegerField(
        label="Verhouding: tegenprestatie",
        min_value=1,
        max_value=VERHOUDING_MAXIMUM,
        initial=1,
        error_messages=POSITIEF,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-smal", "min": 1}),
        help_text="Standaard 1 : 1 — zoveel asielopvangplekken tegen zoveel van de andere taak.",
    )
    periode_van = forms.DateField(label="Periode van", required=False, widget=DatumInvoer())
    periode_tot = forms.DateField(label="Periode tot", required=False, widget=DatumInvoer())
    motivatie = forms.CharField(
        label="Motivatie",
        max_length=TEKST_MAXIMUM,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 4}),
        error_messages={"required": "Geef een motivatie.", **TE_LANG},
    )

    def clean(self):
        data = super().clean()
        van, tot = data.get("periode_van"), data.get("periode_tot")
        if van and tot and tot < van:
            self.add_error("periode_tot", "De periode eindigt vóór zij begint.")
        return data


class PartijForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.none(),
        error_messages={"required": "Kies een gemeente."},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    richting = forms.ChoiceField(
        label="Richting",
        choices=Richting.choices,
        initial=Richting.NEEMT_OP,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    taak = forms.ChoiceField(
        label="Taak",
        choices=Taak.choices,
        initial=Taak.ASIELOPVANG,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    aantal = forms.IntegerField(
        label="Aantal",
        min_value=1,
        max_value=PLAUSIBEL_MAXIMUM,
        error_messages={**POSITIEF, "required": "Vul het aantal in."},
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-smal", "min": 1}),
    )

    def __init__(self, *args, gemeenten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gemeenten is not None:
            self.fields["gemeente"].queryset = gemeenten


class BasePartijFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        gezien = set()
        ingevuld = 0
        for form in self.forms:
            if not form.has_changed() or not form.cleaned_data:
                continue
            ingevuld += 1
            sleutel = (form.cleaned_data["gemeente"].pk, form.cleaned_data["taak"])
            if sleutel in gezien:
                form.add_error("taak", "Deze gemeente staat al met deze taak in de uitruil.")
            gezien.add(sleutel)
        if ingevuld < 2:
            raise forms.ValidationError(
                "Vul ten minste twee partijrijen in: uw eigen gemeente en een andere gemeente."
            )


PartijFormSet = forms.formset_factory(
    PartijForm, formset=BasePartijFormSet, extra=5, max_num=20, validate_max=True
)


class RedenForm(forms.Form):
    reden = forms.CharField(
        label="Reden",
        max_length=TEKST_MAXIMUM,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        error_messages={"required": "Geef een reden.", **TE_LANG},
    )


class ToelichtingForm(forms.Form):
    reden = forms.CharField(
        label="Toelichting (optioneel)",
        required=False,
        max_length=TEKST_MAXIMUM,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
        error_messages=TE_LANG,
    )


class TaakstellingForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    taak = forms.ChoiceField(
        label="Taak",
        choices=Taakstelling.TaakstellingTaak.choices,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    aantal = forms.IntegerField(
        label="Aantal",
        min_value=0,
        max_value=PLAUSIBEL_MAXIMUM,
        error_messages={"min_value": "Vul 0 of meer in.", "invalid": "Vul een geheel getal in."},
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-smal", "min": 0}),
    )
    bron = forms.CharField(
        label="Bron",
        required=False,
        max_length=200,
        help_text="Bijv. de halfjaartaakstelling of het besluit waaruit het aantal komt.",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, gemeenten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gemeenten is not None:
            self.fields["gemeente"].queryset = gemeenten
