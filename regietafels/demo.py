"""Demo data of the regietafels (``make run``), idempotent.

* Members for all 12 regietafels: the chair (Commissaris van de Koning), the province, a few
  gemeenten (the largest three by indicative number, when a raming exists), COA and the ministry.
  Names are functions, not real persons.
* For cycle 2026 (created by ``raming.demo`` with a raming published 26 days late) the one-month
  extension for all PRTs (1 November → 1 December 2026), then a mix of states so every screen
  has something real:
  drafts with rows filled (Gelderland, Noord-Holland, Utrecht, Zuid-Holland, Limburg), two
  submitted (Groningen, Drenthe), one sent back (Fryslân), one with an extension request pending
  (Overijssel); Flevoland, Zeeland and Noord-Brabant have not started.
* A fixed verdeelbesluit for 2024 only when the 2024 raming has per-gemeente numbers (the
  historical 2024 raming in the demo has only provincial figures, so this is normally skipped).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from raming.models import Gemeente, GemeenteVerdeling, Wetscyclus
from raming.selectors import geldende_raming

from . import services
from .models import Lid, Regietafel, Verlengingsverzoek, Verslag
from .verlengingen import late_raming, verslagtermijn_verlengen_na_late_raming

CONCEPT_MET_REGELS = ("gelderland", "noord-holland", "utrecht", "zuid-holland", "limburg")
INGEDIEND = ("groningen", "drenthe")
TERUGGESTUURD = ("fryslan",)
VERZOEK_OPEN = ("overijssel",)


def _gebruiker(username: str):
    from accounts.models import Gebruiker

    return Gebruiker.objects.filter(username=username).first()


def laad(*, stdout) -> None:
    _leden(stdout)
    cyclus = Wetscyclus.objects.filter(jaar=2026).first()
    if cyclus is not None:
        verlenging_na_late_raming(cyclus, stdout)
    if cyclus is None or geldende_raming(cyclus) is None:
        stdout.write("regietafels: geen cyclus 2026 met geldende raming; verslagen overgeslagen.")
    else:
        _verslagen_2026(cyclus, stdout)
    _verdeelbesluit_2024(stdout)


def verlenging_na_late_raming(cyclus, stdout) -> None:
    """The 2026 raming was published 26 days late: all PRTs get one month more."""
    from accounts.models import Gebruiker, Rol

    late = late_raming(cyclus)
    door = Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()
    if late is None or late.al_verlengd or door is None:
        return
    verslagtermijn_verlengen_na_late_raming(
        cyclus=cyclus, door=door, referentie="Nota 26 februari 2026"
    )
    stdout.write(
        f"regietafels: verslagtermijn {cyclus.jaar} voor alle regietafels verlengd tot "
        f"{late.vertraging.voorgestelde_datum:%d-%m-%Y}."
    )


@transaction.atomic
def _leden(stdout) -> None:
    if Lid.objects.exists():
        stdout.write("regietafels: leden bestaan al.")
        return
    cyclus = Wetscyclus.objects.filter(jaar=2026).first()
    raming = geldende_raming(cyclus)
    nieuw = []
    for tafel in Regietafel.objects.select_related("provincie"):
        provincie = tafel.provincie
        if not tafel.voorzitter:
            tafel.voorzitter = f"Commissaris van de Koning in {provincie.naam}"
            tafel.save(update_fields=["voorzitter"])
        nieuw.append(
            Lid(
                regietafel=tafel,
                naam=f"Commissaris van de Koning in {provincie.naam}",
                organisatie=f"Provincie {provincie.naam}",
                soort=Lid.Soort.PROVINCIE,
                functie="Voorzitter",
            )
        )
        nieuw.append(
            Lid(
                regietafel=tafel,
                naam=f"Gedeputeerde asiel en migratie {provincie.naam}",
                organisatie=f"Provincie {provincie.naam}",
                soort=Lid.Soort.PROVINCIE,
                functie="Gedeputeerde",
            )
        )
        if raming is not None:
            grootste = [
                gv.gemeente
                for gv in GemeenteVerdeling.objects.filter(
                    raming=raming, gemeente__provincie=provincie
                )
                .select_related("gemeente")
                .order_by("-aantal")[:3]
            ]
        else:
            grootste = list(Gemeente.objects.filter(provincie=provincie).order_by("naam")[:3])
        for gemeente in grootste:
            nieuw.append(
                Lid(
                    regietafel=tafel,
                    naam=f"Burgemeester van {gemeente.naam}",
                    organisatie=f"Gemeente {gemeente.naam}",
                    soort=Lid.Soort.GEMEENTE,
                    gemeente=gemeente,
                    functie="Burgemeester (namens de regio)",
                )
            )
        nieuw.append(
            Lid(
                regietafel=tafel,
                naam=f"Regiomanager COA {provincie.naam}",
                organisatie="COA",
                soort=Lid.Soort.COA,
                functie="Regiomanager",
            )
        )
        nieuw.append(
            Lid(
                regietafel=tafel,
                naam="Accounthouder Medeoverheden",
                organisatie="Ministerie van Asiel en Migratie, DG Migratie",
                soort=Lid.Soort.MINISTERIE,
                functie="Accounthouder",
            )
        )
    Lid.objects.bulk_create(nieuw)
    stdout.write(f"regietafels: {len(nieuw)} leden vastgelegd voor 12 regietafels.")


def _vul_regels(verslag: Verslag, door, *, aandeel: float) -> Verslag:
    """Fill rows with a plausible offer: ``aandeel`` of the indicative number, split over the
    three kinds, available for five years from 1 July 2026."""
    regels = {}
    for i, regel in enumerate(verslag.regels.order_by("gemeente__naam")):
        totaal = int(regel.indicatief_aantal * aandeel) if i % 4 else regel.indicatief_aantal
        bestaand = totaal // 2
        plannen = totaal // 3
        voornemens = totaal - bestaand - plannen
        regels[regel.gemeente_id] = services.RegelInvoer(
            bestaande_locaties=bestaand,
            vastgestelde_plannen=plannen,
            bestuurlijke_voornemens=voornemens,
            amv=totaal // 12,
            beschikbaar_van=dt.date(2026, 7, 1) if totaal else None,
            beschikbaar_tot=dt.date(2031, 7, 1) if totaal else None,
            opmerking="",
        )
    return services.verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=regels,
        open_besluiten="Besluitvorming over twee locaties in de gemeenteraad in november.",
        knelpunten="Beschikbaarheid van grond en personeel voor nieuwe locaties.",
        door=door,
    )


def _verslagen_2026(cyclus, stdout) -> None:
    ministerie = _gebruiker("ministerie")
    aangemaakt = 0
    for tafel in Regietafel.objects.select_related("provincie"):
        slug = tafel.provincie.slug
        if slug not in (*CONCEPT_MET_REGELS, *INGEDIEND, *TERUGGESTUURD, *VERZOEK_OPEN):
            continue
        if Verslag.objects.filter(regietafel=tafel, cyclus=cyclus).exists():
            continue
        secretaris = _gebruiker(f"prt-{slug}")
        if secretaris is None or ministerie is None:
            stdout.write(f"regietafels: demogebruikers ontbreken voor {slug}; overgeslagen.")
            continue
        with transaction.atomic():
            verslag = services.verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=secretaris)
            aandeel = 0.9 if slug in CONCEPT_MET_REGELS else 0.8
            verslag = _vul_regels(verslag, secretaris, aandeel=aandeel)
            if slug in INGEDIEND or slug in TERUGGESTUURD:
                services.verslag_indienen(verslag=verslag, door=secretaris)
            if slug in TERUGGESTUURD:
                services.verslag_terugsturen(
                    verslag=verslag,
                    opmerkingen=(
                        "De beschikbaarheidsperiode ontbreekt bij meerdere locaties en het "
                        "totaal blijft onder de opgave; graag aanvullen."
                    ),
                    door=ministerie,
                )
            if slug in VERZOEK_OPEN:
                services.verlenging_aanvragen(
                    verslag=verslag,
                    reden="Besluitvorming in twee gemeenteraden valt na de termijn.",
                    gevraagde_datum=_na_termijn(verslag, dagen=21),
                    door=secretaris,
                )
        aangemaakt += 1
    stdout.write(f"regietafels: {aangemaakt} verslagen 2026 aangemaakt.")
    open_verzoeken = Verlengingsverzoek.objects.filter(
        verslag__cyclus=cyclus, status=Verlengingsverzoek.Status.OPEN
    ).count()
    stdout.write(f"regietafels: {open_verzoeken} open verlengingsverzoek(en) in 2026.")


def _na_termijn(verslag: Verslag, *, dagen: int) -> dt.date:
    from .termijnen import verslagtermijn

    termijn = verslagtermijn(verslag.cyclus, verslag.regietafel).effectief
    basis = termijn or dt.date(verslag.cyclus.jaar, 11, 1)
    return basis + dt.timedelta(days=dagen)


def _verdeelbesluit_2024(stdout) -> None:
    from .models import Verdeelbesluit

    cyclus = Wetscyclus.objects.filter(jaar=2024).first()
    raming = geldende_raming(cyclus)
    if cyclus is None or raming is None:
        stdout.write("regietafels: geen raming 2024; verdeelbesluit 2024 overgeslagen.")
        return
    if Verdeelbesluit.objects.filter(cyclus=cyclus).exists():
        stdout.write("regietafels: verdeelbesluit 2024 bestaat al.")
        return
    if not raming.gemeenten.exists():
        stdout.write(
            "regietafels: raming 2024 heeft geen aantallen per gemeente; "
            "verdeelbesluit 2024 overgeslagen."
        )
        return
    ministerie = _gebruiker("ministerie")
    if ministerie is None:
        return
    with transaction.atomic():
        besluit = services.verdeelbesluit_voorstellen(cyclus=cyclus, door=ministerie)
        services.verdeelbesluit_vaststellen(
            verdeelbesluit=besluit, besluitdatum=dt.date(2024, 12, 23), door=ministerie
        )
    stdout.write("regietafels: verdeelbesluit 2024 vastgesteld (23 december 2024).")
