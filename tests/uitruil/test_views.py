"""Pages: propose without JS, detail with timeline and actions, access, home panels."""

import pytest
from django.urls import reverse

from uitruil import services
from uitruil.models import Taak, Taakstelling, Uitruil

from .conftest import gemeente
from .helpers import zaanstad_purmerend

pytestmark = pytest.mark.django_db


def _formdata(cyclus, rijen, **extra):
    data = {
        "cyclus": cyclus.pk,
        "verhouding_asielopvang": "1",
        "verhouding_tegenprestatie": "1",
        "periode_van": "2026-07-01",
        "periode_tot": "2028-07-01",
        "motivatie": "Zaanstad heeft ruimte voor opvang",
        "partij-TOTAL_FORMS": "5",
        "partij-INITIAL_FORMS": "0",
        "partij-MIN_NUM_FORMS": "0",
        "partij-MAX_NUM_FORMS": "20",
    }
    for i in range(5):
        data[f"partij-{i}-gemeente"] = ""
        data[f"partij-{i}-richting"] = "neemt_op"
        data[f"partij-{i}-taak"] = "asielopvang"
        data[f"partij-{i}-aantal"] = ""
    for i, (naam, richting, taak, aantal) in enumerate(rijen):
        data[f"partij-{i}-gemeente"] = gemeente(naam).pk
        data[f"partij-{i}-richting"] = richting
        data[f"partij-{i}-taak"] = taak
        data[f"partij-{i}-aantal"] = str(aantal)
    data.update(extra)
    return data


ZP_RIJEN = [
    ("Zaanstad", "neemt_op", "asielopvang", 300),
    ("Purmerend", "geeft_af", "asielopvang", 300),
    ("Purmerend", "neemt_op", "oekraine", 300),
]


def test_voorstellen_via_formulier(client, cyclus, zaanstad, purmerend):
    client.force_login(zaanstad)
    pagina = client.get(reverse("uitruil:voorstellen"))
    assert pagina.status_code == 200
    assert 'name="partij-4-aantal"' in pagina.content.decode()
    antwoord = client.post(reverse("uitruil:voorstellen"), _formdata(cyclus, ZP_RIJEN))
    uitruil = Uitruil.objects.get()
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("uitruil:detail", args=[uitruil.pk])
    assert uitruil.partijen.count() == 3
    assert str(uitruil.periode_tot) == "2028-07-01"


def test_voorstellen_slechte_invoer_bewaart_niets(client, cyclus, zaanstad, purmerend):
    client.force_login(zaanstad)
    rijen = [
        ("Zaanstad", "neemt_op", "asielopvang", 500),
        ("Purmerend", "geeft_af", "asielopvang", 500),
    ]
    antwoord = client.post(reverse("uitruil:voorstellen"), _formdata(cyclus, rijen))
    assert antwoord.status_code == 200
    assert "Purmerend zou met deze uitruil een negatief aantal" in antwoord.content.decode()
    antwoord = client.post(
        reverse("uitruil:voorstellen"),
        _formdata(cyclus, [("Zaanstad", "neemt_op", "asielopvang", 0)], motivatie=""),
    )
    tekst = antwoord.content.decode()
    assert "Vul een positief geheel getal in" in tekst
    assert "Geef een motivatie." in tekst
    assert not Uitruil.objects.exists()


def test_voorstellen_alleen_gemeente(client, cyclus, raming, prt_noord_holland, ministerie):
    for user in (prt_noord_holland, ministerie):
        client.force_login(user)
        assert client.get(reverse("uitruil:voorstellen")).status_code == 403


def test_detail_toegang_en_tijdlijn(
    client, cyclus, zaanstad, purmerend, haarlem, prt_noord_holland, prt_gelderland, coa
):
    u = zaanstad_purmerend(cyclus, zaanstad)
    url = reverse("uitruil:detail", args=[u.pk])
    for user in (haarlem, prt_gelderland):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("uitruil:actie", args=[u.pk, "accepteren"])).status_code == 404
    for user in (zaanstad, purmerend, prt_noord_holland, coa):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(purmerend)
    tekst = client.get(url).content.decode()
    assert "Tijdlijn" in tekst and "Voorgesteld" in tekst
    assert reverse("uitruil:actie", args=[u.pk, "accepteren"]) in tekst


