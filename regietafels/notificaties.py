"""Who is told what when a verslag, an extension or the verdeelbesluit changes state.

Each act records one outbox row in its transaction (``meldingen.services.later_melden``, called
by the function named after the act, e.g. :func:`verslag_ingediend`) and no notice: after
commit the worker runs the task of ``regietafels.tasks`` named on it, which reads the act again
and calls the ``*_melden`` function here (``meldingen.services.melden``: the notices and their
mails, once per event and recipient). A rolled-back act leaves no row and so no notice.
"""

from __future__ import annotations

from django.urls import reverse

from meldingen import ontvangers
from meldingen.models import Soort
from meldingen.services import Bericht, later_melden, melden, melden_allemaal

from .models import (
    Beoordeling,
    Regietafel,
    Termijnverlenging,
    Verdeelbesluit,
    Verlengingsverzoek,
    VerslagVersie,
)
from .selectors.realisatie import realisatie_stand


def _jaar(cyclus) -> str:
    return str(cyclus.jaar)  # a year, never "2.026"


def verslag_ingediend(*, versie: VerslagVersie) -> None:
    """Told by the worker after commit (:func:`verslag_ingediend_melden`)."""
    later_melden(
        taak="regietafels.tasks.verslag_ingediend_melden",
        sleutel=f"verslag-ingediend:{versie.pk}",
        versie_id=versie.pk,
    )


def verslag_ingediend_melden(*, versie: VerslagVersie) -> None:
    """The receipt to the PRT (the submitter, the other secretaries, the secretariat's mailbox)
    and a notice to the ministry that a verslag waits for assessment."""
    verslag = versie.verslag
    tafel = verslag.regietafel
    provincie = tafel.provincie
    jaar = _jaar(verslag.cyclus)
    context = {"versie": versie, "verslag": verslag, "regietafel": tafel, "jaar": jaar}
    melden(
        ontvangers=[versie.ingediend_door, *ontvangers.secretarissen([provincie.pk])],
        soort=Soort.VERSLAG_ONTVANGEN,
        onderwerp=f"Ontvangstbevestiging verslag {provincie} {jaar} (versie {versie.volgnummer})",
        template="regietafels/meldingen/ontvangstbevestiging",
        context=context,
        link=reverse(
            "regietafels:ontvangst",
            kwargs={"slug": provincie.slug, "volgnummer": versie.volgnummer},
        ),
        adressen=[tafel.e_mail] if tafel.e_mail else (),
        sleutel=f"verslag-ontvangen:{versie.pk}",
    )
    melden(
        ontvangers=ontvangers.ministerie(),
        soort=Soort.VERSLAG_INGEDIEND,
        onderwerp=f"Verslag {provincie} {jaar} ingediend{' (te laat)' if versie.te_laat else ''}",
        template="regietafels/meldingen/verslag_ingediend",
        context=context,
        link=reverse("regietafels:beoordelen", kwargs={"slug": provincie.slug}),
        sleutel=f"verslag-ingediend:{versie.pk}",
    )


def verslag_beoordeeld(*, beoordeling: Beoordeling) -> None:
    """Told by the worker after commit (:func:`verslag_beoordeeld_melden`)."""
    later_melden(
        taak="regietafels.tasks.verslag_beoordeeld_melden",
        sleutel=f"verslag-beoordeeld:{beoordeling.pk}",
        beoordeling_id=beoordeling.pk,
    )


def verslag_beoordeeld_melden(*, beoordeling: Beoordeling) -> None:
    """The PRT learns the outcome: sufficient, insufficient, or sent back for revision."""
    verslag = beoordeling.verslag
    provincie = verslag.regietafel.provincie
    jaar = _jaar(verslag.cyclus)
    terug = beoordeling.oordeel == Beoordeling.Oordeel.TERUGGESTUURD
    if terug:
        onderwerp = f"Verslag {provincie} {jaar} teruggestuurd: pas het aan en dien het opnieuw in"
    else:
        onderwerp = (
            f"Verslag {provincie} {jaar} beoordeeld: {beoordeling.get_oordeel_display().lower()}"
        )
    melden(
        ontvangers=ontvangers.behalve(ontvangers.secretarissen([provincie.pk]), beoordeling.door),
        soort=Soort.VERSLAG_TERUGGESTUURD if terug else Soort.VERSLAG_BEOORDEELD,
        onderwerp=onderwerp,
        template="regietafels/meldingen/verslag_beoordeeld",
        context={"beoordeling": beoordeling, "verslag": verslag, "jaar": jaar, "terug": terug},
        link=reverse("regietafels:verslag", kwargs={"slug": provincie.slug}),
        sleutel=f"verslag-beoordeeld:{beoordeling.pk}",
    )


