"""Forms of the raming pages: input only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from .models import Gemeente, Invoerbesluit, Provincie, Raming


class Datum(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CyclusForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=2024, max_value=2100)
    omschrijving = forms.CharField(label="Omschrijving", max_length=200, required=False)


class MijlpaalForm(forms.Form):
    datum = forms.DateField(label="Nieuwe datum", widget=Datum())
    reden = forms.CharField(
        label="Reden van de wijziging", widget=forms.Textarea(attrs={"rows": 2})
    )


class InvoerbesluitForm(forms.ModelForm):
    class Meta:
        model = Invoerbesluit
        fields = ["soort", "datum", "referentie", "landelijk_aantal", "amv_aantal", "toelichting"]
        widgets = {"datum": Datum(), "toelichting": forms.Textarea(attrs={"rows": 2})}


class BeschikbaarForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.order_by("naam"), required=False
    )
    provincie = forms.ModelChoiceField(
        label="Of: provincie (als alleen het provinciale cijfer bekend is)",
        queryset=Provincie.objects.all(),
        required=False,
    )
    aantal = forms.IntegerField(label="Meerjarig beschikbare plekken", min_value=0)
    peildatum = forms.DateField(label="Peildatum", widget=Datum())
    bron = forms.CharField(label="Bron", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("gemeente")) == bool(data.get("provincie")):
            raise forms.ValidationError("Kies een gemeente of een provincie (precies één).")
        return data


class RamingInvoerForm(forms.Form):
    invoerbesluit = forms.ModelChoiceField(
        label="MPP/capaciteitsbesluit", queryset=Invoerbesluit.objects.none(), required=False
    )
    peildatum_inwoners = forms.DateField(
        label="Peildatum inwonertal", widget=Datum(), required=False
    )
    ses_jaar = forms.IntegerField(
        label="SES-WOA-jaar", min_value=2000, max_value=2100, required=False
    )
    afrondingsmethode = forms.ChoiceField(
        label="Afrondingsmethode", choices=Raming.Afronding.choices
    )
    zonder_ses = forms.BooleanField(
        label="Berekenen zonder SES-WOA (alleen inwonertal; kan niet worden vastgesteld)",
        required=False,
    )

    def __init__(self, *args, cyclus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoerbesluit"].queryset = Invoerbesluit.objects.filter(cyclus=cyclus)


class PublicerenForm(forms.Form):
    staatscourant_referentie = forms.CharField(label="Staatscourant-referentie", max_length=100)
    gepubliceerd_op = forms.DateField(label="Publicatiedatum", widget=Datum())


class UitstellenForm(forms.Form):
    uitstel_reden = forms.CharField(
        label="Reden van het uitstel", widget=forms.Textarea(attrs={"rows": 2})
    )
    uitstel_kamerbrief = forms.CharField(label="Kamerbrief (referentie)", max_length=200)
    uitgesteld_op = forms.DateField(label="Datum", widget=Datum())


class WijzigingForm(forms.Form):
    reden = forms.CharField(
        label="Reden van de tussentijdse wijziging", widget=forms.Textarea(attrs={"rows": 2})
    )


class ZoekForm(forms.Form):
    q = forms.CharField(label="Zoek een gemeente of provincie", max_length=100, required=False)
