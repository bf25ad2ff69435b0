"""Demo data of the regietafels (``make run``): the verslagen, assessments, verdeelbesluiten
and realisation of the 2024 and 2026 cycles, and the start of 2028, each step at its moment
(see ``core.demo``: what lies after the load moment has not happened). Idempotent.

Recorded facts: the twelve verslagen of 2024 came in on 31 October 2024 with the provincial
totals in ``verslagen_2024.csv`` (three provinces only reported "met"); the verdeelbesluiten
of 23 December 2024 spread the restopgave over the gemeenten that offered less than their
number, with exemptions (Cranendonck, Gilze en Rijen); places by 30 June 2025.
Illustrative: every split per gemeente, every figure of 2026 and later (the verslagen of
2026 are due 1 December 2026), the assessments' wording and the realisation reports.
Members are functions, not real persons.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from accounts.models import Gebruiker, Rol
from core.demo import Klok
from raming.models import GemeenteVerdeling, Herkomst, Wetscyclus
from raming.selectors import geldende_raming

from . import services
from .demo_besluiten import besluiten_en_realisatie
from .demo_plannen import PLAN_2024, PLAN_2026, PLAN_2028, Plan, aanbod_2024, aanbod_per_gemeente
from .models import Lid, Regietafel, Verdeelbesluit, Verlengingsverzoek, Verslag
from .verlengingen import late_raming, verslagtermijn_verlengen_na_late_raming

D = dt.date


def _gebruiker(username: str):

    return Gebruiker.objects.filter(username=username).first()


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    ministerie = _gebruiker("ministerie")
    if ministerie is None:
        stdout.write("regietafels: geen demogebruikers; demo overgeslagen.")
        return
    _leden(stdout, klok)
    cyclus_2026 = Wetscyclus.objects.filter(jaar=2026).first()
    if cyclus_2026 is not None:
        verlenging_na_late_raming(cyclus_2026, stdout, klok=klok, door=ministerie)
    totalen_2024 = aanbod_2024()
    for jaar, plannen in ((2024, PLAN_2024), (2026, PLAN_2026), (2028, PLAN_2028)):
        cyclus = Wetscyclus.objects.filter(jaar=jaar).first()
        if cyclus is None or geldende_raming(cyclus) is None:
            continue
        stappen = 0
        for plan in plannen:
            totaal = totalen_2024.get(plan.slug) if jaar == 2024 else None
            with transaction.atomic():
                stappen += _verslag_verloop(cyclus, plan, klok, ministerie, totaal)
        stdout.write(f"regietafels: verslagen {jaar}: {stappen} stap(pen) bijgewerkt.")

    besluiten_en_realisatie(stdout=stdout, klok=klok, ministerie=ministerie)


@transaction.atomic
def _leden(stdout, klok: Klok) -> None:
    if Lid.objects.exists() or not klok.gebeurd(D(2024, 2, 1)):
        return
    cyclus = Wetscyclus.objects.filter(jaar=2024).first()
    raming = geldende_raming(cyclus) if cyclus else None
    with klok.op(D(2024, 2, 1)):
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
            grootste = [
                gv.gemeente
                for gv in GemeenteVerdeling.objects.filter(
                    raming=raming, gemeente__provincie=provincie
                )
                .select_related("gemeente")
                .order_by("-aantal")[:3]
            ]
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
        for lid in nieuw:  # few rows; save() keeps the history trail
            lid.save()
    stdout.write(f"regietafels: {len(nieuw)} leden vastgelegd voor 12 regietafels.")


VERLENGD_OP = D(2026, 2, 26)


def verlenging_na_late_raming(cyclus, stdout, *, klok: Klok | None = None, door=None) -> None:
    """The 2026 raming was published 26 days late: on 26 February 2026 (Nota) all PRTs get one
    month more for their verslag (1 November → 1 December 2026). Once."""
    klok = klok or Klok()
    door = door or _gebruiker("ministerie") or _eerste_ministerie()
    late = late_raming(cyclus)
    if late is None or late.al_verlengd or door is None or not klok.gebeurd(VERLENGD_OP, 15):
        return
    with transaction.atomic(), klok.op(VERLENGD_OP, 15):
        verslagtermijn_verlengen_na_late_raming(
            cyclus=cyclus, door=door, referentie="Nota 26 februari 2026"
        )
    stdout.write(
        f"regietafels: verslagtermijn {cyclus.jaar} voor alle regietafels verlengd tot "
        f"{late.vertraging.voorgestelde_datum:%d-%m-%Y}."
    )


def _eerste_ministerie():

    return Gebruiker.objects.filter(rol=Rol.MINISTERIE).order_by("pk").first()


def _invoer(verslag: Verslag, aanbod: dict[int, int], plan: Plan, opmerking: str) -> dict:
    """RegelInvoer per gemeente for an offer: split over the three kinds, amv ≈ 1/12."""
    regels = {}
    for gemeente_id, totaal in aanbod.items():
        bestaand = totaal // 2
        plannen = totaal // 3
        regels[gemeente_id] = services.RegelInvoer(
            bestaande_locaties=bestaand,
            vastgestelde_plannen=plannen,
            bestuurlijke_voornemens=totaal - bestaand - plannen,
            amv=totaal // 12,
            beschikbaar_van=plan.beschikbaar_van if totaal else None,
            beschikbaar_tot=plan.beschikbaar_tot if totaal else None,
            opmerking=opmerking if totaal else "",
        )
    return regels


def _vullen(
    verslag: Verslag, door, aanbod: dict[int, int], plan: Plan, opmerking: str, herkomst: dict
) -> bool:
    """Save the offer (and its provenance) when the rows differ from it; False when already
    so."""
    gewenst = _invoer(verslag, aanbod, plan, opmerking)
    huidig = {r.gemeente_id: r for r in verslag.regels.all()}
    verschil = {
        g: invoer
        for g, invoer in gewenst.items()
        if any(getattr(huidig[g], veld) != getattr(invoer, veld) for veld in services.REGEL_VELDEN)
        or any(getattr(huidig[g], veld) != waarde for veld, waarde in herkomst.items())
    }
    if not verschil:
        return False
    services.verslag_opslaan(
        verslag=verslag,
        versie=verslag.versie,
        regels=verschil,
        open_besluiten=plan.open_besluiten,
        knelpunten=plan.knelpunten,
        door=door,
        herkomst=herkomst,
        # The demo's figures are the story's (a large location in a small gemeente is real,
        # Ter Apel in Westerwolde); they are confirmed as a secretary would after checking.
        bevestigd=True,
    )
    return True


# a row with figures: the verslag was filled in (the interim or the final figures)
_GEVULD = (
    Q(bestaande_locaties__gt=0) | Q(vastgestelde_plannen__gt=0) | Q(bestuurlijke_voornemens__gt=0)
)


def _invullen(
    verslag: Verslag, jaar: int, plan: Plan, totaal, door, klok: Klok, *, definitief
) -> int:
    """The final figures (``definitief``) or the interim ones (half of them) saved at their
    moment when the verslag does not hold them yet; 1 when saved."""
    regels = dict(verslag.regels.values_list("gemeente_id", "indicatief_aantal"))
    aanbod, opmerking, herkomst = aanbod_per_gemeente(jaar, plan, regels, totaal)
    if not definitief:
        aanbod = {g: a // 2 for g, a in aanbod.items()}
        opmerking = "Tussenstand (illustratief)."
        herkomst = {
            "herkomst": Herkomst.ILLUSTRATIEF,
            "bron": "Illustratieve tussenstand: de helft van het latere aanbod.",
        }
    with klok.op(plan.ingevuld if definitief else plan.tussenstand, 16):
        opgeslagen = _vullen(verslag, door, aanbod, plan, opmerking, herkomst)
    verslag.refresh_from_db()
    return int(opgeslagen)


def _verslag_verloop(cyclus, plan: Plan, klok: Klok, ministerie, totaal) -> int:
    """Bring one PRT's verslag to where it stands at the load moment. Returns steps taken."""
    tafel = Regietafel.objects.select_related("provincie").get(provincie__slug=plan.slug)
    secretaris = _gebruiker(f"prt-{plan.slug}")
    if secretaris is None:
        return 0
    stappen = 0
    verslag = Verslag.objects.filter(regietafel=tafel, cyclus=cyclus).first()
    if verslag is None:
        if not klok.gebeurd(plan.aangemaakt, 9, 30):
            return 0
        with klok.op(plan.aangemaakt, 9, 30):
            verslag = services.verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=secretaris)
        stappen += 1
    bewerkbaar = verslag.status in (Verslag.Status.CONCEPT, Verslag.Status.TERUGGESTUURD)
    ingediend_eerder = verslag.versies.exists()
    if bewerkbaar and not ingediend_eerder:
        # The interim figures, then the final ones, each at its moment: the interim ones also
        # when the final ones are due by now (unless the verslag holds figures already), so a
        # load after both saves what a load between them and a later load save.
        if (
            plan.tussenstand
            and klok.gebeurd(plan.tussenstand, 16)
            and not verslag.regels.filter(_GEVULD).exists()
        ):
            stappen += _invullen(
                verslag, cyclus.jaar, plan, totaal, secretaris, klok, definitief=False
            )
        if plan.ingevuld and klok.gebeurd(plan.ingevuld, 16):
            stappen += _invullen(
                verslag, cyclus.jaar, plan, totaal, secretaris, klok, definitief=True
            )
    if plan.verzoek is not None:
        stappen += _verzoek(verslag, plan, klok, secretaris, ministerie)
    if verslag.status == Verslag.Status.CONCEPT and plan.ingediend:
        datum, uur, minuut = plan.ingediend
        if klok.gebeurd(datum, uur, minuut):
            with klok.op(datum, uur, minuut):
                services.verslag_indienen(verslag=verslag, door=secretaris)
            verslag.refresh_from_db()
            stappen += 1
    if plan.teruggestuurd is not None:
        terug, opnieuw = plan.teruggestuurd
        if verslag.status == Verslag.Status.INGEDIEND and verslag.versies.count() == 1:
            if klok.gebeurd(terug, 14):
                with klok.op(terug, 14):
                    services.verslag_terugsturen(
                        verslag=verslag,
                        opmerkingen=(
                            "De beschikbaarheidsperiode ontbreekt bij meerdere locaties; graag "
                            "aanvullen en opnieuw indienen (illustratief)."
                        ),
                        door=ministerie,
                    )
                verslag.refresh_from_db()
                stappen += 1
        if verslag.status == Verslag.Status.TERUGGESTUURD and klok.gebeurd(opnieuw, 11):
            with klok.op(opnieuw, 11):
                services.verslag_indienen(verslag=verslag, door=secretaris)
            verslag.refresh_from_db()
            stappen += 1
    if (
        verslag.status == Verslag.Status.INGEDIEND
        and plan.beoordeeld
        and klok.gebeurd(plan.beoordeeld, 15)
    ):
        opgave = services.verslag_samenvatting(verslag)
        voldoende = opgave["verschil"] >= 0
        with klok.op(plan.beoordeeld, 15):
            services.verslag_beoordelen(
                verslag=verslag,
                oordeel="voldoende" if voldoende else "onvoldoende",
                opmerkingen=""
                if voldoende
                else (
                    f"Het aanbod blijft {-opgave['verschil']:,} plekken onder de provinciale "
                    "opgave; de rest volgt uit het verdeelbesluit."
                ).replace(",", "."),
                door=ministerie,
            )
        stappen += 1
    return stappen


