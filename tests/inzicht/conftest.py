"""A 2024 cycle over the real 342 gemeenten with every stage filled in: a published raming
(computed with the verdeelsleutel from the CBS population), verslagen in several states,
extensions, a fixed verdeelbesluit and realisation reports."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from raming.models import (
    Gemeente,
    GemeenteVerdeling,
    Mijlpaal,
    Provincie,
    ProvincieVerdeling,
    Raming,
    Wetscyclus,
)
from raming.verdeelsleutel import GemeenteInvoer, bereken_verdeling
from regietafels.models import (
    Realisatiemelding,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verslag,
    VerslagRegel,
)
from tests.factories import GebruikerFactory

KAARTBESTAND = (
    Path(settings.BASE_DIR).parent / "shared" / "data" / "cbs_provincies_2025_wgs84.topojson"
)

# province code → verslag status (others have no verslag)
VERSLAGEN = {
    "PV20": Verslag.Status.BEOORDEELD,
    "PV21": Verslag.Status.INGEDIEND,
    "PV22": Verslag.Status.CONCEPT,
    "PV25": Verslag.Status.INGEDIEND,
    "PV26": Verslag.Status.TERUGGESTUURD,
    "PV27": Verslag.Status.INGEDIEND,
    "PV28": Verslag.Status.BEOORDEELD,
    "PV30": Verslag.Status.CONCEPT,
}


@pytest.fixture
def kaartbestand(settings):
    settings.PROVINCE_MAP_FILE = str(KAARTBESTAND)
    return KAARTBESTAND


@pytest.fixture
def geen_kaartbestand(settings):
    settings.PROVINCE_MAP_FILE = ""


@pytest.fixture
def referentiegegevens(db):
    """The provinces and regietafels as the migrations create them (idempotent). A
    transactional browser test earlier in the session may have flushed them, and the
    serialized-rollback restore has proved unreliable after a long live-server crawl."""
    from django.apps import apps

    from raming.provincies import PROVINCIES

    for code, naam, slug in PROVINCIES:
        Provincie.objects.update_or_create(code=code, defaults={"naam": naam, "slug": slug})
    Regietafel_ = apps.get_model("regietafels", "Regietafel")
    for provincie in Provincie.objects.all():
        Regietafel_.objects.get_or_create(
            provincie=provincie, defaults={"naam": f"Provinciale regietafel {provincie.naam}"}
        )


@pytest.fixture
def cijfers(referentiegegevens, gemeenten):
    """The whole cycle; returns the Wetscyclus."""
    cyclus = Wetscyclus.objects.create(jaar=2024)
    gemeente_lijst = list(
        Gemeente.objects.select_related("provincie").prefetch_related("inwonertallen")
    )
    verdeling = bereken_verdeling(
        [
            GemeenteInvoer(
                code=g.code,
                provincie=g.provincie.code,
                inwoners=max(i.aantal for i in g.inwonertallen.all()),
            )
            for g in gemeente_lijst
        ],
        landelijk_aantal=96000,
        amv_totaal=8140,
    )
    raming = Raming.objects.create(
        cyclus=cyclus,
        status=Raming.Status.GEPUBLICEERD,
        landelijk_aantal=96000,
        amv_aantal=8140,
        gepubliceerd_op=dt.date(2024, 1, 31),
    )
    per_code = {g.code: g for g in gemeente_lijst}
    aantallen = {}
    GemeenteVerdeling.objects.bulk_create(
        GemeenteVerdeling(raming=raming, gemeente=per_code[u.code], aantal=u.aantal, amv=u.amv)
        for u in verdeling.gemeenten
    )
    for u in verdeling.gemeenten:
        aantallen[u.code] = u.aantal
    for provincie in Provincie.objects.all():
        opgave = sum(a for c, a in aantallen.items() if per_code[c].provincie_id == provincie.pk)
        ProvincieVerdeling.objects.create(raming=raming, provincie=provincie, opgave=opgave)

    Mijlpaal.objects.bulk_create(
        [
            Mijlpaal(
                cyclus=cyclus,
                soort=Mijlpaal.Soort.RAMING,
                oorspronkelijke_datum=dt.date(2024, 1, 31),
                datum=dt.date(2024, 2, 5),
                wijzigingsreden="Publicatie enkele dagen later.",
            ),
            Mijlpaal(
                cyclus=cyclus,
                soort=Mijlpaal.Soort.VERSLAG,
                oorspronkelijke_datum=dt.date(2024, 11, 1),
                datum=dt.date(2024, 11, 1),
            ),
            Mijlpaal(
                cyclus=cyclus,
                soort=Mijlpaal.Soort.VERDEELBESLUIT,
                oorspronkelijke_datum=dt.date(2024, 12, 31),
                datum=dt.date(2024, 12, 31),
            ),
            Mijlpaal(
                cyclus=cyclus,
                soort=Mijlpaal.Soort.REALISATIE,
                oorspronkelijke_datum=dt.date(2025, 6, 30),
                datum=dt.date(2025, 6, 30),
            ),
        ]
    )
    Termijnverlenging.objects.create(
        cyclus=cyclus,
        nieuwe_datum=dt.date(2024, 12, 1),
        reden="Extra tijd voor alle regietafels.",
    )
    Termijnverlenging.objects.create(
        cyclus=cyclus,
        regietafel=Regietafel.objects.get(provincie__code="PV25"),
        nieuwe_datum=dt.date(2024, 12, 15),
        reden="Extra overleg met de regio Arnhem-Nijmegen.",
    )

    regietafels = {r.provincie.code: r for r in Regietafel.objects.select_related("provincie")}
    regels = []
    for code, status in VERSLAGEN.items():
        verslag = Verslag.objects.create(regietafel=regietafels[code], cyclus=cyclus, status=status)
        for g in gemeente_lijst:
            if g.provincie.code != code:
                continue
            a = aantallen[g.code]
            regels.append(
                VerslagRegel(
                    verslag=verslag,
                    gemeente=g,
                    indicatief_aantal=a,
                    bestaande_locaties=a // 2,
                    vastgestelde_plannen=a // 4,
                    bestuurlijke_voornemens=a // 10,
                )
            )
    VerslagRegel.objects.bulk_create(regels)

    besluit = Verdeelbesluit.objects.create(
        cyclus=cyclus,
        status=Verdeelbesluit.Status.VASTGESTELD,
        besluitdatum=dt.date(2024, 12, 23),
    )
    VerdeelbesluitRegel.objects.bulk_create(
        VerdeelbesluitRegel(
            verdeelbesluit=besluit,
            gemeente=per_code[c],
            indicatief_aantal=a,
            aantal=a,
            realisatietermijn=dt.date(2025, 6, 23),
        )
        for c, a in aantallen.items()
    )
    meldingen = []
    for naam, datum, aantal in [
        ("Arnhem", dt.date(2025, 3, 1), 150),
        ("Nijmegen", dt.date(2025, 4, 1), 200),
        ("Arnhem", dt.date(2025, 6, 1), 100),
        ("Zaanstad", dt.date(2025, 4, 1), 300),
        ("Amsterdam", dt.date(2025, 5, 15), 1200),
        ("Groningen", dt.date(2025, 3, 1), 400),
        ("Maastricht", dt.date(2025, 6, 1), 250),
    ]:
        meldingen.append(
            Realisatiemelding(
                gemeente=Gemeente.objects.get(naam=naam), cyclus=cyclus, datum=datum, aantal=aantal
            )
        )
    Realisatiemelding.objects.bulk_create(meldingen)
    return cyclus


@pytest.fixture
def gemeente_user(gemeenten):
    from accounts.models import Rol

    return GebruikerFactory(
        username="t-inzicht-gemeente",
        rol=Rol.GEMEENTE,
        gemeente=Gemeente.objects.get(naam="Arnhem"),
    )
