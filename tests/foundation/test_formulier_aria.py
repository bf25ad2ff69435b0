"""Form field templates: every id a field's ``aria-describedby`` names exists once, and no id
is used twice, also with help text and several errors on one field (WCAG 1.3.1, 4.1.2)."""

import re
from collections import Counter

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string


def _te_kort(waarde):
    if len(waarde) < 5:
        raise ValidationError("Te kort.")


def _geen_cijfers(waarde):
    if not any(c.isdigit() for c in waarde):
        raise ValidationError("Gebruik ook een cijfer.")


class Formulier(forms.Form):
    naam = forms.CharField(
        label="Naam",
        help_text="Zoals in de Basisregistratie Personen.",
        validators=[_te_kort, _geen_cijfers],
    )
    aantal = forms.IntegerField(label="Aantal", min_value=1)
    toelichting = forms.CharField(label="Toelichting", required=False)


def _formulier():
    form = Formulier({"naam": "ab", "aantal": "0", "toelichting": ""})
    assert not form.is_valid()
    assert len(form.errors["naam"]) == 2
    return form


def _controleer(html: str):
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    dubbel = [i for i, n in ids.items() if n > 1]
    assert not dubbel, f"dubbele ids: {dubbel}"
    verwijzingen = re.findall(r'aria-describedby="([^"]+)"', html)
    assert verwijzingen, "de velden met fouten verwijzen naar hun melding"
    for verwijzing in verwijzingen:
        for doel in verwijzing.split():
            assert ids[doel] == 1, f"aria-describedby verwijst naar ontbrekend id {doel!r}"
    assert "Te kort." in html and "Gebruik ook een cijfer." in html


@pytest.mark.parametrize(
    "sjabloon, context",
    [
        ("raming/_velden.html", lambda f: {"form": f}),
        ("regietafels/_velden.html", lambda f: {"form": f}),
        ("registration/_formulier.html", lambda f: {"form": f}),
        (
            "scenarios/_veld.html",
            lambda f: None,  # one include per field, rendered below
        ),
        ("uitruil/_veld.html", lambda f: None),
    ],
)
def test_aria_verwijzingen_kloppen(sjabloon, context):
    form = _formulier()
    waarde = context(form)
    if waarde is not None:
        html = render_to_string(sjabloon, waarde)
    else:
        html = "".join(render_to_string(sjabloon, {"veld": veld}) for veld in form)
    _controleer(html)