def verlenging_gevraagd(*, verzoek: Verlengingsverzoek) -> None:
    """The ministry's staff, told by the worker after commit
    (:func:`verlenging_gevraagd_melden`)."""
    later_melden(
        taak="regietafels.tasks.verlenging_gevraagd_melden",
        sleutel=f"verlenging-gevraagd:{verzoek.pk}",
        verzoek_id=verzoek.pk,
    )


def verlenging_gevraagd_melden(*, verzoek: Verlengingsverzoek) -> None:
    verslag = verzoek.verslag
    provincie = verslag.regietafel.provincie
    jaar = _jaar(verslag.cyclus)
    melden(
        ontvangers=ontvangers.behalve(ontvangers.ministerie(), verzoek.ingediend_door),
        soort=Soort.VERLENGING_GEVRAAGD,
        onderwerp=f"{provincie} vraagt verlenging van de termijn voor het verslag {jaar}",
        template="regietafels/meldingen/verlenging_gevraagd",
        context={"verzoek": verzoek, "verslag": verslag, "jaar": jaar},
        # the decision form is on the extensions page (the decision URL only takes POST)
        link=f"{reverse('regietafels:verlengingen')}#verzoek-{verzoek.pk}",
        sleutel=f"verlenging-gevraagd:{verzoek.pk}",
    )


def _provincies_van(verlenging: Termijnverlenging) -> list[int]:
    if verlenging.regietafel_id:
        return [verlenging.regietafel.provincie_id]
    return list(Regietafel.objects.values_list("provincie_id", flat=True))


def verlenging_toegekend(*, verlenging: Termijnverlenging, oorspronkelijk=None) -> None:
    """The PRT(s) whose deadline moved and the gemeenten of those provinces are told, by the
    worker after commit (:func:`verlenging_toegekend_melden`)."""
    later_melden(
        taak="regietafels.tasks.verlenging_toegekend_melden",
        sleutel=f"verlenging-toegekend:{verlenging.pk}",
        verlenging_id=verlenging.pk,
        oorspronkelijk=oorspronkelijk.isoformat() if oorspronkelijk else None,
    )


def verlenging_toegekend_melden(*, verlenging: Termijnverlenging, oorspronkelijk=None) -> None:
    """The PRT(s) whose deadline moved, and the gemeenten of those provinces."""
    provincies = _provincies_van(verlenging)
    jaar = _jaar(verlenging.cyclus)
    voor_wie = (
        str(verlenging.regietafel) if verlenging.regietafel_id else ("alle provinciale regietafels")
    )
    melden(
        ontvangers=ontvangers.behalve(
            [
                *ontvangers.secretarissen(provincies),
                *ontvangers.gemeentegebruikers(provincie_ids=provincies),
            ],
            verlenging.besloten_door,
        ),
        soort=Soort.VERLENGING_TOEGEKEND,
        onderwerp=(
            f"Termijn verslag {jaar} verlengd tot {verlenging.nieuwe_datum:%d-%m-%Y} ({voor_wie})"
        ),
        template="regietafels/meldingen/verlenging_toegekend",
        context={
            "verlenging": verlenging,
            "jaar": jaar,
            "voor_wie": voor_wie,
            "oorspronkelijk": oorspronkelijk,
        },
        link=reverse("herinneringen:mijn"),
        sleutel=f"verlenging-toegekend:{verlenging.pk}",
    )