def _verzoek(verslag: Verslag, plan: Plan, klok: Klok, secretaris, ministerie) -> int:
    aangevraagd, gevraagd, besloten = plan.verzoek
    stappen = 0
    verzoek = verslag.verlengingsverzoeken.order_by("pk").first()
    if verzoek is None:
        if verslag.status != Verslag.Status.CONCEPT or not klok.gebeurd(aangevraagd, 11):
            return 0
        with klok.op(aangevraagd, 11):
            verzoek = services.verlenging_aanvragen(
                verslag=verslag,
                reden=(
                    "Besluitvorming in twee gemeenteraden valt na de termijn; het verslag volgt "
                    "kort daarna."
                ),
                gevraagde_datum=gevraagd,
                door=secretaris,
            )
        stappen += 1
    if verzoek.status == Verlengingsverzoek.Status.OPEN and klok.gebeurd(besloten, 14):
        with klok.op(besloten, 14):
            services.verlengingsverzoek_besluiten(
                verzoek=verzoek,
                toekennen=True,
                besluit_reden="De raadsbesluiten zijn gepland; een korte verlenging is redelijk.",
                referentie=f"Brief {besloten:%d-%m-%Y}",
                door=ministerie,
            )
        stappen += 1
    return stappen


def verdeelbesluit_van(cyclus) -> Verdeelbesluit | None:
    return Verdeelbesluit.objects.filter(cyclus=cyclus).order_by("versie").first()
