"""The list of notices (unread count in the header, mark as read) and the e-mail choices."""

import pytest
from django.urls import reverse

from meldingen.models import Mailvoorkeur, Melding, Soort

pytestmark = pytest.mark.django_db


def _melding(gebruiker, n=1, **velden):
    return Melding.objects.create(
        ontvanger=gebruiker,
        soort=velden.pop("soort", Soort.VERSLAG_BEOORDEELD),
        sleutel=f"test:{gebruiker.pk}:{n}",
        titel=velden.pop("titel", f"Melding {n}"),
        tekst=velden.pop("tekst", "Het verslag is beoordeeld."),
        link=velden.pop("link", "/regietafels/gelderland/verslag/"),
        **velden,
    )


def test_list_shows_own_notices_and_the_unread_count(client, prt_gelderland, prt_noord_holland):
    _melding(prt_gelderland, 1, titel="Verslag Gelderland 2026 beoordeeld: voldoende")
    _melding(prt_gelderland, 2)
    _melding(prt_noord_holland, 3, titel="Alleen voor Noord-Holland")
    client.force_login(prt_gelderland)
    html = client.get(reverse("meldingen:lijst")).content.decode()
    assert "Verslag Gelderland 2026 beoordeeld: voldoende" in html
    assert "Alleen voor Noord-Holland" not in html
    assert 'class="rt-teller">2<span class="rt-visueel-verborgen"> ongelezen' in html
    assert html.count("Markeren als gelezen") == 2
    # the count is in the header of every page
    assert 'class="rt-teller">2' in client.get(reverse("home")).content.decode()


def test_mark_read_own_only(client, prt_gelderland, prt_noord_holland):
    eigen = _melding(prt_gelderland, 1)
    ander = _melding(prt_noord_holland, 2)
    client.force_login(prt_gelderland)
    assert client.get(reverse("meldingen:gelezen", kwargs={"pk": eigen.pk})).status_code == 405
    antwoord = client.post(reverse("meldingen:gelezen", kwargs={"pk": eigen.pk}))
    assert antwoord.status_code == 302
    eigen.refresh_from_db()
    assert eigen.gelezen_op is not None
    assert client.post(reverse("meldingen:gelezen", kwargs={"pk": ander.pk})).status_code == 404
    ander.refresh_from_db()
    assert ander.gelezen_op is None
    html = client.get(reverse("home")).content.decode()
    assert "rt-teller" not in html
    # a "next" address elsewhere is not followed
    _melding(prt_gelderland, 4)
    laatste = Melding.objects.get(sleutel=f"test:{prt_gelderland.pk}:4")
    antwoord = client.post(
        reverse("meldingen:gelezen", kwargs={"pk": laatste.pk}),
        {"volgende": "https://elders.example/"},
    )
    assert antwoord["Location"] == reverse("meldingen:lijst")


def test_mark_all_read_and_filter(client, prt_gelderland):
    for n in range(3):
        _melding(prt_gelderland, n)
    client.force_login(prt_gelderland)
    html = client.get(reverse("meldingen:lijst") + "?filter=ongelezen").content.decode()
    assert html.count('class="rt-melding rt-melding--ongelezen"') == 3
    antwoord = client.post(reverse("meldingen:alles_gelezen"), follow=True)
    assert "3 meldingen gelezen." in antwoord.content.decode()
    assert not Melding.objects.filter(gelezen_op__isnull=True).exists()
    html = client.get(reverse("meldingen:lijst") + "?filter=ongelezen").content.decode()
    assert "U heeft geen ongelezen meldingen." in html


def test_preferences_page_per_role(client, prt_gelderland, ministerie, coa):
    client.force_login(prt_gelderland)
    html = client.get(reverse("meldingen:voorkeuren")).content.decode()
    assert "Uitruil voorgesteld" in html and "Verslag ingediend (ter beoordeling)" not in html
    assert "Altijd per e-mail: ontvangstbevestiging" in html
    antwoord = client.post(
        reverse("meldingen:voorkeuren"),
        {"per_mail": [Soort.VERSLAG_BEOORDEELD, Soort.VERSLAG_TERUGGESTUURD]},
        follow=True,
    )
    assert "is opgeslagen" in antwoord.content.decode()
    uit = set(
        Mailvoorkeur.objects.filter(gebruiker=prt_gelderland, per_mail=False).values_list(
            "soort", flat=True
        )
    )
    assert Soort.UITRUIL_VOORGESTELD in uit and Soort.VERSLAG_BEOORDEELD not in uit
    html = client.get(reverse("meldingen:voorkeuren")).content.decode()
    assert f'value="{Soort.VERSLAG_BEOORDEELD}" checked' in html
    assert f'value="{Soort.UITRUIL_VOORGESTELD}" checked' not in html
    # COA confirms reception locations: it is told when a gemeente reports a phase, and only
    # that
    client.force_login(coa)
    html = client.get(reverse("meldingen:voorkeuren")).content.decode()
    assert "Fase van een opvanglocatie gemeld" in html
    assert "Uitruil voorgesteld" not in html and "geen meldingen die per e-mail" not in html
