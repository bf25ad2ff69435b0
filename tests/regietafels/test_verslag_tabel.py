"""The verslag form's table (``_verslag_tabel.html``) draws a row without errors from its
values, each input written out, and a row with an error from its cells with their errors
(``_verslagregel_fouten.html``). Both must give the same markup for every cell but the refused
one; and ``|getal`` writes numbers as Django's localisation does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from core.getallen import getal, getallen
from regietafels import forms
from regietafels.models import Regietafel
from regietafels.services import REGEL_VELDEN, verslag_aanmaken, verslag_opslaan

from .conftest import regels_invoer

pytestmark = pytest.mark.django_db

# per field: a value the form refuses for that field alone
FOUT = {
    "bestaande_locaties": "veel",
    "vastgestelde_plannen": "1,5",
    "bestuurlijke_voornemens": "-",
    "amv": "x",
    "beschikbaar_van": "31-02-2027",
    "beschikbaar_tot": "99-99-2027",
    "opmerking": "a\x01b",
}


def _rij(html: str, gemeente_id: int) -> str:
    gevonden = re.search(
        rf'<tr class="utrecht-table__row rt-rt-regel[^"]*" data-indicatief="\d+">\n'
        rf'<th scope="row" class="[^"]*" id="g{gemeente_id}">.*?</tr>',
        html,
        re.S,
    )
    assert gevonden, gemeente_id
    return gevonden.group(0)


def _cellen(rij: str) -> list[str]:
    return re.findall(r"<td.*?</td>", rij, re.S)


def test_rij_met_fout_tekent_de_andere_cellen_als_een_rij_zonder(cyclus, prt_gelderland):
    tafel = Regietafel.objects.get(provincie=prt_gelderland.provincie)
    verslag = verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt_gelderland)
    arnhem = verslag.regels.select_related("gemeente").get(gemeente__naam="Arnhem")
    verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels_invoer(
            verslag,
            Arnhem={
                "bestaande_locaties": 1250,
                "vastgestelde_plannen": 40,
                "bestuurlijke_voornemens": 7,
                "amv": 30,
                "beschikbaar_van": dt.date(2027, 3, 1),
                "beschikbaar_tot": dt.date(2029, 12, 31),
                "opmerking": 'Azc "De Haven" & <b>',
            },
        ),
        door=prt_gelderland,
        bevestigd=True,
    )
    verslag.refresh_from_db()
    url = reverse("regietafels:verslag", args=["gelderland"]) + f"?cyclus={cyclus.jaar}"
    client = Client()
    client.force_login(prt_gelderland)
    zonder_fout = _rij(client.get(url).content.decode(), arnhem.gemeente_id)
    assert "rt-rt-fout" not in zonder_fout and 'value="1250"' in zonder_fout
    cellen = _cellen(zonder_fout)
    # indicative, the three numbers, offered, difference, amv, two dates, remark
    assert len(cellen) == 10 and ">1.297</td>" in cellen[4]

    waarden = {}
    for regel in verslag.regels.all():
        for veld in REGEL_VELDEN:
            waarde = forms.datum_tonen(getattr(regel, veld))
            waarden[f"regel-{regel.gemeente_id}-{veld}"] = waarde
    for veld, fout in FOUT.items():
        naam = f"regel-{arnhem.gemeente_id}-{veld}"
        antwoord = client.post(url, {**waarden, naam: fout, "versie": verslag.versie})
        assert antwoord.status_code == 400, veld
        met_fout = _rij(antwoord.content.decode(), arnhem.gemeente_id)
        assert 'class="utrecht-table__row rt-rt-regel rt-rt-regel--fout"' in met_fout
        anders = [
            (oud, nieuw)
            for oud, nieuw in zip(cellen, _cellen(met_fout), strict=True)
            if oud != nieuw
        ]
        # only the refused cell differs: marked, with its error, the value as typed
        assert len(anders) == 1, (veld, anders)
        oud, nieuw = anders[0]
        assert f'for="{naam}"' in oud and f'aria-describedby="{naam}-fout"' in nieuw
        assert _zonder_fout(nieuw) == _zonder_fout(oud)


def _zonder_fout(cel: str) -> str:
    """A cell without its error's marks and without its value."""
    cel = re.sub(r'<p class="utrecht-form-field-error-message".*?</p>', "", cel, flags=re.S)
    cel = re.sub(r' aria-(invalid|describedby)="[^"]*"', "", cel)
    cel = cel.replace(" rt-rt-fout", "").replace(" utrecht-textbox--invalid", "")
    return re.sub(r'value="[^"]*"', 'value=""', cel)


@pytest.mark.parametrize(
    "getal_",
    [0, 7, -7, 999, -999, 1000, -1000, 1234, -1234, 999_999, 1_000_000, -12_345_678],
)
def test_getal_schrijft_zoals_django(getal_):
    with translation.override("nl"):
        assert getal(getal_) == formats.localize(getal_, use_l10n=True)
        assert getallen()(getal_) == getal(getal_)