def verlenging_afgewezen(*, verzoek: Verlengingsverzoek) -> None:
    """The secretaries and gemeente users of the province (up to some 65 people) are told, by
    the worker after commit (:func:`verlenging_afgewezen_melden`)."""
    later_melden(
        taak="regietafels.tasks.verlenging_afgewezen_melden",
        sleutel=f"verlenging-afgewezen:{verzoek.pk}",
        verzoek_id=verzoek.pk,
    )


def verlenging_afgewezen_melden(*, verzoek: Verlengingsverzoek) -> None:
    """The refusal, with its reason, to the province's secretaries and gemeente users."""
    verslag = verzoek.verslag
    provincie = verslag.regietafel.provincie
    jaar = _jaar(verslag.cyclus)
    melden(
        ontvangers=ontvangers.behalve(
            [
                *ontvangers.secretarissen([provincie.pk]),
                *ontvangers.gemeentegebruikers(provincie_ids=[provincie.pk]),
            ],
            verzoek.besloten_door,
        ),
        soort=Soort.VERLENGING_AFGEWEZEN,
        onderwerp=f"Verzoek om verlenging van de termijn voor het verslag {jaar} afgewezen",
        template="regietafels/meldingen/verlenging_afgewezen",
        context={"verzoek": verzoek, "verslag": verslag, "jaar": jaar},
        link=reverse("regietafels:verslag", kwargs={"slug": provincie.slug}),
        sleutel=f"verlenging-afgewezen:{verzoek.pk}",
    )


def verdeelbesluit_vastgesteld(*, besluit: Verdeelbesluit) -> None:
    """Each gemeente and PRT is told, by the worker after commit
    (:func:`verdeelbesluit_vastgesteld_melden`)."""
    later_melden(
        taak="regietafels.tasks.verdeelbesluit_vastgesteld_melden",
        sleutel=f"verdeelbesluit:{besluit.pk}",
        besluit_id=besluit.pk,
    )


def verdeelbesluit_vastgesteld_melden(*, besluit: Verdeelbesluit) -> None:
    """Each gemeente its own number and realisation date; each PRT its province's total."""
    jaar = _jaar(besluit.cyclus)
    regels = {
        r.gemeente_id: r
        for r in besluit.regels.select_related("gemeente__provincie").order_by("gemeente__naam")
    }
    link = reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk})
    onderwerp = f"Verdeelbesluit {jaar} vastgesteld (versie {besluit.versie})"
    per_gemeente: dict[int, list] = {}
    for gebruiker in ontvangers.gemeentegebruikers(gemeente_ids=list(regels)):
        per_gemeente.setdefault(gebruiker.gemeente_id, []).append(gebruiker)
    berichten = [
        Bericht(
            ontvangers=ontvangers.behalve(gebruikers, besluit.vastgesteld_door),
            onderwerp=onderwerp,
            template="regietafels/meldingen/verdeelbesluit_gemeente",
            context={"besluit": besluit, "regel": regels[gemeente_id], "jaar": jaar},
            link=reverse("regietafels:gemeente"),
            sleutel=f"verdeelbesluit:{besluit.pk}:gemeente:{gemeente_id}",
        )
        for gemeente_id, gebruikers in per_gemeente.items()
    ]
    totalen: dict[int, dict] = {}
    for regel in regels.values():
        provincie = regel.gemeente.provincie
        t = totalen.setdefault(provincie.pk, {"provincie": provincie, "aantal": 0, "gemeenten": 0})
        t["aantal"] += regel.aantal
        t["gemeenten"] += 1
    termijn = next(iter(regels.values())).realisatietermijn if regels else None
    for gebruiker in ontvangers.behalve(
        ontvangers.secretarissen(list(totalen)), besluit.vastgesteld_door
    ):
        berichten.append(
            Bericht(
                ontvangers=[gebruiker],
                onderwerp=onderwerp,
                template="regietafels/meldingen/verdeelbesluit_prt",
                context={
                    "besluit": besluit,
                    "jaar": jaar,
                    "totaal": totalen[gebruiker.provincie_id],
                    "termijn": termijn,
                },
                link=link,
                sleutel=f"verdeelbesluit:{besluit.pk}:prt:{gebruiker.provincie_id}",
            )
        )
    melden_allemaal(soort=Soort.VERDEELBESLUIT, berichten=berichten)


