"""Per kind of notice: the right people (and only they) get the in-app notice at once, and the
mail per their preference. Each state change is made through its service, as the pages and
the API do."""

import datetime as dt

import pytest
import time_machine

from meldingen import opdrachten
from meldingen.models import Mail, Melding, Soort
from meldingen.services import mail_versturen, mailvoorkeuren_opslaan
from raming import services as raming_services
from raming.models import Raming
from regietafels import services as rt
from regietafels.models import Beoordeling
from uitruil import services as uitruil_services
from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer

pytestmark = pytest.mark.django_db

NU = dt.datetime(2026, 10, 20, 10, tzinfo=dt.UTC)


def ontvangers(soort) -> set[str]:
    return set(Melding.objects.filter(soort=soort).values_list("ontvanger__username", flat=True))


def gemaild(soort) -> set[str]:
    return set(Mail.objects.filter(soort=soort).values_list("e_mail", flat=True))


def tekst(gebruiker, soort) -> str:
    return Melding.objects.get(ontvanger=gebruiker, soort=soort).tekst


@time_machine.travel(NU)
def test_verslag_ingediend_receipt_to_the_prt_and_notice_to_the_ministry(
    verslag_gelderland, prt_gelderland, iedereen, settings
):
    settings.SITE_URL = "http://127.0.0.1:8101"
    tafel = verslag_gelderland.regietafel
    tafel.e_mail = "secretariaat@gelderland.example"
    tafel.save()
    versie = rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.VERSLAG_ONTVANGEN) == {"t-prt-gelderland", "t-prt-gelderland-2"}
    assert gemaild(Soort.VERSLAG_ONTVANGEN) == {
        "t-prt-gelderland@regietafel.example",
        "t-prt-gelderland-2@regietafel.example",
        "secretariaat@gelderland.example",
    }
    assert ontvangers(Soort.VERSLAG_INGEDIEND) == {"t-ministerie", "t-ministerie-2"}
    ontvangst = Mail.objects.get(soort=Soort.VERSLAG_ONTVANGEN, ontvanger=prt_gelderland)
    # the message around the notice text is rendered when it is sent
    assert mail_versturen(mail_id=ontvangst.pk) is True
    ontvangst.refresh_from_db()
    assert "wetscyclus 2026" in ontvangst.tekst and "2.026" not in ontvangst.tekst
    assert ontvangst.onderwerp == "Ontvangstbevestiging verslag Gelderland 2026 (versie 1)"
    pad = f"/regietafels/gelderland/verslag/ontvangst/{versie.volgnummer}/"
    assert f"http://127.0.0.1:8101{pad}" in ontvangst.tekst
    melding = Melding.objects.get(soort=Soort.VERSLAG_INGEDIEND, ontvanger__username="t-ministerie")
    assert melding.link == "/regietafels/gelderland/verslag/beoordelen/"
    assert melding.gelezen_op is None


@time_machine.travel(NU)
@pytest.mark.parametrize("oordeel", ["voldoende", "onvoldoende", "teruggestuurd"])
def test_beoordeling_tells_the_prt_of_that_province_only(
    verslag_gelderland, prt_gelderland, ministerie, iedereen, oordeel
):
    rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    if oordeel == "teruggestuurd":
        rt.verslag_terugsturen(
            verslag=verslag_gelderland, opmerkingen="Ede ontbreekt", door=ministerie
        )
        soort = Soort.VERSLAG_TERUGGESTUURD
    else:
        rt.verslag_beoordelen(
            verslag=verslag_gelderland,
            oordeel=oordeel,
            opmerkingen="Ede ontbreekt",
            door=ministerie,
        )
        soort = Soort.VERSLAG_BEOORDEELD
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(soort) == {"t-prt-gelderland", "t-prt-gelderland-2"}
    assert "Ede ontbreekt" in tekst(prt_gelderland, soort)
    if oordeel == "onvoldoende":
        assert "als onvoldoende" in tekst(prt_gelderland, soort)
    assert Beoordeling.objects.count() == 1


@time_machine.travel(NU)
def test_verlenging_gevraagd_en_afgewezen(verslag_gelderland, prt_gelderland, ministerie, iedereen):
    verzoek = rt.verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Twee gemeenteraden besluiten pas in november",
        gevraagde_datum=dt.date(2026, 11, 29),
        door=prt_gelderland,
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.VERLENGING_GEVRAAGD) == {"t-ministerie", "t-ministerie-2"}
    assert "29 november 2026" in tekst(ministerie, Soort.VERLENGING_GEVRAAGD)
    rt.verlengingsverzoek_besluiten(
        verzoek=verzoek,
        toekennen=False,
        besluit_reden="Geen bijzondere omstandigheden",
        door=ministerie,
    )
    # the refusal's notices are written by the worker after commit (the outbox)
    assert not ontvangers(Soort.VERLENGING_AFGEWEZEN)
    opdrachten.alles_uitvoeren()
    assert ontvangers(Soort.VERLENGING_AFGEWEZEN) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
    }
    assert "Geen bijzondere omstandigheden" in tekst(prt_gelderland, Soort.VERLENGING_AFGEWEZEN)
    assert not Melding.objects.filter(soort=Soort.VERLENGING_TOEGEKEND).exists()


