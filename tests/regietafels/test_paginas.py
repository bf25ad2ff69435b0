"""Pages: access rule (other province → 404), the verslag form without JS, submit, receipt,
extensions, assessment, verdeelbesluit export, gemeente page, and constant query counts."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Rol
from raming.models import Provincie
from regietafels.models import Verlengingsverzoek, Verslag, VerslagRegel
from regietafels.services import (
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verlenging_aanvragen,
    verslag_aanmaken,
    verslag_indienen,
)
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC)


def _url(naam, **kw):
    return reverse(f"regietafels:{naam}", kwargs=kw)


def _form_data(verslag, **per_gemeente):
    data = {"versie": str(verslag.versie), "open_besluiten": "", "knelpunten": ""}
    for r in verslag.regels.select_related("gemeente"):
        waarden = per_gemeente.get(r.gemeente.naam, {})
        for veld in (
            "bestaande_locaties",
            "vastgestelde_plannen",
            "bestuurlijke_voornemens",
            "amv",
        ):
            data[f"regel-{r.gemeente_id}-{veld}"] = str(waarden.get(veld, getattr(r, veld)))
        for veld in ("beschikbaar_van", "beschikbaar_tot", "opmerking"):
            data[f"regel-{r.gemeente_id}-{veld}"] = waarden.get(veld, "")
    return data


@time_machine.travel(NU)
def test_andere_provincie_krijgt_404(client, verslag_gelderland, prt_noord_holland):
    client.force_login(prt_noord_holland)
    for naam in ("regietafel", "verslag", "indienen", "versies", "verlenging"):
        assert client.get(_url(naam, slug="gelderland")).status_code == 404, naam
    assert client.post(_url("verslag", slug="gelderland"), {}).status_code == 404


@time_machine.travel(NU)
def test_gemeente_en_prt_geen_ministeriepaginas(client, verslag_gelderland, prt_gelderland):
    client.force_login(prt_gelderland)
    assert client.get(_url("verlengingen")).status_code == 403
    assert client.get(_url("beoordelen", slug="gelderland")).status_code == 403
    assert client.get(_url("overzicht")).status_code == 302


@time_machine.travel(NU)
def test_regietafelpagina_toont_termijn_en_dagen(client, verslag_gelderland, prt_gelderland):
    client.force_login(prt_gelderland)
    response = client.get(_url("regietafel", slug="gelderland"))
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "1 november 2026" in tekst
    assert ">31<" in tekst  # days remaining from 1 October


@time_machine.travel(NU)
def test_verslag_opslaan_zonder_js_toont_juiste_totalen(client, verslag_gelderland, prt_gelderland):
    client.force_login(prt_gelderland)
    data = _form_data(
        verslag_gelderland,
        Arnhem={"bestaande_locaties": 40, "vastgestelde_plannen": 15, "amv": 12},
    )
    response = client.post(_url("verslag", slug="gelderland"), data)
    assert response.status_code == 302
    arnhem = verslag_gelderland.regels.get(gemeente__naam="Arnhem")
    assert arnhem.aangeboden == 55
    response = client.get(_url("verslag", slug="gelderland"))
    tekst = response.content.decode()
    totaal = sum(r.aangeboden for r in verslag_gelderland.regels.all())
    assert f'id="totaal-aangeboden" aria-live="polite">{totaal}<' in tekst
    assert 'name="versie" value="2"' in tekst
    # Ids and versions are never localised ("1.234") in field names and hidden values.
    assert f'name="regel-{arnhem.gemeente_id}-bestaande_locaties"' in tekst
    Verslag.objects.filter(pk=verslag_gelderland.pk).update(versie=1234)
    tekst = client.get(_url("verslag", slug="gelderland")).content.decode()
    assert 'name="versie" value="1234"' in tekst


@time_machine.travel(NU)
def test_verslag_ongeldige_invoer_veldfout_niets_opgeslagen(
    client, verslag_gelderland, prt_gelderland
):
    client.force_login(prt_gelderland)
    data = _form_data(
        verslag_gelderland,
        Arnhem={"bestaande_locaties": "twaalf"},
        Ede={
            "bestaande_locaties": 5,
            "beschikbaar_van": "2027-01-01",
            "beschikbaar_tot": "2026-01-01",
        },
    )
    response = client.post(_url("verslag", slug="gelderland"), data)
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Vul een heel getal in." in tekst
    assert 'value="twaalf"' in tekst
    assert not VerslagRegel.objects.filter(verslag=verslag_gelderland, bestaande_locaties__gt=0)
    # Period error when the numbers parse.
    data[
        f"regel-{verslag_gelderland.regels.get(gemeente__naam='Arnhem').gemeente_id}-bestaande_locaties"
    ] = "0"
    response = client.post(_url("verslag", slug="gelderland"), data)
    assert response.status_code == 400
    assert "eindigen voordat die begint" in response.content.decode()
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.versie == 1


def test_verouderd_formulier_geweigerd_met_melding(client, verslag_gelderland, prt_gelderland):
    tweede = GebruikerFactory(
        username="t-prt-gelderland-2", rol=Rol.PRT_SECRETARIS, provincie=prt_gelderland.provincie
    )
    oud_formulier = _form_data(verslag_gelderland, Ede={"bestaande_locaties": 9})
    client.force_login(prt_gelderland)
    client.post(
        _url("verslag", slug="gelderland"),
        _form_data(verslag_gelderland, Arnhem={"bestaande_locaties": 77}),
    )
    client.force_login(tweede)
    response = client.post(_url("verslag", slug="gelderland"), oud_formulier, follow=True)
    tekst = response.content.decode()
    assert "Iemand anders heeft dit verslag intussen opgeslagen" in tekst
    assert "Arnhem: bestaande locaties 0 → 77" in tekst
    assert verslag_gelderland.regels.get(gemeente__naam="Ede").bestaande_locaties == 0


@time_machine.travel(NU)
def test_indienen_met_bevestiging_ontvangst_en_mail(
    client, verslag_gelderland, prt_gelderland, django_capture_on_commit_callbacks, eager
):
    client.force_login(prt_gelderland)
    response = client.get(_url("indienen", slug="gelderland"))
    assert "Samenvatting" in response.content.decode()
    response = client.post(_url("indienen", slug="gelderland"), {"versie": "1"})
    html = response.content.decode()
    # not confirmed: the error summary links to the checkbox, which says what is missing
    assert "data-foutsamenvatting" in html and 'href="#id_bevestigd"' in html
    assert 'id="id_bevestigd_error">Bevestig dat u het verslag wilt indienen.</p>' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("indienen", slug="gelderland"), {"versie": "1", "bevestigd": "1"}
        )
    assert response.status_code == 302
    assert response["Location"] == _url("ontvangst", slug="gelderland", volgnummer=1)
    assert "Ontvangstbevestiging" in client.get(response["Location"]).content.decode()
    assert [m.to for m in mail.outbox if "Ontvangstbevestiging" in m.subject][:1] == [
        [prt_gelderland.email]
    ]
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == Verslag.Status.INGEDIEND
    # Frozen: the page is read-only and a post is refused.
    tekst = client.get(_url("verslag", slug="gelderland")).content.decode()
    assert 'id="verslag-form"' not in tekst
    client.post(_url("verslag", slug="gelderland"), _form_data(verslag_gelderland))
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.versie == 2


@time_machine.travel(NU)
def test_bijlage_alleen_via_view_met_toegangsregel(
    client, verslag_gelderland, prt_gelderland, prt_noord_holland, ministerie
):
    client.force_login(prt_gelderland)
    client.post(
        _url("bijlage_toevoegen", slug="gelderland"),
        {"bestand": SimpleUploadedFile("besluit.pdf", b"%PDF-1.7 inhoud")},
    )
    bijlage = verslag_gelderland.bijlagen.get()
    url = _url("bijlage_downloaden", slug="gelderland", pk=bijlage.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 inhoud"
    assert response["Content-Type"] == "application/pdf"
    client.force_login(prt_noord_holland)
    assert client.get(url).status_code == 404
    assert (
        client.get(_url("bijlage_downloaden", slug="noord-holland", pk=bijlage.pk)).status_code
        == 404
    )
    client.force_login(ministerie)
    assert client.get(url).status_code == 200
    # A fake PDF is refused with a message.
    client.force_login(prt_gelderland)
    response = client.post(
        _url("bijlage_toevoegen", slug="gelderland"),
        {"bestand": SimpleUploadedFile("nep.pdf", b"MZ nep")},
        follow=True,
    )
    assert "Alleen PDF-, ODT- en DOCX-bestanden" in response.content.decode()


@time_machine.travel(NU)
def test_verlenging_aanvragen_en_toekennen_via_paginas(
    client, verslag_gelderland, prt_gelderland, ministerie
):
    client.force_login(prt_gelderland)
    response = client.post(
        _url("verlenging", slug="gelderland"),
        {"gevraagde_datum": "2026-11-20", "reden": "Extra bestuurlijk overleg"},
    )
    assert response.status_code == 302
    verzoek = Verlengingsverzoek.objects.get()
    client.force_login(ministerie)
    response = client.get(_url("verlengingen"))
    assert "Extra bestuurlijk overleg" in response.content.decode()
    response = client.post(
        _url("verzoek_besluiten", pk=verzoek.pk),
        {f"v{verzoek.pk}-besluit": "toekennen", f"v{verzoek.pk}-besluit_reden": "Akkoord"},
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == Verlengingsverzoek.Status.TOEGEKEND
    client.force_login(prt_gelderland)
    tekst = client.get(_url("regietafel", slug="gelderland")).content.decode()
    assert "20 november 2026" in tekst
    assert "oorspronkelijk 1 november 2026" in tekst


@time_machine.travel(NU)
def test_te_lange_reden_wordt_geweigerd_en_blijft_staan(client, verslag_gelderland, prt_gelderland):
    """The reasons and remarks of the regietafel forms took any length."""
    client.force_login(prt_gelderland)
    reden = ("Bestuurlijk overleg loopt uit. " * 200).strip()
    response = client.post(
        _url("verlenging", slug="gelderland"), {"gevraagde_datum": "2026-11-20", "reden": reden}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gebruik ten hoogste 5.000 tekens (nu 6199)." in html
    assert f"{reden}</textarea>" in html
    assert not Verlengingsverzoek.objects.exists()


@time_machine.travel(NU)
def test_besluit_op_verzoek_met_fout_houdt_invoer(
    client, verslag_gelderland, prt_gelderland, ministerie
):
    """A decision with an error came back as a redirect with the error as a flash message and
    an empty form: the date, reason and reference typed were gone."""
    verzoek = verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Extra bestuurlijk overleg",
        gevraagde_datum=dt.date(2026, 11, 20),
        door=prt_gelderland,
    )
    client.force_login(ministerie)
    v = f"v{verzoek.pk}"
    response = client.post(
        _url("verzoek_besluiten", pk=verzoek.pk),
        {
            f"{v}-besluit": "toekennen",
            f"{v}-nieuwe_datum": "9999-12-31",
            f"{v}-besluit_reden": "Akkoord na overleg",
            f"{v}-referentie": "BRIEF-17",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-foutsamenvatting" in html
    assert f'href="#id_{v}-nieuwe_datum"' in html
    assert 'value="9999-12-31"' in html and 'value="BRIEF-17"' in html
    assert "Akkoord na overleg</textarea>" in html
    verzoek.refresh_from_db()
    assert verzoek.status == Verlengingsverzoek.Status.OPEN
    response = client.post(
        _url("verzoek_besluiten", pk=verzoek.pk),
        {f"{v}-besluit": "toekennen", f"{v}-besluit_reden": "Akkoord"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?cyclus={verslag_gelderland.cyclus.jaar}")


@time_machine.travel(NU)
def test_verlenging_alle_regietafels_via_pagina(client, cyclus, ministerie):
    client.force_login(ministerie)
    response = client.post(
        _url("verlengingen"),
        {
            "regietafel": "",
            "nieuwe_datum": "2026-12-01",
            "reden": "Raming later",
            "referentie": "",
            "bevestigd": "1",  # past the confirmation page
        },
    )
    assert response.status_code == 302
    tekst = client.get(_url("overzicht")).content.decode()
    assert tekst.count("1 december 2026") == 12


@time_machine.travel(NU)
def test_beoordelen_via_pagina(client, verslag_gelderland, prt_gelderland, ministerie):
    verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    client.force_login(ministerie)
    response = client.post(
        _url("beoordelen", slug="gelderland"), {"oordeel": "onvoldoende", "opmerkingen": ""}
    )
    assert response.status_code == 200
    assert "Licht toe" in response.content.decode()
    response = client.post(
        _url("beoordelen", slug="gelderland"), {"oordeel": "voldoende", "opmerkingen": "Goed"}
    )
    assert response.status_code == 302
    verslag_gelderland.refresh_from_db()
    assert verslag_gelderland.status == Verslag.Status.BEOORDEELD


@time_machine.travel(NU)
def test_overzicht_sorteerbaar_zonder_js(client, verslag_gelderland, ministerie):
    client.force_login(ministerie)
    tekst = client.get(_url("overzicht") + "?sorteer=-opgave").content.decode()
    volgorde = [p.naam for p in Provincie.objects.all() if f">{p.naam}</a></th>" in tekst]
    assert len(volgorde) == 12
    posities = sorted(volgorde, key=lambda naam: tekst.index(f">{naam}</a></th>"))
    from regietafels.selectors import provincie_overzicht

    verwacht = [
        r.regietafel.provincie.naam
        for r in provincie_overzicht(verslag_gelderland.cyclus, user=ministerie, sorteer="-opgave")
    ]
    assert posities == verwacht
    assert 'aria-sort="descending"' in tekst


def _bijvoegen_verslagen(cyclus, aantal_provincies):
    from regietafels.models import Regietafel

    for tafel in Regietafel.objects.all()[:aantal_provincies]:
        if not Verslag.objects.filter(regietafel=tafel, cyclus=cyclus).exists():
            # the PRT writes its verslag (the ministry may not)
            secretaris = GebruikerFactory(
                username=f"t-prt-extra-{tafel.provincie_id}",
                rol=Rol.PRT_SECRETARIS,
                provincie=tafel.provincie,
            )
            verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=secretaris)


@time_machine.travel(NU)
def test_ministerie_overzicht_constant_aantal_queries(
    client, cyclus, ministerie, django_assert_max_num_queries
):
    client.force_login(ministerie)
    _bijvoegen_verslagen(cyclus, 1)
    # 7 for the table (with session, user and cycle), 3 for the embedded province map
    with django_assert_max_num_queries(15) as weinig:
        response = client.get(_url("overzicht"))
        assert response.status_code == 200
    assert response.content.decode().count('class="rt-kaart__vlak"') == 12
    _bijvoegen_verslagen(cyclus, 12)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert client.get(_url("overzicht")).status_code == 200


@time_machine.travel(NU)
def test_verslag_noord_brabant_56_regels_constant_aantal_queries(
    client, cyclus, ministerie, django_assert_max_num_queries
):
    from raming.models import Gemeente
    from regietafels.models import Regietafel

    prt = GebruikerFactory(
        username="t-prt-nb", rol=Rol.PRT_SECRETARIS, provincie=Provincie.objects.get(code="PV30")
    )
    nb = verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV30"), cyclus=cyclus, door=prt
    )
    assert nb.regels.count() == Gemeente.objects.filter(provincie__code="PV30").count() == 56
    # Few rows: Utrecht province (26 gemeenten).
    utrecht_prt = GebruikerFactory(
        username="t-prt-ut", rol=Rol.PRT_SECRETARIS, provincie=Provincie.objects.get(code="PV26")
    )
    verslag_aanmaken(
        regietafel=Regietafel.objects.get(provincie__code="PV26"), cyclus=cyclus, door=utrecht_prt
    )
    klein = Verslag.objects.get(regietafel__provincie__code="PV26")
    klein.regels.exclude(pk__in=list(klein.regels.values_list("pk", flat=True)[:3])).delete()
    client.force_login(utrecht_prt)
    with django_assert_max_num_queries(30) as weinig:
        assert client.get(_url("verslag", slug="utrecht")).status_code == 200
    client.force_login(prt)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(_url("verslag", slug="noord-brabant"))
    assert response.status_code == 200
    assert response.content.decode().count('class="utrecht-table__row rt-rt-regel"') == 56


@time_machine.travel(NU)
def test_verdeelbesluit_export_en_gemeentepagina(
    client, cyclus, ministerie, gemeente_arnhem, gemeente_zaanstad
):
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    client.force_login(gemeente_arnhem)
    # A concept is not visible to gemeenten.
    assert client.get(_url("verdeelbesluit", pk=besluit.pk)).status_code == 404
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 9, 1),
        afwijkingsreden="Vastgesteld terwijl de verslagtermijnen nog lopen",
        door=ministerie,
    )
    response = client.get(_url("verdeelbesluit_export", pk=besluit.pk, formaat="csv"))
    regels = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(regels) == 2  # header + Arnhem only
    assert "Arnhem" in regels[1] and "2027-03-01" in regels[1]
    tekst = client.get(_url("gemeente")).content.decode()
    assert "1 maart 2027" in tekst
    response = client.post(_url("gemeente"), {"datum": "2026-09-20", "aantal": "25"})
    assert response.status_code == 302
    assert gemeente_arnhem.gemeente.realisatiemeldingen.get().aantal == 25
    client.force_login(ministerie)
    response = client.get(_url("verdeelbesluit_export", pk=besluit.pk, formaat="xlsx"))
    assert response.content[:2] == b"PK"
    regels = client.get(_url("verdeelbesluit_export", pk=besluit.pk, formaat="csv")).content
    assert regels.decode("utf-8-sig").count("\n") == 343
    tekst = client.get(_url("realisatie")).content.decode()
    assert "Arnhem" in tekst


@time_machine.travel(NU)
def test_gemeente_vult_eigen_regel_in_tot_indienen(
    client, verslag_gelderland, prt_gelderland, gemeente_arnhem
):
    from django.core.exceptions import PermissionDenied

    from regietafels.services import RegelInvoer, verslag_opslaan

    arnhem = gemeente_arnhem.gemeente
    client.force_login(gemeente_arnhem)
    tekst = client.get(_url("gemeente")).content.decode()
    assert 'id="eigen-regel-form"' in tekst
    response = client.post(
        _url("gemeente"),
        {"regel": "1", "versie": "1", f"regel-{arnhem.pk}-bestaande_locaties": "-3"},
    )
    assert "negatief" in response.content.decode()
    response = client.post(
        _url("gemeente"),
        {"regel": "1", "versie": "1", f"regel-{arnhem.pk}-bestaande_locaties": "64"},
    )
    assert response.status_code == 302
    assert verslag_gelderland.regels.get(gemeente=arnhem).bestaande_locaties == 64
    # Another gemeente's row or the free texts: not for a gemeente user.
    ede = verslag_gelderland.regels.get(gemeente__naam="Ede").gemeente_id
    verslag_gelderland.refresh_from_db()
    with pytest.raises(PermissionDenied):
        verslag_opslaan(
            verslag=verslag_gelderland,
            versie=verslag_gelderland.versie,
            regels={ede: RegelInvoer(bestaande_locaties=1)},
            door=gemeente_arnhem,
        )
    verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    tekst = client.get(_url("gemeente")).content.decode()
    assert 'id="eigen-regel-form"' not in tekst
    assert 'id="eigen-regel"' in tekst
    assert "(alleen-lezen)" in tekst
    response = client.post(
        _url("gemeente"),
        {"regel": "1", "versie": "3", f"regel-{arnhem.pk}-bestaande_locaties": "1"},
    )
    assert verslag_gelderland.regels.get(gemeente=arnhem).bestaande_locaties == 64


@time_machine.travel(NU)
@pytest.mark.usefixtures("zonder_cache")  # cachalot dates by the clock; this test travels
def test_prt_meldt_realisatie_namens_eigen_gemeente(client, cyclus, ministerie, prt_gelderland):
    from raming.models import Gemeente

    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    verdeelbesluit_vaststellen(
        verdeelbesluit=besluit,
        besluitdatum=dt.date(2026, 9, 1),
        afwijkingsreden="Vastgesteld terwijl de verslagtermijnen nog lopen",
        door=ministerie,
    )
    client.force_login(prt_gelderland)
    ede = Gemeente.objects.get(naam="Ede")
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    response = client.post(
        _url("realisatie"), {"gemeente": zaanstad.pk, "datum": "2026-09-10", "aantal": "5"}
    )
    assert response.status_code == 200  # not a choice for Gelderland's secretary
    assert not zaanstad.realisatiemeldingen.exists()
    response = client.post(
        _url("realisatie"), {"gemeente": ede.pk, "datum": "2026-09-10", "aantal": "30"}
    )
    assert response.status_code == 302
    assert ede.realisatiemeldingen.get().gemeld_door == prt_gelderland
    tekst = client.get(_url("realisatie")).content.decode()
    assert "Zaanstad" not in tekst
