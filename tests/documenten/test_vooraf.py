"""Documents made by the worker as soon as the act is fixed, and a new document for a new
version of the act (the verdeelbesluit revised for one gemeente, e.g. after bezwaar)."""

import pytest

from documenten import soorten, tasks
from documenten.models import Document
from regietafels.services import verdeelbesluit_herzien

from .conftest import regel_van
from .hulp import tekst

pytestmark = pytest.mark.django_db


def test_herziening_voor_een_gemeente_geeft_een_nieuwe_beschikking(
    besluit, ministerie, django_capture_on_commit_callbacks
):
    oud = soorten.beschikking(regel_van(besluit, "Arnhem"))
    arnhem = regel_van(besluit, "Arnhem")
    with django_capture_on_commit_callbacks() as na_commit:
        nieuw = verdeelbesluit_herzien(
            verdeelbesluit=besluit,
            reden="Bezwaar gegrond verklaard",
            door=ministerie,
            gemeente=arnhem.gemeente,
            aantal=arnhem.aantal - 10,
        )
    assert na_commit, "the worker is given the new beschikking after the commit"
    assert tasks.beschikkingen_vooraf(nieuw.pk, arnhem.gemeente_id) == 1
    nieuwe = Document.objects.exclude(pk=oud.pk).get()
    assert nieuwe.versie == 2 and nieuwe.kenmerk == f"VB-2026-V2-{arnhem.gemeente.code}"
    t = tekst(nieuwe)
    assert f"is vastgesteld op {arnhem.aantal - 10}" in t
    assert "Deze beschikking vervangt die van versie 1" in t
    assert f"waarin het aantal voor uw gemeente {arnhem.aantal} was" in t
    assert "Reden: Bezwaar gegrond verklaard" in t
    # the first one stays as it was
    oud.refresh_from_db()
    assert f"is vastgesteld op {arnhem.aantal}" in tekst(oud)


def test_verslagdocumenten_en_publicatie_vooraf(ingediende_versie, raming):
    tasks.verslagdocumenten_vooraf(ingediende_versie.pk)
    tasks.publicatie_vooraf(raming.pk)
    assert sorted(Document.objects.values_list("soort", flat=True)) == [
        "ontvangstbevestiging",
        "raming_publicatie",
        "verslag_ondertekening",
    ]
