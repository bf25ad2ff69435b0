"""Forms of the bezwaar pages. They parse input; the services decide."""

from __future__ import annotations

from django import forms

from core.grenzen import PLAUSIBEL_MAXIMUM
from regietafels.forms import BijlageForm, DatumInput

from .models import Bezwaar
from .services import TEKST_MAXIMUM


def _tekst(rows=4):
    return forms.Textarea(attrs={"class": "utrecht-textarea", "rows": rows})


def _tekstveld(label: str, *, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEKST_MAXIMUM,
        widget=_tekst(rows),
        help_text=help_text,
    )


class RegelKeuze(forms.ModelChoiceField):
    def label_from_instance(self, regel):
        besluit = regel.verdeelbesluit
        return (
            f"{regel.gemeente.naam}: verdeelbesluit {besluit.cyclus.jaar}, versie {besluit.versie} "
            f"({regel.aantal} plekken)"
        )


BIJLAGE_ACCEPT = BijlageForm.base_fields["bestand"].widget.attrs["accept"]


class IndienenForm(forms.Form):
    regel = RegelKeuze(
        label="Beschikking",
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    gronden = _tekstveld(
        "Gronden van het bezwaar",
        rows=8,
        help_text="Waarom is de gemeente of provincie het niet eens met de beschikking?",
    )
    bijlage = forms.FileField(
        label="Bijlage (PDF, ODT of DOCX, niet verplicht)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": BIJLAGE_ACCEPT}),
    )

    def __init__(self, *args, regels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regel"].queryset = regels


class RegistrerenForm(IndienenForm):
    indiener = forms.ChoiceField(
        label="Indiener", choices=Bezwaar.Indiener.choices, widget=forms.RadioSelect
    )
    ontvangen_op = forms.DateField(label="Ontvangen op", widget=DatumInput())
    verzonden_op = forms.DateField(
        label="Ter post bezorgd op (niet verplicht)",
        required=False,
        widget=DatumInput(),
        help_text="Een per post verzonden bezwaarschrift is op tijd als het vóór het einde van de "
        "termijn is verzonden en binnen een week daarna is ontvangen (Awb 6:9).",
    )

    field_order = ["regel", "indiener", "ontvangen_op", "verzonden_op", "gronden", "bijlage"]


class HorenForm(forms.Form):
    gehoord_op = forms.DateField(label="Datum hoorzitting", required=False, widget=DatumInput())
    verslag = forms.FileField(
        label="Verslag van de hoorzitting (PDF, ODT of DOCX)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": BIJLAGE_ACCEPT}),
    )
    afzien = forms.ChoiceField(
        label="Of: grond om van horen af te zien (Awb 7:3)",
        required=False,
        choices=[("", "— niet van toepassing —"), *Bezwaar.AfzienHoren.choices],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    toelichting = _tekstveld("Toelichting bij het afzien van horen", required=False, rows=3)


class VerschoonbaarForm(forms.Form):
    reden = _tekstveld("Waarom is de termijnoverschrijding verschoonbaar? (Awb 6:11)", rows=3)


class AdviescommissieForm(forms.Form):
    adviescommissie = forms.BooleanField(
        label="Een adviescommissie (Awb 7:13) adviseert over dit bezwaar", required=False
    )


class VerdagenForm(forms.Form):
    reden = _tekstveld("Reden van de verdaging", rows=2)


class UitstelForm(forms.Form):
    nieuwe_datum = forms.DateField(label="Nieuwe uiterste beslisdatum", widget=DatumInput())
    instemming = _tekstveld(
        "Instemming van de indiener",
        rows=2,
        help_text="Hoe de indiener heeft ingestemd, bijvoorbeeld: e-mail van de secretaris.",
    )
    instemming_op = forms.DateField(label="Instemming gegeven op", widget=DatumInput())
    geen_nadeel = _tekstveld(
        "Waarom worden andere belanghebbenden niet in hun belangen geschaad?",
        rows=2,
        help_text="Verder uitstel mag alleen als dat zo is (Awb 7:10 lid 4), bijvoorbeeld: het "
        "aantal van andere gemeenten hangt niet van deze beslissing af.",
    )
    reden = _tekstveld("Reden van het uitstel", rows=2)


class BeslissenForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label="Beslissing", choices=Bezwaar.Uitkomst.choices, widget=forms.RadioSelect
    )
    nieuw_aantal = forms.IntegerField(
        label="Nieuw aantal opvangplekken voor de gemeente (bij een gegrond bezwaar)",
        required=False,
        min_value=0,
        max_value=PLAUSIBEL_MAXIMUM,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox rt-getal-invoer"}),
        help_text="Er komt dan een nieuwe, vastgestelde versie van het verdeelbesluit voor deze "
        "gemeente; laat leeg als het aantal niet verandert.",
    )
    beslist_op = forms.DateField(label="Datum van de beslissing", widget=DatumInput())
    motivering = _tekstveld("Motivering", rows=8)


class IntrekkenForm(forms.Form):
    reden = _tekstveld("Reden van de intrekking", rows=3)
    ingetrokken_op = forms.DateField(
        label="Intrekking ontvangen op",
        widget=DatumInput(),
        help_text="De dag waarop de intrekking (per post of e-mail) is ontvangen.",
    )

    def __init__(self, *args, ministerie: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ministerie:  # the indiener withdraws today, in the app
            del self.fields["ingetrokken_op"]


class BijlageToevoegenForm(forms.Form):
    bestand = forms.FileField(
        label="Aanvulling op het bezwaarschrift (PDF, ODT of DOCX)",
        widget=forms.ClearableFileInput(attrs={"accept": BIJLAGE_ACCEPT}),
    )
