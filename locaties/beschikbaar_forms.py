"""Forms of the meerjarig-beschikbaar pages: input only; ``locaties.beschikbaarheid`` decides."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from raming.forms import BevestigForm, Datum
from raming.models import Provincie


class BerekenenForm(forms.Form):
    peildatum = forms.DateField(
        label="Peildatum",
        widget=Datum(),
        help_text="De stand van het register die telt: fase en bestuursovereenkomst op deze dag.",
    )
    horizon = forms.DateField(
        label="Horizondatum",
        widget=Datum(),
        help_text="Een locatie telt als zij op deze dag beschikbaar is.",
    )
    marge = forms.DecimalField(
        label="Onzekerheidsmarge planfase (procent)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        help_text=(
            "Dit percentage gaat af van de capaciteit van locaties in planvorming of "
            "besluitvorming; per locatie naar beneden afgerond op hele plekken."
        ),
    )
    provincies = forms.ModelMultipleChoiceField(
        label="Provincies",
        queryset=Provincie.objects.order_by("naam"),
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Voor deze provincies krijgt elke gemeente het berekende aantal (0 zonder "
            "meetellende locatie); een provinciaal cijfer wordt vervangen."
        ),
        error_messages={"required": "Kies ten minste één provincie."},
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
    )


class VastleggenForm(BevestigForm):
    vingerafdruk = forms.CharField(widget=forms.HiddenInput, max_length=64)
