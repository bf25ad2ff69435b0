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


def test_formset_noemt_de_rij_van_elke_fout():
    """Five rows with the same fields: "Aantal: …" five times said not which row it was."""

    class Rij(forms.Form):
        gemeente = forms.CharField(label="Gemeente")
        aantal = forms.IntegerField(label="Aantal", min_value=1)
        coa = forms.CharField(label="COA-referentie", required=False, max_length=2)

    Set = forms.formset_factory(Rij, extra=0)
    gegevens = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    gegevens |= {"form-0-gemeente": "Ede", "form-0-aantal": "-3", "form-1-aantal": "2"}
    gegevens |= {"form-1-gemeente": "Ede", "form-1-coa": "lang"}
    html = Template("{% load formulieren %}{% foutsamenvatting %}").render(
        Context({"formset": Set(gegevens)})
    )
    assert ">Rij 1, aantal: " in html
    assert ">Rij 2, COA-referentie: " in html
    assert 'href="#id_form-0-aantal"' in html and 'href="#id_form-1-coa"' in html

    class Genoemd(Set):
        rijnaam = "Partij"

    assert [f.label for f in fouten_van(Genoemd(gegevens))] == [
        "Partij 1, aantal",
        "Partij 2, COA-referentie",
    ]


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
