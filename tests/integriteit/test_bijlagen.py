"""One attachment model in core, used by the verslag's and the bezwaar's attachments: the same
fields, the same private storage, each with its own folder."""

from pathlib import Path

import pytest
from django.conf import settings

from bezwaar.models import BezwaarBijlage
from core.models import Bestandsbijlage
from regietafels.models import Bijlage

VELDEN = {
    "bestand",
    "oorspronkelijke_naam",
    "content_type",
    "grootte",
    "toegevoegd_door",
    "toegevoegd_op",
}


@pytest.mark.parametrize("model", [Bijlage, BezwaarBijlage])
def test_bijlagen_delen_het_model_van_core(model):
    assert issubclass(model, Bestandsbijlage)
    eigen = {f.name for f in model._meta.get_fields() if getattr(f, "model", None)}
    assert VELDEN <= eigen
    veld = model._meta.get_field("bestand")
    # private storage, outside the web root
    assert Path(veld.storage.location) == Path(settings.PRIVATE_MEDIA_ROOT)


def test_elk_in_een_eigen_map_onder_een_eigen_naam():
    verslag = Bijlage(verslag_id=7, oorspronkelijke_naam="verslag.pdf")
    bezwaar = BezwaarBijlage(bezwaar_id=9, oorspronkelijke_naam="bezwaarschrift.pdf")
    pad_verslag = Bijlage._meta.get_field("bestand").generate_filename(verslag, "verslag.pdf")
    pad_bezwaar = BezwaarBijlage._meta.get_field("bestand").generate_filename(bezwaar, "b.pdf")
    assert pad_verslag.startswith("verslagen/7/") and "verslag.pdf" not in pad_verslag
    assert pad_bezwaar.startswith("bezwaren/9/") and "b.pdf" not in pad_bezwaar
    assert str(verslag) == "verslag.pdf" and str(bezwaar) == "bezwaarschrift.pdf"
