"""Forms of the raming pages: input only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from core.grenzen import PLAUSIBEL_MAXIMUM, Tekstveld

from .models import Gemeente, Herkomst, Invoerbesluit, Provincie, Raming


class Datum(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CyclusForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", min_value=2024, max_value=2100)
    omschrijving = forms.CharField(label="Omschrijving", max_length=200, required=False)


class MijlpaalForm(forms.Form):
    datum = forms.DateField(label="Nieuwe datum", widget=Datum())
    reden = Tekstveld(label="Reden van de wijziging", widget=forms.Textarea(attrs={"rows": 2}))


class InvoerbesluitForm(forms.ModelForm):
    landelijk_aantal = forms.IntegerField(
        label="Landelijk aantal", min_value=0, max_value=PLAUSIBEL_MAXIMUM
    )
    amv_aantal = forms.IntegerField(
        label="Waarvan amv", min_value=0, max_value=PLAUSIBEL_MAXIMUM, initial=0
    )
    toelichting = Tekstveld(
        label="Toelichting",
        required=False,
        help_text="Bijv. welke aanname voor het amv-aandeel.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

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
    herkomst = forms.ChoiceField(
        label="Herkomst van het cijfer",
        choices=Herkomst.choices,
        initial=Herkomst.VASTGELEGD,
        required=False,
    )
    bron = forms.CharField(label="Bron", max_length=300, required=False)
    bron_peildatum = forms.DateField(
        label="Datum van de bron (optioneel)", widget=Datum(), required=False
    )
    bron_url = forms.URLField(
        label="Vindplaats (URL, optioneel)", max_length=300, required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("gemeente")) == bool(data.get("provincie")):
            raise forms.ValidationError("Kies een gemeente of een provincie (precies één).")
        data["herkomst"] = data.get("herkomst") or Herkomst.VASTGELEGD
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
    uitstel_reden = Tekstveld(
        label="Reden van het uitstel", widget=forms.Textarea(attrs={"rows": 2})
    )
    uitstel_kamerbrief = forms.CharField(label="Kamerbrief (referentie)", max_length=200)
    uitgesteld_op = forms.DateField(label="Datum", widget=Datum())


class WijzigingForm(forms.Form):
    reden = Tekstveld(
        label="Reden van de tussentijdse wijziging", widget=forms.Textarea(attrs={"rows": 2})
    )


class ZoekForm(forms.Form):
    q = forms.CharField(label="Zoek een gemeente of provincie", max_length=100, required=False)


class CbsImportForm(forms.Form):
    soort = forms.ChoiceField(
        label="Wat staat er in het bestand?",
        choices=[
            ("ses_woa", "SES-WOA-scores per gemeente (bijv. tabel 85539NED)"),
            ("inwoners", "Inwonertallen per gemeente (ook een nieuwe gemeentelijke indeling)"),
        ],
        widget=forms.RadioSelect,
    )
    bestand = forms.FileField(
        label="CSV-bestand van CBS StatLine",
        help_text=(
            "Een export van StatLine (puntkomma of komma gescheiden, decimale punt of komma, "
            "‘.’ voor een ontbrekende waarde). Wijk- en buurtregels worden overgeslagen."
        ),
    )
    tabel = forms.RegexField(
        label="CBS-tabel",
        regex=r"^[0-9]{5}[A-Za-z]{3}$",
        max_length=8,
        required=False,
        help_text="Bijv. 85539NED. Wordt bij elke waarde als bron bewaard.",
        error_messages={
            "invalid": "Een CBS-tabel heeft vijf cijfers en drie letters, bijv. 85539NED."
        },
    )
    downloaddatum = forms.DateField(label="Gedownload op", widget=Datum())
    jaar = forms.IntegerField(
        label="Jaar",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Alleen nodig als het bestand geen kolom ‘Perioden’ heeft.",
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > self.MAX_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 5 MB; is dit wel één tabel?")
        return bestand


class UitzonderingForm(forms.Form):
    reden = Tekstveld(
        label="Reden van de uitzondering",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Waarom deze gemeenten zonder volledige invoer worden vastgesteld. De reden staat "
            "bij de cijfers, ook op de openbare pagina."
        ),
    )


class BevestigForm(forms.Form):
    bevestigd = forms.BooleanField(
        label="Ik heb gelezen wat er gebeurt en wil doorgaan.",
        error_messages={"required": "Vink aan dat u hebt gelezen wat er gebeurt."},
    )