def verlenging_ingetrokken(*, verlenging: Termijnverlenging) -> None:
    """The same people who were told it was granted, by the worker after commit
    (:func:`verlenging_ingetrokken_melden`)."""
    later_melden(
        taak="regietafels.tasks.verlenging_ingetrokken_melden",
        sleutel=f"verlenging-ingetrokken:{verlenging.pk}",
        verlenging_id=verlenging.pk,
    )


def verlenging_ingetrokken_melden(*, verlenging: Termijnverlenging) -> None:
    """A withdrawn extension: the same people who were told it was granted."""
    provincies = _provincies_van(verlenging)
    jaar = _jaar(verlenging.cyclus)
    voor_wie = (
        str(verlenging.regietafel) if verlenging.regietafel_id else "alle provinciale regietafels"
    )
    door = getattr(verlenging, "ingetrokken_door", None)
    melden(
        ontvangers=ontvangers.behalve(
            [
                *ontvangers.secretarissen(provincies),
                *ontvangers.gemeentegebruikers(provincie_ids=provincies),
            ],
            door,
        ),
        soort=Soort.VERLENGING_INGETROKKEN,
        onderwerp=(
            f"Verlenging van de termijn verslag {jaar} tot {verlenging.nieuwe_datum:%d-%m-%Y} "
            f"ingetrokken ({voor_wie})"
        ),
        template="regietafels/meldingen/verlenging_ingetrokken",
        context={"verlenging": verlenging, "jaar": jaar, "voor_wie": voor_wie},
        link=reverse("herinneringen:mijn"),
        sleutel=f"verlenging-ingetrokken:{verlenging.pk}",
    )


def verdeelbesluit_herzien_voor_gemeente(*, besluit: Verdeelbesluit, gemeente) -> None:
    """Told by the worker after commit (:func:`verdeelbesluit_herzien_melden`)."""
    later_melden(
        taak="regietafels.tasks.verdeelbesluit_herzien_melden",
        sleutel=f"verdeelbesluit:{besluit.pk}:herzien:{gemeente.pk}",
        besluit_id=besluit.pk,
        gemeente_id=gemeente.pk,
    )


def verdeelbesluit_herzien_melden(*, besluit: Verdeelbesluit, gemeente) -> None:
    """A new version fixed for one gemeente (e.g. after an objection): that gemeente its new
    number and realisation date, its PRT that the province's figure changed."""
    jaar = _jaar(besluit.cyclus)
    regel = besluit.regels.select_related("gemeente__provincie").get(gemeente=gemeente)
    onderwerp = (
        f"Verdeelbesluit {jaar} herzien voor {regel.gemeente.naam} (versie {besluit.versie})"
    )
    context = {"besluit": besluit, "regel": regel, "jaar": jaar}
    melden(
        ontvangers=ontvangers.behalve(
            [
                *ontvangers.gemeentegebruikers(gemeente_ids=[gemeente.pk]),
                *ontvangers.secretarissen([regel.gemeente.provincie_id]),
            ],
            besluit.vastgesteld_door,
        ),
        soort=Soort.VERDEELBESLUIT,
        onderwerp=onderwerp,
        template="regietafels/meldingen/verdeelbesluit_gemeente",
        context=context,
        link=reverse("regietafels:verdeelbesluit", kwargs={"pk": besluit.pk}),
        sleutel=f"verdeelbesluit:{besluit.pk}:herzien:{gemeente.pk}",
    )


def _realisatie_later(*, sleutel: str, correcties=(), gemeld=None, door) -> None:
    """One outbox row for the notices of realisation reports corrected or withdrawn
    (``correcties``: pairs of the old report and its replacement or None) and of one report
    made (``gemeld``), written by the worker in that order
    (``regietafels.tasks.realisatie_melden``)."""
    later_melden(
        taak="regietafels.tasks.realisatie_melden",
        sleutel=sleutel,
        correcties=[[oud.pk, nieuw.pk if nieuw is not None else None] for oud, nieuw in correcties],
        gemeld_id=gemeld.pk if gemeld is not None else None,
        door_id=door.pk if door is not None else None,
    )


