"""A verslag row's remark takes at most 5,000 characters, as every other reason or remark: the
row reader (used by the form, the API and the workbook upload) says so in Dutch and keeps the
rest of the row."""

from regietafels import forms


def _rij(opmerking):
    return {
        "bestaande_locaties": "10",
        "vastgestelde_plannen": "",
        "bestuurlijke_voornemens": "",
        "amv": "2",
        "beschikbaar_van": "",
        "beschikbaar_tot": "",
        "opmerking": opmerking,
    }


def test_opmerking_van_5000_tekens_mag():
    invoer, fouten = forms.regel_lezen(_rij("x" * 5_000))
    assert fouten == {}
    assert len(invoer.opmerking) == 5_000 and invoer.bestaande_locaties == 10


def test_langere_opmerking_geweigerd_in_het_nederlands():
    invoer, fouten = forms.regel_lezen(_rij("x" * 12_345))
    assert fouten == {"opmerking": "Gebruik ten hoogste 5.000 tekens (nu 12.345)."}
    assert invoer.bestaande_locaties == 10 and invoer.amv == 2
