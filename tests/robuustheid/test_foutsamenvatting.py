"""The generic form error summary: every error at once at the top of the page, each linking to
its field, the typed values kept, the title starting with "Fout: "."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.test import Client

from core.templatetags.formulieren import fouten_van


class Formulier(forms.Form):
    naam = forms.CharField(label="Naam", max_length=5)
    aantal = forms.IntegerField(label="Aantal", min_value=0)
    soort = forms.ChoiceField(label="Soort", choices=[("a", "A")], widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError("Het geheel klopt niet.")


def test_alle_fouten_met_link_naar_het_veld():
    form = Formulier({"naam": "te lang", "aantal": "-3"})
    html = Template("{% load formulieren %}{% foutsamenvatting %}").render(Context({"form": form}))
    assert "Er zijn 4 fouten gevonden" in html
    assert 'href="#id_naam"' in html and 'href="#id_aantal"' in html
    assert 'href="#id_soort_0"' in html  # a radio group: its first option
    assert "Het geheel klopt niet." in html
    assert 'tabindex="-1"' in html and "data-foutsamenvatting" in html


def test_label_als_vraag_zonder_dubbele_punt():
    class Vraag(forms.Form):
        reden = forms.CharField(label="Waarom?")

    html = Template("{% load formulieren %}{% foutsamenvatting %}").render(
        Context({"form": Vraag({})})
    )
    assert ">Waarom? Dit veld is vereist.</a>" in html


def test_formset_zonder_beheerformulier():
    Set = forms.formset_factory(Formulier)
    fouten = fouten_van(Set({}))
    assert fouten and not fouten[0].href


def test_geen_fouten_geen_samenvatting():
    html = Template("{% load formulieren %}{% foutsamenvatting %}{% fout_titel %}").render(
        Context({"form": Formulier()})
    )
    assert html.strip() == ""


@pytest.mark.django_db
def test_inlogpagina_toont_samenvatting_titel_en_ingevulde_waarde():
    antwoord = Client().post("/account/inloggen/", {"username": "iemand=1", "password": ""})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    titel = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert titel.startswith("Fout: "), titel
    assert "data-foutsamenvatting" in html
    assert html.index("data-foutsamenvatting") < html.index('<form method="post"')
    assert 'href="#id_password"' in html
    assert 'value="iemand=1"' in html