def realisatie_gecorrigeerd(*, oud, nieuw=None, door) -> None:
    """Told by the worker after commit (:func:`realisatie_gecorrigeerd_melden`)."""
    wat = "gecorrigeerd" if nieuw is not None else "ingetrokken"
    _realisatie_later(sleutel=f"realisatie-{wat}:{oud.pk}", correcties=[(oud, nieuw)], door=door)


def realisatie_gemeld(*, melding, door) -> None:
    """Told by the worker after commit (:func:`realisatie_gemeld_melden`)."""
    _realisatie_later(sleutel=f"realisatie-gemeld:{melding.pk}", gemeld=melding, door=door)


def realisatie_gekoppeld(*, correcties, melding, door) -> None:
    """Reports tied to a location (``services.meldingen_aan_locatie_koppelen``): each report
    withdrawn or corrected and the report naming the location, told as if each were its own
    act, by the worker in one round after commit."""
    _realisatie_later(
        sleutel=f"realisatie-gekoppeld:{melding.pk}",
        correcties=correcties,
        gemeld=melding,
        door=door,
    )


def realisatie_gecorrigeerd_melden(*, oud, nieuw=None, door) -> None:
    """A realisation report corrected (``nieuw`` replaces ``oud``) or withdrawn: the
    gemeente, its PRT and the ministry see the figure in force change."""
    gemeente = oud.gemeente
    jaar = _jaar(oud.cyclus)
    wat = "gecorrigeerd" if nieuw is not None else "ingetrokken"
    _realisatie_melden(
        gemeente=gemeente,
        cyclus=oud.cyclus,
        anderen=ontvangers.ministerie(),
        door=door,
        soort=Soort.REALISATIE_GECORRIGEERD,
        onderwerp=f"Realisatiemelding {gemeente.naam} ({jaar}) {wat}",
        template="regietafels/meldingen/realisatie_gecorrigeerd",
        context={"oud": oud, "nieuw": nieuw, "jaar": jaar, "wat": wat, "door": door},
        sleutel=f"realisatie-{wat}:{oud.pk}",
    )


def _realisatie_melden(*, gemeente, cyclus, anderen, door, **bericht) -> None:
    """A realisation notice for the gemeente's users, its PRT secretaries and ``anderen``:
    the gemeente's users are sent to their own page (the realisation overview is not theirs),
    everyone else to the overview of the cycle."""
    jaar = _jaar(cyclus)
    melden_allemaal(
        soort=bericht.pop("soort"),
        berichten=[
            Bericht(
                ontvangers=ontvangers.behalve(
                    ontvangers.gemeentegebruikers(gemeente_ids=[gemeente.pk]), door
                ),
                link=f"{reverse('regietafels:gemeente')}?cyclus={jaar}",
                **bericht,
            ),
            Bericht(
                ontvangers=ontvangers.behalve(
                    [*ontvangers.secretarissen([gemeente.provincie_id]), *anderen], door
                ),
                link=f"{reverse('regietafels:realisatie')}?cyclus={jaar}",
                **bericht,
            ),
        ],
    )


def realisatie_gemeld_melden(*, melding, door) -> None:
    """An ordinary realisation report: the gemeente's users (when someone else reported for
    it) and its PRT secretaries see the places realised and the total in force."""
    gemeente = melding.gemeente
    jaar = _jaar(melding.cyclus)
    # realised in total: its locations in gebruik plus reports without a location (ADR 0014)
    totaal = realisatie_stand(gemeente=gemeente, cyclus=melding.cyclus)[1]
    _realisatie_melden(
        gemeente=gemeente,
        cyclus=melding.cyclus,
        anderen=[],
        door=door,
        soort=Soort.REALISATIE_GEMELD,
        onderwerp=f"{gemeente.naam} meldt {melding.aantal} gerealiseerde plekken ({jaar})",
        template="regietafels/meldingen/realisatie_gemeld",
        context={"melding": melding, "jaar": jaar, "door": door, "totaal": totaal},
        sleutel=f"realisatie-gemeld:{melding.pk}",
    )