@time_machine.travel(NU)
def test_verlenging_voor_een_prt(verslag_gelderland, prt_gelderland, ministerie, iedereen):
    verzoek = rt.verlenging_aanvragen(
        verslag=verslag_gelderland,
        reden="Raadsbesluiten",
        gevraagde_datum=dt.date(2026, 11, 29),
        door=prt_gelderland,
    )
    rt.verlengingsverzoek_besluiten(
        verzoek=verzoek, toekennen=True, besluit_reden="Akkoord", door=ministerie
    )
    assert not Melding.objects.filter(soort=Soort.VERLENGING_TOEGEKEND).exists()
    opdrachten.alles_uitvoeren()  # the worker writes them after commit
    assert ontvangers(Soort.VERLENGING_TOEGEKEND) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
    }
    bericht = tekst(iedereen["arnhem"], Soort.VERLENGING_TOEGEKEND)
    assert "29 november 2026" in bericht and "1 november 2026" in bericht
    assert "wetscyclus 2026" in bericht and "2.026" not in bericht


@time_machine.travel(NU)
def test_verlenging_voor_alle_prts(cyclus, ministerie, iedereen):
    rt.verlenging_toekennen(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 1), reden="Raming te laat", door=ministerie
    )
    opdrachten.alles_uitvoeren()
    assert ontvangers(Soort.VERLENGING_TOEGEKEND) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-prt-noord-holland",
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
        "t-gemeente-zaanstad",
    }
    assert (
        "alle provinciale regietafels"
        in Mail.objects.filter(soort=Soort.VERLENGING_TOEGEKEND).first().onderwerp
    )


def _nieuwe_versie_publiceren(raming, ministerie) -> Raming:
    nieuw = raming_services.tussentijdse_wijziging(
        raming=raming, reden="Nieuwe MPP", door=ministerie
    )
    from raming.models import GemeenteVerdeling, ProvincieVerdeling

    arnhem = GemeenteVerdeling.objects.get(raming=nieuw, gemeente__naam="Arnhem")
    arnhem.aantal += 25
    arnhem.save()
    gelderland = ProvincieVerdeling.objects.get(raming=nieuw, provincie__code="PV25")
    gelderland.opgave += 25
    gelderland.save()
    Raming.objects.filter(pk=nieuw.pk).update(
        status=Raming.Status.VASTGESTELD, vastgesteld_door=ministerie
    )
    nieuw.refresh_from_db()
    return raming_services.raming_publiceren(
        raming=nieuw,
        staatscourant_referentie="Stcrt. 2026, 999",
        gepubliceerd_op=dt.date(2026, 6, 1),
        door=ministerie,
    )


@time_machine.travel(NU)
def test_raming_gewijzigd_each_prt_and_gemeente_its_number_and_the_difference(
    raming, ministerie, prt_gelderland, iedereen
):
    from raming.models import GemeenteVerdeling, ProvincieVerdeling

    oud_arnhem = GemeenteVerdeling.objects.get(raming=raming, gemeente__naam="Arnhem").aantal
    oud_gelderland = ProvincieVerdeling.objects.get(raming=raming, provincie__code="PV25").opgave
    _nieuwe_versie_publiceren(raming, ministerie)
    assert not Melding.objects.filter(soort=Soort.RAMING_GEWIJZIGD).exists()
    opdrachten.alles_uitvoeren()  # the worker writes them after commit
    assert ontvangers(Soort.RAMING_GEWIJZIGD) == {
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-prt-noord-holland",
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
        "t-gemeente-zaanstad",
    }
    arnhem = tekst(iedereen["arnhem"], Soort.RAMING_GEWIJZIGD)
    assert f"Indicatief aantal Arnhem: {oud_arnhem + 25} plekken" in arnhem
    assert f"Vorige versie: {oud_arnhem}; verschil: +25." in arnhem
    nijmegen = tekst(iedereen["nijmegen"], Soort.RAMING_GEWIJZIGD)
    assert "verschil: 0." in nijmegen
    gelderland = tekst(prt_gelderland, Soort.RAMING_GEWIJZIGD)
    nieuw = f"{oud_gelderland + 25:,}".replace(",", ".")
    assert f"Provinciale opgave Gelderland: {nieuw} plekken" in gelderland
    assert "verschil: +25." in gelderland
    assert "wetscyclus 2026" in gelderland and "2.026" not in gelderland
    assert "Reden: Nieuwe MPP" in gelderland


