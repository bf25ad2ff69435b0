"""Bezwaar through the services: lodging, late and excusable, hearing, postponement, the
decision and its consequences, with the clock set by time-machine."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.rechten import GeenToegang
from bezwaar import services
from bezwaar.models import Bezwaar, GelijkgesteldeDag
from bezwaar.selectors import termijnen_van
from meldingen import opdrachten
from meldingen.models import Melding
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel

from .conftest import maak_besluit, op, regel_van

D = dt.date
pytestmark = pytest.mark.django_db


BINNEN_DE_TERMIJN = D(2025, 1, 20)
HOORZITTING = D(2025, 3, 3)


def _indienen(regel, door, datum=BINNEN_DE_TERMIJN, gronden="Het aantal is te hoog."):
    with op(datum):
        return services.bezwaar_indienen(regel=regel, gronden=gronden, door=door)


def test_gemeente_dient_bezwaar_in_tegen_de_eigen_beschikking(
    arnhem_regel, gemeente_arnhem, prt_gelderland, ministerie
):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    assert bezwaar.kenmerk == "BZW-2024-001"
    assert bezwaar.indiener == Bezwaar.Indiener.GEMEENTE
    assert bezwaar.ontvangen_op == D(2025, 1, 20)
    assert bezwaar.bekendgemaakt_op == D(2024, 12, 23)
    assert not bezwaar.te_laat
    assert bezwaar.history.count() == 1
    assert termijnen_van(bezwaar).einde == D(2025, 3, 17)
    opdrachten.alles_uitvoeren()  # the worker, after commit
    ontvangers = set(
        Melding.objects.filter(soort="bezwaar_ingediend").values_list(
            "ontvanger__username", flat=True
        )
    )
    assert ontvangers == {prt_gelderland.username, ministerie.username}


def test_andere_gemeente_en_andere_provincie_mogen_niet(
    besluit, arnhem_regel, gemeente_zaanstad, prt_noord_holland, coa, ministerie
):
    for wie in (gemeente_zaanstad, prt_noord_holland, coa, ministerie):
        with pytest.raises(GeenToegang):
            _indienen(arnhem_regel, wie)
    assert not Bezwaar.objects.exists()


def test_prt_dient_in_namens_de_provincie(arnhem_regel, prt_gelderland, gemeente_arnhem):
    bezwaar = _indienen(arnhem_regel, prt_gelderland)
    assert bezwaar.indiener == Bezwaar.Indiener.PROVINCIE
    assert bezwaar.indiener_naam == "Provincie Gelderland"
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert Melding.objects.filter(ontvanger=gemeente_arnhem, soort="bezwaar_ingediend").exists()


def test_laatste_dag_op_tijd_dag_erna_te_laat(arnhem_regel, gemeente_arnhem):
    assert not _indienen(arnhem_regel, gemeente_arnhem, D(2025, 2, 3)).te_laat
    laat = _indienen(arnhem_regel, gemeente_arnhem, D(2025, 2, 4))
    assert laat.te_laat
    # the decision term of a late bezwaar counts from the day after its receipt
    assert termijnen_van(laat).beslistermijn.begin == D(2025, 2, 5)


def test_einde_op_zaterdag_met_feestdag_via_gelijkgestelde_dag(gemeenten, ministerie):
    """A verdeelbesluit made known on Saturday 8 March 2025: the term would end on Saturday
    19 April (Easter weekend), and runs to and including Tuesday 22 April (Tweede Paasdag)."""
    besluit = maak_besluit(D(2025, 3, 8))
    regel = regel_van(besluit, "Ede")
    with op(D(2025, 4, 22)):
        bezwaar = services.bezwaar_registreren(
            regel=regel,
            indiener="gemeente",
            ontvangen_op=D(2025, 4, 22),
            gronden="g",
            door=ministerie,
        )
    assert not bezwaar.te_laat
    assert termijnen_van(bezwaar).bezwaartermijn.einde == D(2025, 4, 22)
    GelijkgesteldeDag.objects.create(datum=D(2025, 4, 22), besluit="Stcrt. (test)")
    assert termijnen_van(bezwaar).bezwaartermijn.einde == D(2025, 4, 23)


def test_per_post_ontvangen_registreren(arnhem_regel, ministerie, gemeente_arnhem):
    with op(D(2025, 2, 12)):
        bezwaar = services.bezwaar_registreren(
            regel=arnhem_regel,
            indiener="gemeente",
            ontvangen_op=D(2025, 2, 7),
            verzonden_op=D(2025, 2, 3),
            gronden="Per brief.",
            door=ministerie,
        )
    assert bezwaar.wijze == Bezwaar.Wijze.POST
    assert not bezwaar.te_laat  # posted on the last day, received within a week (Awb 6:9)
    with op(D(2025, 2, 12)), pytest.raises(ValidationError) as fout:
        services.bezwaar_registreren(
            regel=arnhem_regel,
            indiener="gemeente",
            ontvangen_op=D(2025, 3, 1),
            gronden="x",
            door=ministerie,
        )
    assert "toekomst" in str(fout.value)


def _gehoord(bezwaar, ministerie, datum=HOORZITTING):
    with op(datum):
        return services.horen_vastleggen(bezwaar=bezwaar, gehoord_op=datum, door=ministerie)


def test_te_laat_alleen_niet_ontvankelijk_tenzij_verschoonbaar(
    arnhem_regel, gemeente_arnhem, ministerie
):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem, D(2025, 2, 10))
    bezwaar = _gehoord(bezwaar, ministerie)
    with op(D(2025, 3, 10)), pytest.raises(ValidationError) as fout:
        services.beslissen(bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie)
    assert "6:11" in str(fout.value)
    with op(D(2025, 3, 4)), pytest.raises(ValidationError):
        services.verschoonbaar_vastleggen(bezwaar=bezwaar, reden="  ", door=ministerie)
    with op(D(2025, 3, 4)):
        services.verschoonbaar_vastleggen(bezwaar=bezwaar, reden="Post kwijt.", door=ministerie)
    with op(D(2025, 3, 10)):
        beslist = services.beslissen(
            bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie
        )
    assert beslist.status == Bezwaar.Status.BESLIST
    assert beslist.verschoonbaar and beslist.verschoonbaar_reden == "Post kwijt."


def test_niet_beslissen_zonder_horen_of_grond_om_af_te_zien(
    arnhem_regel, gemeente_arnhem, ministerie
):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    with op(D(2025, 3, 1)), pytest.raises(ValidationError) as fout:
        services.beslissen(bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie)
    assert "hoorzitting" in str(fout.value)
    with op(D(2025, 3, 1)), pytest.raises(ValidationError):
        services.horen_vastleggen(bezwaar=bezwaar, afzien="b", toelichting="", door=ministerie)
    with op(D(2025, 3, 1)):
        services.horen_vastleggen(
            bezwaar=bezwaar, afzien="b", toelichting="Kennelijk ongegrond.", door=ministerie
        )
        beslist = services.beslissen(
            bezwaar=bezwaar, uitkomst="ongegrond", motivering="m", door=ministerie
        )
    assert beslist.afzien_horen == "b"


def test_verdaging_eenmaal_daarna_alleen_met_instemming(arnhem_regel, gemeente_arnhem, ministerie):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    with op(D(2025, 3, 10)):
        uitstel = services.verdagen(bezwaar=bezwaar, reden="Advies nodig.", door=ministerie)
    assert uitstel.nieuwe_datum == D(2025, 4, 28)
    assert termijnen_van(bezwaar).einde == D(2025, 4, 28)
    with op(D(2025, 3, 11)), pytest.raises(ValidationError) as fout:
        services.verdagen(bezwaar=bezwaar, reden="Nog eens.", door=ministerie)
    assert "instemming" in str(fout.value)
    volledig = {
        "bezwaar": bezwaar,
        "nieuwe_datum": D(2025, 5, 30),
        "reden": "Overleg over een locatie.",
        "instemming": "E-mail van de gemeentesecretaris.",
        "instemming_op": D(2025, 4, 18),
        "geen_nadeel": "Het aantal van andere gemeenten hangt niet van deze beslissing af.",
    }
    # without the indiener's consent, its day, or the reason no one else is harmed: refused
    for ontbreekt, veld, tekst in (
        ("instemming", "instemming", "instemming van de indiener"),
        ("instemming_op", "instemming_op", "op welke dag"),
        ("geen_nadeel", "geen_nadeel", "andere belanghebbenden"),
    ):
        with op(D(2025, 4, 20)), pytest.raises(ValidationError) as fout:
            services.uitstel_vastleggen(
                **{**volledig, ontbreekt: None if ontbreekt == "instemming_op" else "  "},
                door=ministerie,
            )
        assert tekst in " ".join(fout.value.message_dict[veld])
    assert termijnen_van(bezwaar).einde == D(2025, 4, 28)
    with op(D(2025, 4, 20)):
        uitstel = services.uitstel_vastleggen(**volledig, door=ministerie)
    assert termijnen_van(bezwaar).einde == D(2025, 5, 30)
    assert uitstel.instemming_op == D(2025, 4, 18)
    assert uitstel.history.get().history_user == ministerie


def test_verdagen_na_de_termijn_kan_niet(arnhem_regel, gemeente_arnhem, ministerie):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    with op(D(2025, 3, 18)), pytest.raises(ValidationError) as fout:
        services.verdagen(bezwaar=bezwaar, reden="Te laat.", door=ministerie)
    assert "verstreken" in str(fout.value)


def test_adviescommissie_twaalf_weken(arnhem_regel, gemeente_arnhem, ministerie):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    with op(D(2025, 2, 10)):
        services.adviescommissie_vastleggen(bezwaar=bezwaar, adviescommissie=True, door=ministerie)
    bezwaar.refresh_from_db()
    assert termijnen_van(bezwaar).einde == D(2025, 4, 28)


def test_gegrond_geeft_nieuwe_versie_van_het_verdeelbesluit_en_een_document(
    besluit, arnhem_regel, gemeente_arnhem, prt_gelderland, ministerie
):
    from documenten.models import Document
    from tests.bezwaar.hulp import tekst

    oud_aantal = arnhem_regel.aantal
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    _gehoord(bezwaar, ministerie)
    with op(D(2025, 3, 12)), pytest.raises(ValidationError) as fout:
        services.beslissen(bezwaar=bezwaar, uitkomst="gegrond", motivering="m", door=ministerie)
    assert "nieuwe aantal" in str(fout.value)
    with op(D(2025, 3, 12)):
        beslist = services.beslissen(
            bezwaar=bezwaar,
            uitkomst="gegrond",
            motivering="De bestaande noodopvang telt mee.",
            nieuw_aantal=oud_aantal - 5,
            door=ministerie,
        )
    nieuw = beslist.nieuw_verdeelbesluit
    assert nieuw.versie == 2 and nieuw.status == Verdeelbesluit.Status.VASTGESTELD
    assert nieuw.besluitdatum == D(2025, 3, 12)
    assert nieuw.vorige_versie_id == besluit.pk
    assert regel_van(nieuw, "Arnhem").aantal == oud_aantal - 5
    assert regel_van(nieuw, "Nijmegen").aantal == regel_van(besluit, "Nijmegen").aantal
    assert regel_van(besluit, "Arnhem").aantal == oud_aantal  # the old version stays
    document = Document.objects.van(beslist).get()
    inhoud = tekst(document)
    for stuk in ("BZW-2024-001", "gegrond", "Arnhem", "12 maart 2025", "23 december 2024"):
        assert stuk in inhoud, stuk
    opdrachten.alles_uitvoeren()  # the worker, after commit
    assert Melding.objects.filter(ontvanger=gemeente_arnhem, soort="bezwaar_beslist").exists()
    assert Melding.objects.filter(ontvanger=prt_gelderland, soort="bezwaar_beslist").exists()
    # decided once: never again, and nothing erased
    with op(D(2025, 3, 13)), pytest.raises(ValidationError):
        services.beslissen(bezwaar=beslist, uitkomst="ongegrond", motivering="m", door=ministerie)
    # a gemeente whose beschikking a version for another gemeente only carried over keeps
    # the original bekendmaking
    nijmegen_v2 = VerdeelbesluitRegel.objects.get(verdeelbesluit=nieuw, gemeente__naam="Nijmegen")
    from bezwaar.selectors import bekendmaking

    assert bekendmaking(nijmegen_v2) == D(2024, 12, 23)
    assert bekendmaking(regel_van(nieuw, "Arnhem")) == D(2025, 3, 12)


def test_gedeeltelijk_gegrond_zonder_nieuw_aantal_laat_het_besluit_staan(
    besluit, arnhem_regel, gemeente_arnhem, ministerie
):
    bezwaar = _indienen(arnhem_regel, gemeente_arnhem)
    _gehoord(bezwaar, ministerie)
    with op(D(2025, 3, 12)):
        beslist = services.beslissen(
            bezwaar=bezwaar,
            uitkomst="gedeeltelijk_gegrond",
            motivering="Motivering aangevuld.",
            door=ministerie,
        )
    assert beslist.nieuw_verdeelbesluit is None
    assert Verdeelbesluit.objects.filter(cyclus=besluit.cyclus).count() == 1
