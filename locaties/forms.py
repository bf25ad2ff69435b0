"""Forms of the register pages. They read input; the services decide what is allowed and
return every error at once (``services.gegevens_fouten``)."""

from __future__ import annotations

from django import forms

from .models import Fase, Soort
from .services import CAPACITEIT_MAXIMUM, TOELICHTING_MAXIMUM


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", attrs={"class": "utrecht-textbox"}, **kwargs)


DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y"]
GETAL = {"invalid": "Vul een heel getal in."}
DATUM = {"invalid": "Vul een geldige datum in (dd-mm-jjjj)."}


def _datum(label: str, *, verplicht: bool = False, hulp: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=verplicht,
        input_formats=DATUM_FORMATEN,
        widget=DatumInvoer(),
        error_messages={**DATUM, "required": "Vul de datum in."},
        help_text=hulp,
    )


def _tekst(label: str, maximum: int, *, verplicht: bool = False, hulp: str = ""):
    return forms.CharField(
        label=label,
        required=verplicht,
        max_length=maximum,
        help_text=hulp,
        error_messages={
            "required": "Vul dit veld in.",
            "max_length": f"Gebruik ten hoogste {maximum} tekens.",
        },
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )


def _capaciteit(label: str, *, verplicht: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=verplicht,
        min_value=0,
        max_value=CAPACITEIT_MAXIMUM,
        error_messages={**GETAL, "required": "Vul het aantal plekken in."},
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-smal", "min": 0}),
    )


class LocatieForm(forms.Form):
    naam = _tekst("Naam", 200, verplicht=True)
    straat_huisnummer = _tekst(
        "Straat en huisnummer", 200, hulp="Het adres van de locatie, geen persoonsgegevens."
    )
    postcode = _tekst("Postcode", 7)
    plaats = _tekst("Plaats", 100)
    capaciteit_regulier = _capaciteit("Capaciteit regulier (plekken)", verplicht=True)
    capaciteit_amv = _capaciteit("Capaciteit amv (plekken)", verplicht=False)
    soort = forms.ChoiceField(
        label="Soort locatie",
        choices=[("", "Kies een soort")] + list(Soort.choices),
        error_messages={"required": "Kies een soort locatie.", "invalid_choice": "Kies een soort."},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    overeenkomst_gesloten_op = _datum(
        "Bestuursovereenkomst gesloten op",
        hulp="Leeg zolang er geen bestuursovereenkomst is gesloten.",
    )
    beschikbaar_vanaf = _datum("Beschikbaar vanaf")
    beschikbaar_tot = _datum("Beschikbaar tot", hulp="Leeg: voor onbepaalde tijd.")
    duurzaam = forms.BooleanField(
        label="Duurzaam (ten minste vijf jaar beschikbaar)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )
    coa_referentie = _tekst("COA-referentie", 50)

    def gegevens(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("capaciteit_amv") is None:
            data["capaciteit_amv"] = 0
        return {k: v for k, v in data.items() if k not in ("fase", "fase_sinds", "gemeente")}


class NieuweLocatieForm(LocatieForm):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=None,
        error_messages={"required": "Kies de gemeente.", "invalid_choice": "Kies een gemeente."},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    fase = forms.ChoiceField(
        label="Fase",
        choices=Fase.choices,
        initial=Fase.PLANVORMING,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    fase_sinds = _datum("In deze fase sinds", verplicht=True)

    field_order = ["gemeente", "naam"]

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        if gemeenten.count() == 1:
            self.fields["gemeente"].initial = gemeenten.first()


class FaseForm(forms.Form):
    naar_fase = forms.ChoiceField(
        label="Nieuwe fase",
        choices=Fase.choices,
        error_messages={"required": "Kies een fase.", "invalid_choice": "Kies een fase."},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    datum = _datum("Datum waarop de fase begon", verplicht=True)
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=TOELICHTING_MAXIMUM,
        help_text="Verplicht als de locatie teruggaat naar een eerdere fase.",
        error_messages={"max_length": f"Gebruik ten hoogste {TOELICHTING_MAXIMUM} tekens."},
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand (xlsx of CSV)",
        help_text=(
            "De lijst in het formaat van de export: één rij per locatie, de kolomkoppen in de "
            "eerste rij."
        ),
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox", "accept": ".xlsx,.csv"}),
    )