@time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=dt.UTC))
def test_verdeelbesluit_each_gemeente_its_number_and_date(
    verslag_gelderland, prt_gelderland, ministerie, iedereen, cyclus
):
    rt.verslag_indienen(verslag=verslag_gelderland, door=prt_gelderland)
    rt.verslag_beoordelen(
        verslag=verslag_gelderland, oordeel="voldoende", opmerkingen="", door=ministerie
    )
    besluit = rt.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
    # every verslag term has passed and the one submitted verslag is assessed: ready to fix
    besluit = rt.verdeelbesluit_vaststellen(
        verdeelbesluit=besluit, besluitdatum=dt.date(2026, 11, 5), door=ministerie
    )
    assert not Melding.objects.filter(soort=Soort.VERDEELBESLUIT).exists()
    opdrachten.alles_uitvoeren()  # the worker writes them after commit
    assert ontvangers(Soort.VERDEELBESLUIT) == {
        "t-gemeente-arnhem",
        "t-gemeente-nijmegen",
        "t-gemeente-zaanstad",
        "t-prt-gelderland",
        "t-prt-gelderland-2",
        "t-prt-noord-holland",
    }
    regel = besluit.regels.get(gemeente__naam="Arnhem")
    arnhem = tekst(iedereen["arnhem"], Soort.VERDEELBESLUIT)
    assert f"Arnhem: {regel.aantal} opvangplekken" in arnhem
    assert "5 mei 2027" in arnhem  # six months after the decision
    assert "Nijmegen" not in arnhem


def test_uitruil_other_parties_and_the_prt_at_once(
    raming, prt_gelderland, iedereen, prt_noord_holland
):
    arnhem, nijmegen = iedereen["arnhem"], iedereen["nijmegen"]
    uitruil = uitruil_services.voorstellen(
        door=arnhem,
        cyclus=raming.cyclus,
        partijen=[
            PartijInvoer(arnhem.gemeente, Taak.ASIELOPVANG, Richting.NEEMT_OP, 50),
            PartijInvoer(nijmegen.gemeente, Taak.STATUSHOUDERS, Richting.NEEMT_OP, 50),
        ],
        motivatie="Arnhem heeft een locatie, Nijmegen woningen",
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.UITRUIL_VOORGESTELD) == {
        "t-gemeente-nijmegen",
        "t-prt-gelderland",
        "t-prt-gelderland-2",
    }
    assert "Arnhem heeft een locatie" in tekst(nijmegen, Soort.UITRUIL_VOORGESTELD)
    uitruil_services.accepteren(uitruil=uitruil, door=nijmegen)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.UITRUIL_GEACCEPTEERD) == {
        "t-gemeente-arnhem",
        "t-prt-gelderland",
        "t-prt-gelderland-2",
    }
    onderwerp = Melding.objects.get(
        ontvanger=prt_gelderland, soort=Soort.UITRUIL_GEACCEPTEERD
    ).titel
    assert "alle partijen akkoord" in onderwerp
    uitruil_services.bevestigen(uitruil=uitruil, door=prt_gelderland)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert ontvangers(Soort.UITRUIL_BEVESTIGD) == {"t-gemeente-arnhem", "t-gemeente-nijmegen"}
    assert not Melding.objects.filter(ontvanger=prt_noord_holland).exists()


def test_mail_follows_each_users_choice(raming, prt_gelderland, tweede_prt_gelderland, iedereen):
    mailvoorkeuren_opslaan(gebruiker=tweede_prt_gelderland, per_mail=[Soort.UITRUIL_BEVESTIGD])
    arnhem, nijmegen = iedereen["arnhem"], iedereen["nijmegen"]
    uitruil_services.voorstellen(
        door=arnhem,
        cyclus=raming.cyclus,
        partijen=[
            PartijInvoer(arnhem.gemeente, Taak.ASIELOPVANG, Richting.NEEMT_OP, 10),
            PartijInvoer(nijmegen.gemeente, Taak.STATUSHOUDERS, Richting.NEEMT_OP, 10),
        ],
        motivatie="Ruil",
    )
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert "t-prt-gelderland-2" in ontvangers(Soort.UITRUIL_VOORGESTELD)
    assert gemaild(Soort.UITRUIL_VOORGESTELD) == {
        "t-gemeente-nijmegen@regietafel.example",
        "t-prt-gelderland@regietafel.example",
    }