def test_acties_via_pagina(client, cyclus, zaanstad, purmerend, prt_noord_holland, coa):
    u = zaanstad_purmerend(cyclus, zaanstad)
    client.force_login(purmerend)
    client.post(reverse("uitruil:actie", args=[u.pk, "accepteren"]))
    u.refresh_from_db()
    assert u.status == Uitruil.Status.GEACCEPTEERD
    client.force_login(coa)
    assert client.post(reverse("uitruil:actie", args=[u.pk, "bevestigen"])).status_code == 403
    client.force_login(prt_noord_holland)
    client.post(reverse("uitruil:actie", args=[u.pk, "bevestigen"]), {"bevestigen-reden": "ok"})
    u.refresh_from_db()
    assert u.status == Uitruil.Status.BEVESTIGD
    # annuleren without reason: refused with a message, nothing changes
    antwoord = client.post(reverse("uitruil:actie", args=[u.pk, "annuleren"]), follow=True)
    assert "Geef een reden." in antwoord.content.decode()
    u.refresh_from_db()
    assert u.status == Uitruil.Status.BEVESTIGD
    # a reason was unbounded, and an error sent the page back without what was typed
    lang = ("Locatie vervalt. " * 300).strip()
    antwoord = client.post(
        reverse("uitruil:actie", args=[u.pk, "annuleren"]), {"annuleren-reden": lang}
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "data-foutsamenvatting" in html and 'href="#id_annuleren-reden"' in html
    assert "Gebruik ten hoogste 5.000 tekens (nu 5099)." in html
    assert f"{lang}</textarea>" in html
    u.refresh_from_db()
    assert u.status == Uitruil.Status.BEVESTIGD
    antwoord = client.post(
        reverse("uitruil:actie", args=[u.pk, "annuleren"]),
        {"annuleren-reden": "Locatie vervalt"},
        follow=True,
    )
    u.refresh_from_db()
    assert u.status == Uitruil.Status.GEANNULEERD
    assert "Locatie vervalt" in antwoord.content.decode()


def test_acties_geweigerde_overgang_geeft_melding(client, cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.intrekken(uitruil=u, door=zaanstad)
    client.force_login(purmerend)
    antwoord = client.post(reverse("uitruil:actie", args=[u.pk, "accepteren"]), follow=True)
    assert "reageren kan niet meer" in antwoord.content.decode()


def test_home_panel_wacht_op_reactie(client, cyclus, zaanstad, purmerend, prt_noord_holland):
    u = zaanstad_purmerend(cyclus, zaanstad)
    client.force_login(purmerend)
    tekst = client.get("/").content.decode()
    assert "Wacht op uw reactie (1)" in tekst
    assert reverse("uitruil:detail", args=[u.pk]) in tekst
    assert reverse("uitruil:lijst") in tekst  # nav
    client.force_login(prt_noord_holland)
    assert "wacht op uw bevestiging (0)" in client.get("/").content.decode()
    services.accepteren(uitruil=u, door=purmerend)
    assert "wacht op uw bevestiging (1)" in client.get("/").content.decode()


def test_home_panel_ministerie(client, cyclus, zaanstad, purmerend, ministerie):
    zaanstad_purmerend(cyclus, zaanstad)
    client.force_login(ministerie)
    tekst = client.get("/").content.decode()
    assert reverse("uitruil:grootboek") in tekst


def test_taakstelling_pagina(client, cyclus, zaanstad, purmerend, coa):
    client.force_login(zaanstad)
    z = gemeente("Zaanstad")
    antwoord = client.post(
        reverse("uitruil:taakstelling"),
        {"gemeente": z.pk, "taak": Taak.STATUSHOUDERS, "aantal": "450", "bron": "2026-II"},
    )
    assert antwoord.status_code == 302
    assert Taakstelling.objects.get().aantal == 450
    # another gemeente is not in the choice list
    antwoord = client.post(
        reverse("uitruil:taakstelling"),
        {"gemeente": gemeente("Purmerend").pk, "taak": Taak.OEKRAINE, "aantal": "5"},
    )
    assert antwoord.status_code == 200
    assert Taakstelling.objects.count() == 1
    client.force_login(coa)
    assert client.get(reverse("uitruil:taakstelling")).status_code == 403


def test_admin_alleen_lezen(client, cyclus, zaanstad, purmerend, ministerie):
    u = zaanstad_purmerend(cyclus, zaanstad)
    client.force_login(ministerie)
    lijst = client.get("/beheer/uitruil/uitruil/")
    assert lijst.status_code == 200
    assert "Zaanstad" in lijst.content.decode()
    detail = client.get(f"/beheer/uitruil/uitruil/{u.pk}/change/")
    assert detail.status_code == 200
    assert "Purmerend" in detail.content.decode()
    assert client.get("/beheer/uitruil/uitruil/add/").status_code == 403
    assert client.get("/beheer/uitruil/taakstelling/").status_code == 200
    client.force_login(zaanstad)
    assert client.get("/beheer/uitruil/uitruil/").status_code in (302, 403)


def test_nieuw_voorstel_op_basis_van_teruggestuurde(
    client, cyclus, zaanstad, purmerend, prt_noord_holland
):
    u = zaanstad_purmerend(cyclus, zaanstad)
    services.accepteren(uitruil=u, door=purmerend)
    services.terugsturen(uitruil=u, door=prt_noord_holland, reden="Periode ontbreekt")
    client.force_login(zaanstad)
    tekst = client.get(reverse("uitruil:detail", args=[u.pk])).content.decode()
    link = f"{reverse('uitruil:voorstellen')}?op_basis_van={u.pk}"
    assert link in tekst
    pagina = client.get(link)
    formset = pagina.context["formset"]
    assert [f.initial["aantal"] for f in formset.forms[:4]] == [300, 300, 300, 300]
    assert pagina.context["form"].initial["motivatie"] == u.motivatie
    data = {
        "cyclus": cyclus.pk,
        "verhouding_asielopvang": "1",
        "verhouding_tegenprestatie": "1",
        "periode_van": "2026-07-01",
        "periode_tot": "2028-07-01",
        "motivatie": u.motivatie,
        "partij-TOTAL_FORMS": str(len(formset.forms)),
        "partij-INITIAL_FORMS": "4",
        "partij-MIN_NUM_FORMS": "0",
        "partij-MAX_NUM_FORMS": "20",
    }
    for i, f in enumerate(formset.forms):
        for veld in ("gemeente", "taak", "richting", "aantal"):
            waarde = f.initial.get(veld, f.fields[veld].initial)
            data[f"partij-{i}-{veld}"] = "" if waarde is None else str(waarde)
    antwoord = client.post(reverse("uitruil:voorstellen"), data)
    assert antwoord.status_code == 302, antwoord.context["form"].errors
    nieuw = Uitruil.objects.exclude(pk=u.pk).get()
    assert nieuw.partijen.count() == 4 and str(nieuw.periode_van) == "2026-07-01"
    # Only the proposer's gemeente may copy.
    client.force_login(purmerend)
    assert client.get(link).status_code == 404


def test_verhouding_afwijking_getoond(client, cyclus, zaanstad, purmerend):
    u = zaanstad_purmerend(cyclus, zaanstad, verhouding_asielopvang=2, verhouding_tegenprestatie=1)
    client.force_login(zaanstad)
    tekst = client.get(reverse("uitruil:detail", args=[u.pk])).content.decode()
    assert "wijkt af van de opgegeven verhouding" in tekst
    u2 = zaanstad_purmerend(cyclus, zaanstad)
    tekst = client.get(reverse("uitruil:detail", args=[u2.pk])).content.decode()
    assert "wijkt af" not in tekst
