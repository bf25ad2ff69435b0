"""Terms never vanish (issue 14, item 4): a term stays open until its milestone is met,
whatever else happens. The 2026 story of 5 December: the ministry fixed the verdeelbesluit
while Gelderland (15 Dec) and Overijssel (22 Dec) still had running terms."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Rol
from herinneringen.termijnen import Soort, open_termijnen, termijnen_voor
from raming.models import Provincie
from regietafels.models import Regietafel, Termijnverlenging, Verdeelbesluit, Verslag
from tests.factories import GebruikerFactory

AMS = dt.timezone(dt.timedelta(hours=1))
VANDAAG = dt.date(2026, 12, 5)


def _om(datum: dt.date, uur: int = 9) -> dt.datetime:
    return dt.datetime(datum.year, datum.month, datum.day, uur, tzinfo=AMS)


@pytest.fixture
def provincies(cyclus, ministerie):
    """Every PRT one month more (1 December); Gelderland until 15 and Overijssel until 22
    December; all other verslagen submitted and assessed."""
    Termijnverlenging.objects.create(
        cyclus=cyclus, nieuwe_datum=dt.date(2026, 12, 1), reden="Raming te laat"
    )
    tafels = {t.provincie.slug: t for t in Regietafel.objects.select_related("provincie")}
    for slug, datum in (
        ("gelderland", dt.date(2026, 12, 15)),
        ("overijssel", dt.date(2026, 12, 22)),
    ):
        Termijnverlenging.objects.create(
            cyclus=cyclus, regietafel=tafels[slug], nieuwe_datum=datum, reden="Raadsvergadering"
        )
    for slug, tafel in tafels.items():
        if slug not in ("gelderland", "overijssel"):
            Verslag.objects.create(
                cyclus=cyclus,
                regietafel=tafel,
                status=Verslag.Status.BEOORDEELD,
                ingediend_op=_om(dt.date(2026, 11, 20)),
            )
    return tafels


@pytest.fixture
def prt_overijssel(db):
    return GebruikerFactory(
        username="t-prt-overijssel",
        rol=Rol.PRT_SECRETARIS,
        provincie=Provincie.objects.get(slug="overijssel"),
    )


def _besluit_vastgesteld(cyclus, versie=1, op=None):
    return Verdeelbesluit.objects.create(
        cyclus=cyclus,
        versie=versie,
        status=Verdeelbesluit.Status.VASTGESTELD,
        besluitdatum=VANDAAG,
        vastgesteld_op=op or _om(VANDAAG, 10),
    )


def _soorten(termijnen, provincie_id=None):
    return {t.soort for t in termijnen if provincie_id is None or t.provincie_id == provincie_id}


@pytest.mark.django_db
def test_lopende_termijn_overijssel_blijft_na_het_verdeelbesluit(
    client, cyclus, provincies, prt_overijssel, ministerie
):
    with time_machine.travel(_om(VANDAAG, 11)):
        _besluit_vastgesteld(cyclus)
        (termijn,) = termijnen_voor(prt_overijssel)
        assert termijn.soort == Soort.VERSLAG
        assert termijn.datum == dt.date(2026, 12, 22)
        client.force_login(prt_overijssel)
        html = client.get("/").content.decode()
        assert "Verslag regietafel Overijssel 2026 indienen" in html
        assert "nog 17 dagen" in html
        assert "Er staan geen termijnen voor u open" not in html
    # Past the deadline, still not submitted: overdue for the PRT and for the ministry.
    with time_machine.travel(_om(dt.date(2027, 1, 10))):
        overijssel = provincies["overijssel"].provincie_id
        assert [t.soort for t in termijnen_voor(prt_overijssel)] == [Soort.VERSLAG]
        assert termijnen_voor(prt_overijssel)[0].te_laat(timezone.localdate())
        assert Soort.VERSLAG_TE_LAAT in _soorten(termijnen_voor(ministerie), overijssel)


@pytest.mark.django_db
def test_late_indiening_gelderland_geeft_het_ministerie_een_taak(cyclus, provincies, ministerie):
    gelderland = provincies["gelderland"]
    with time_machine.travel(_om(VANDAAG, 11)):
        besluit = _besluit_vastgesteld(cyclus)
    # Gelderland submits on 14 December, after the besluit was fixed.
    verslag = Verslag.objects.create(
        cyclus=cyclus,
        regietafel=gelderland,
        status=Verslag.Status.INGEDIEND,
        ingediend_op=_om(dt.date(2026, 12, 14)),
    )
    with time_machine.travel(_om(dt.date(2026, 12, 16))):
        soorten = _soorten(open_termijnen(), gelderland.provincie_id)
        assert soorten == {Soort.BEOORDELING, Soort.BESLUIT_HEROVERWEGEN}
        (taak,) = [t for t in termijnen_voor(ministerie) if t.soort == Soort.BESLUIT_HEROVERWEGEN]
        assert taak.titel == (
            "Verdeelbesluit 2026 heroverwegen: verslag Gelderland is na het besluit ingediend"
        )
        assert taak.ontvangers == (ministerie.pk,)
        assert taak.sinds == dt.date(2026, 12, 14)
        # Assessed: that milestone is met, the besluit still has to be considered.
        Verslag.objects.filter(pk=verslag.pk).update(status=Verslag.Status.BEOORDEELD)
        soorten = _soorten(open_termijnen(), gelderland.provincie_id)
        assert soorten == {Soort.BESLUIT_HEROVERWEGEN}
        # A new version of the besluit is made: considered.
        Verdeelbesluit.objects.create(
            cyclus=cyclus, versie=2, vorige_versie=besluit, reden="Verslag Gelderland"
        )
        assert _soorten(open_termijnen(), gelderland.provincie_id) == set()


@pytest.mark.django_db
def test_voor_het_besluit_ingediend_geeft_geen_heroverweging(cyclus, provincies, ministerie):
    gelderland = provincies["gelderland"]
    Verslag.objects.create(
        cyclus=cyclus,
        regietafel=gelderland,
        status=Verslag.Status.BEOORDEELD,
        ingediend_op=_om(dt.date(2026, 12, 2)),
    )
    with time_machine.travel(_om(VANDAAG, 11)):
        _besluit_vastgesteld(cyclus)
        assert _soorten(open_termijnen(), gelderland.provincie_id) == set()


@pytest.mark.django_db
def test_realisatietermijn_tot_alle_plekken_gemeld(cyclus, gemeente_arnhem):
    from regietafels.models import Realisatiemelding, VerdeelbesluitRegel

    besluit = _besluit_vastgesteld(cyclus)
    VerdeelbesluitRegel.objects.create(
        verdeelbesluit=besluit,
        gemeente=gemeente_arnhem.gemeente,
        aantal=300,
        realisatietermijn=dt.date(2027, 6, 5),
    )

    def open_():
        return [t.soort for t in termijnen_voor(gemeente_arnhem, vandaag=VANDAAG)]

    assert open_() == [Soort.REALISATIE]
    for aantal in (120, 179):
        Realisatiemelding.objects.create(
            gemeente=gemeente_arnhem.gemeente, cyclus=cyclus, datum=VANDAAG, aantal=aantal
        )
    assert open_() == [Soort.REALISATIE]  # 299 of 300
    Realisatiemelding.objects.create(
        gemeente=gemeente_arnhem.gemeente, cyclus=cyclus, datum=VANDAAG, aantal=1
    )
    assert open_() == []
