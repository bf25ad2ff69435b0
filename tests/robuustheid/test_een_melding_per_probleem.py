"""One message per problem per field: a number above a field's own bound is not also told the
column's bound, and a NUL byte is not told twice (the control-character check and Django's or
DRF's NUL check), in the pages' forms and in the API alike (``core.grenzen``)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, ProhibitNullCharactersValidator
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from core.grenzen import (
    BESTURINGSTEKENS_MELDING,
    DATUM,
    KOLOM_MAXIMUM,
    NietGroterDan,
    een_melding_per_probleem,
    geen_besturingstekens,
)
from locaties.models import Opvanglocatie
from raming.models import Gemeente

pytestmark = pytest.mark.django_db

TE_GROOT = "99999999999"  # beyond the column and beyond the plausible 10.000


def _grenzen(veld, soort=MaxValueValidator):
    return [v.limit_value for v in veld.validators if isinstance(v, soort)]


@pytest.mark.parametrize(
    "veld",
    [
        forms.IntegerField(max_value=10_000),
        forms.IntegerField(max_value=10_000, validators=[MaxValueValidator(KOLOM_MAXIMUM)]),
        forms.DecimalField(max_value=10_000, decimal_places=2),
        serializers.IntegerField(max_value=10_000),
        serializers.DecimalField(max_value=10_000, max_digits=12, decimal_places=2),
    ],
)
def test_de_strakste_grens_blijft_alleen_over(veld):
    assert _grenzen(veld) == [10_000]
    bound = next(v for v in veld.validators if isinstance(v, MaxValueValidator))
    assert isinstance(bound, NietGroterDan)  # the house's message: "ten hoogste 10.000"


def test_zonder_eigen_grens_blijft_de_kolom():
    assert _grenzen(forms.IntegerField()) == [KOLOM_MAXIMUM]
    assert _grenzen(serializers.IntegerField()) == [KOLOM_MAXIMUM]
    # a bound looser than the column's (none in the project) leaves the column's
    assert _grenzen(forms.IntegerField(max_value=KOLOM_MAXIMUM * 2)) == [KOLOM_MAXIMUM]


def test_nul_eenmaal():
    formulierveld, apiveld = forms.CharField(), serializers.CharField()
    for veld in (formulierveld, apiveld):
        assert geen_besturingstekens in veld.validators
        assert not any(isinstance(v, ProhibitNullCharactersValidator) for v in veld.validators)
    with pytest.raises(ValidationError) as fout:
        formulierveld.clean("a\x00b")
    assert fout.value.messages == [BESTURINGSTEKENS_MELDING]
    with pytest.raises(serializers.ValidationError) as fout:
        apiveld.run_validation("a\x00b")
    assert [str(d) for d in fout.value.detail] == [BESTURINGSTEKENS_MELDING]


def test_dezelfde_validator_eenmaal():
    dubbel = [*DATUM, *DATUM, geen_besturingstekens, geen_besturingstekens]
    assert een_melding_per_probleem(dubbel) == [*DATUM, geen_besturingstekens]


@pytest.fixture
def arnhem(gemeenten):
    return Gemeente.objects.get(naam="Arnhem")


def test_locatieformulier_een_melding_per_veld(client, gemeente_arnhem, arnhem):
    client.force_login(gemeente_arnhem)
    antwoord = client.post(
        reverse("locaties:aanmaken"),
        {
            "gemeente": arnhem.pk,
            "naam": "Kazerne\x00",
            "capaciteit_regulier": TE_GROOT,
            "capaciteit_amv": "-3000000000",
            "soort": "noodopvang",
            "fase": "planvorming",
            "fase_sinds": "01-01-2026",
        },
    )
    assert antwoord.status_code == 200
    fouten = antwoord.context["form"].errors
    assert fouten["capaciteit_regulier"] == ["Vul een getal in van ten hoogste 10.000."]
    assert fouten["capaciteit_amv"] == ["Vul een getal in van ten minste 0."]
    assert fouten["naam"] == [BESTURINGSTEKENS_MELDING]
    html = antwoord.content.decode()
    assert html.count("Vul een getal in van ten hoogste 10.000.") == 2  # summary and field
    assert "2.147.483.647" not in html and "Null-tekens" not in html
    assert not Opvanglocatie.objects.exists()


def test_locatie_api_een_melding_per_veld(ministerie, arnhem):
    api = APIClient()
    api.force_authenticate(ministerie)
    antwoord = api.post(
        "/api/v1/opvanglocaties/",
        {
            "gemeente": arnhem.code,
            "naam": "Kazerne\x00",
            "capaciteit_regulier": int(TE_GROOT),
            "soort": "noodopvang",
            "fase_sinds": "2026-01-01",
        },
        format="json",
    )
    assert antwoord.status_code == 400, antwoord.content
    velden = antwoord.json()["velden"]
    assert velden["capaciteit_regulier"] == ["Vul een getal in van ten hoogste 10.000."]
    assert velden["naam"] == [BESTURINGSTEKENS_MELDING]
