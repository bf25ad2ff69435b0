"""Forms of the scenario pages. They only check the shape of the input; the rules (no negative
national number, no negative available places) live in the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.forms import formset_factory

from accounts.models import Rol
from core.grenzen import PLAUSIBEL_MAXIMUM, Tekstveld
from raming.models import Gemeente, Inwonertal, Provincie, Raming, SesWoaScore

from .services import Aanpassing, BeschikbaarWijziging


class NldsMixin:
    """Adds the NL Design System classes and aria-describedby to every widget."""

    def _nlds(self):
        for veld in self.fields.values():
            w = veld.widget
            if isinstance(w, forms.CheckboxSelectMultiple):
                klasse = "utrecht-checkbox"
            elif isinstance(w, forms.Select):
                klasse = "utrecht-select"
            elif isinstance(w, forms.Textarea):
                klasse = "utrecht-textarea"
            else:
                klasse = "utrecht-textbox"
            w.attrs.setdefault("class", klasse)
            # aria-describedby: Django names the help text <id>_helptext itself


def _peildatum_keuzes():
    return [
        (d.isoformat(), f"{d:%d-%m-%Y}")
        for d in Inwonertal.objects.values_list("peildatum", flat=True)
        .distinct()
        .order_by("-peildatum")
    ]


def _ses_keuzes():
    jaren = SesWoaScore.objects.values_list("jaar", flat=True).distinct().order_by("-jaar")
    return [("", "Zonder SES-WOA (alleen inwonertal)")] + [(str(j), str(j)) for j in jaren]


class ScenarioForm(NldsMixin, forms.Form):
    basis = forms.ModelChoiceField(
        label="Basisraming",
        queryset=Raming.objects.none(),
        help_text="De concept- of gepubliceerde raming waarop het scenario voortbouwt.",
    )
    naam = forms.CharField(label="Naam", max_length=200)
    beschrijving = Tekstveld(
        label="Aanname",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Welke beleidsaanname doet dit scenario? Dit wordt de reden bij promotie.",
    )
    landelijk_aantal = forms.IntegerField(
        label="Landelijk aantal (absoluut)",
        required=False,
        min_value=0,
        max_value=PLAUSIBEL_MAXIMUM,
        help_text="Leeg laten: het landelijke aantal van de basisraming.",
    )
    amv_aandeel = forms.DecimalField(
        label="Amv-aandeel (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=3,
        help_text="Leeg laten: het aandeel van de basisraming.",
    )
    peildatum_inwoners = forms.TypedChoiceField(
        label="Peildatum inwonertal", coerce=lambda v: forms.DateField().clean(v)
    )
    ses_jaar = forms.TypedChoiceField(
        label="SES-WOA-jaar", required=False, coerce=int, empty_value=None
    )
    afrondingsmethode = forms.ChoiceField(
        label="Afrondingsmethode", choices=Raming.Afronding.choices
    )

    def __init__(self, *args, gebruiker=None, vaste_basis=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].queryset = (
            Raming.objects.zichtbaar_voor(gebruiker)
            .select_related("cyclus")
            .exclude(landelijk_aantal__isnull=True)
        )
        if vaste_basis is not None:
            self.fields["basis"].disabled = True
            self.fields["basis"].initial = vaste_basis.pk
        self.fields["peildatum_inwoners"].choices = _peildatum_keuzes()
        self.fields["ses_jaar"].choices = _ses_keuzes()
        self._nlds()


class AanpassingForm(NldsMixin, forms.Form):
    label = forms.CharField(label="Omschrijving", max_length=200, required=False)
    delta = forms.IntegerField(
        label="Verandering",
        required=False,
        min_value=-PLAUSIBEL_MAXIMUM,
        max_value=PLAUSIBEL_MAXIMUM,
        help_text="Bijv. -12000 voor minder plekken.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nlds()

    def clean(self):
        data = super().clean()
        if data.get("label") and data.get("delta") is None:
            self.add_error("delta", "Vul de verandering in (bijv. -12000).")
        if data.get("delta") is not None and not data.get("label"):
            self.add_error("label", "Geef de aanpassing een omschrijving.")
        return data


class BeschikbaarForm(NldsMixin, forms.Form):
    SOORTEN = [("delta", "Verandering (+/−)"), ("nieuw", "Nieuw aantal")]

    provincie = forms.ModelChoiceField(
        label="Provincie", queryset=Provincie.objects.all(), required=False
    )
    gemeente = forms.ModelChoiceField(
        label="of gemeente", queryset=Gemeente.objects.all(), required=False
    )
    soort = forms.ChoiceField(label="Soort", choices=SOORTEN, initial="delta")
    aantal = forms.IntegerField(
        label="Aantal",
        required=False,
        min_value=-PLAUSIBEL_MAXIMUM,
        max_value=PLAUSIBEL_MAXIMUM,
    )
    toelichting = forms.CharField(label="Toelichting", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nlds()

    def clean(self):
        data = super().clean()
        gevuld = data.get("provincie") or data.get("gemeente") or data.get("aantal") is not None
        if not gevuld:
            return data
        if bool(data.get("provincie")) == bool(data.get("gemeente")):
            self.add_error("provincie", "Kies een provincie óf een gemeente.")
        if data.get("aantal") is None:
            self.add_error("aantal", "Vul het aantal in.")
        elif data.get("soort") == "nieuw" and data["aantal"] < 0:
            self.add_error("aantal", "Een nieuw aantal kan niet negatief zijn.")
        return data


AanpassingFormSet = formset_factory(AanpassingForm, extra=3, max_num=20)
AanpassingFormSet.rijnaam = "Aanpassing"  # the error summary: "Aanpassing 2, omschrijving: …"
BeschikbaarFormSet = formset_factory(BeschikbaarForm, extra=2, max_num=50)
BeschikbaarFormSet.rijnaam = "Beschikbaarheid"


def aanpassingen_uit(formset) -> list[Aanpassing]:
    return [
        Aanpassing(f.cleaned_data["label"], f.cleaned_data["delta"])
        for f in formset.forms
        if f.cleaned_data.get("label") and f.cleaned_data.get("delta") is not None
    ]


def wijzigingen_uit(formset) -> list[BeschikbaarWijziging]:
    uit = []
    for f in formset.forms:
        d = f.cleaned_data
        if d.get("aantal") is None:
            continue
        nieuw = d["soort"] == "nieuw"
        uit.append(
            BeschikbaarWijziging(
                provincie=d.get("provincie"),
                gemeente=d.get("gemeente"),
                nieuw_aantal=d["aantal"] if nieuw else None,
                delta=None if nieuw else d["aantal"],
                toelichting=d.get("toelichting", ""),
            )
        )
    return uit


class DelenForm(NldsMixin, forms.Form):
    secretarissen = forms.ModelMultipleChoiceField(
        label="PRT-secretarissen",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Zij zien het scenario alleen-lezen, met de cijfers van dit moment.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretarissen"].queryset = (
            get_user_model()
            .objects.filter(rol=Rol.PRT_SECRETARIS, is_active=True)
            .select_related("provincie")
            .order_by("provincie__code", "username")
        )
        self.fields["secretarissen"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.provincie})"
        )
        self._nlds()
