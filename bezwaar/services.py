"""Every write of the bezwaar app. Each public function checks the acting user's role and scope
first (``accounts.rechten.vereist``), runs in one transaction and locks what two users could
change at once. Nothing is erased: the decision, a postponement, a consent to further delay and
an excuse for lateness are recorded with who and when; a gegrond decision supersedes the
gemeente's beschikking through ``regietafels.services.verdeelbesluit_herzien``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.rechten import Handeling, vereist
from raming.models import Provincie, Wetscyclus
from regietafels import services as regietafels_services
from regietafels.models import Verdeelbesluit, VerdeelbesluitRegel
from regietafels.selectors import geldend_verdeelbesluit

from . import beslisdocument, notificaties, termijnen
from .models import Bezwaar, BezwaarBijlage, Uitstel
from .selectors import bekendmaking, gelijkgestelde_dagen, termijnen_van

TEKST_MAXIMUM = 20_000  # grounds, reasons and motivations: a long letter, never a dump


def _tekst(waarde: str | None, veld: str, leeg: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError({veld: [leeg]})
    if len(waarde) > TEKST_MAXIMUM:
        raise ValidationError(
            {veld: [f"Gebruik ten hoogste {TEKST_MAXIMUM:,} tekens.".replace(",", ".")]}
        )
    return waarde


def _geen_toekomst(datum: dt.date | None, veld: str, leeg: str) -> dt.date:
    if datum is None:
        raise ValidationError({veld: [leeg]})
    if datum > timezone.localdate():
        raise ValidationError({veld: ["Deze datum kan niet in de toekomst liggen."]})
    return datum


def _regel(regel: VerdeelbesluitRegel) -> VerdeelbesluitRegel:
    regel = VerdeelbesluitRegel.objects.select_related(
        "verdeelbesluit__cyclus", "verdeelbesluit__vorige_versie", "gemeente__provincie"
    ).get(pk=regel.pk)
    if regel.verdeelbesluit.status != Verdeelbesluit.Status.VASTGESTELD:
        raise ValidationError(
            {"regel": ["Bezwaar kan alleen tegen een vastgesteld verdeelbesluit worden gemaakt."]}
        )
    return regel


def _kenmerk(cyclus: Wetscyclus) -> str:
    Wetscyclus.objects.select_for_update().get(pk=cyclus.pk)  # one number at a time
    n = Bezwaar.objects.filter(regel__verdeelbesluit__cyclus=cyclus).count() + 1
    while Bezwaar.objects.filter(kenmerk=f"BZW-{cyclus.jaar}-{n:03d}").exists():
        n += 1
    return f"BZW-{cyclus.jaar}-{n:03d}"


def _bijlagen_opslaan(bezwaar: Bezwaar, bestanden: Iterable, soort: str, door) -> None:
    for bestand in bestanden:
        if not bestand:
            continue
        bijlage = BezwaarBijlage(
            bezwaar=bezwaar,
            soort=soort,
            oorspronkelijke_naam=regietafels_services.bijlage_naam(bestand),
            content_type=regietafels_services.bijlage_soort(bestand),
            grootte=bestand.size,
            toegevoegd_door=door,
        )
        bijlage.bestand.save(bijlage.oorspronkelijke_naam, bestand, save=False)
        bijlage._history_user = door
        bijlage.save()


def _aanmaken(
    *,
    regel: VerdeelbesluitRegel,
    indiener: str,
    indiener_provincie: Provincie | None,
    wijze: str,
    ontvangen_op: dt.date,
    verzonden_op: dt.date | None,
    gronden: str,
    bijlagen: Iterable,
    door,
) -> Bezwaar:
    gronden = _tekst(gronden, "gronden", "Vul de gronden van het bezwaar in.")
    bekend = bekendmaking(regel)
    if ontvangen_op < bekend:
        raise ValidationError(
            {"ontvangen_op": ["Een bezwaarschrift kan niet vóór de bekendmaking zijn ontvangen."]}
        )
    if verzonden_op is not None and verzonden_op > ontvangen_op:
        raise ValidationError(
            {"verzonden_op": ["De datum van verzending ligt na de datum van ontvangst."]}
        )
    tijdig = termijnen.tijdig(
        bekendgemaakt_op=bekend,
        ontvangen_op=ontvangen_op,
        verzonden_op=verzonden_op,
        gelijkgesteld=gelijkgestelde_dagen(),
    )
    bezwaar = Bezwaar(
        kenmerk=_kenmerk(regel.verdeelbesluit.cyclus),
        regel=regel,
        gemeente=regel.gemeente,
        indiener=indiener,
        indiener_provincie=indiener_provincie,
        wijze=wijze,
        bekendgemaakt_op=bekend,
        ontvangen_op=ontvangen_op,
        verzonden_op=verzonden_op,
        gronden=gronden,
        ingediend_door=door,
        te_laat=not tijdig,
    )
    bezwaar._history_user = door
    bezwaar.save()
    _bijlagen_opslaan(bezwaar, bijlagen, BezwaarBijlage.Soort.BEZWAARSCHRIFT, door)
    notificaties.bezwaar_ingediend(bezwaar=bezwaar, door=door)
    return bezwaar


@transaction.atomic
def bezwaar_indienen(
    *, regel: VerdeelbesluitRegel, gronden: str, door, bijlagen: Iterable = ()
) -> Bezwaar:
    """A gemeente objects to its own beschikking, or a PRT secretary on behalf of its province
    to the beschikking of a gemeente in that province; received today, in the app."""
    regel = VerdeelbesluitRegel.objects.select_related("gemeente").get(pk=regel.pk)
    vereist(door, Handeling.BEZWAAR_INDIENEN, gemeente=regel.gemeente)
    regel = _regel(regel)
    als_provincie = door.is_prt
    return _aanmaken(
        regel=regel,
        indiener=Bezwaar.Indiener.PROVINCIE if als_provincie else Bezwaar.Indiener.GEMEENTE,
        indiener_provincie=regel.gemeente.provincie if als_provincie else None,
        wijze=Bezwaar.Wijze.APP,
        ontvangen_op=timezone.localdate(),
        verzonden_op=None,
        gronden=gronden,
        bijlagen=bijlagen,
        door=door,
    )


@transaction.atomic
def bezwaar_registreren(
    *,
    regel: VerdeelbesluitRegel,
    indiener: str,
    ontvangen_op: dt.date,
    gronden: str,
    door,
    verzonden_op: dt.date | None = None,
    bijlagen: Iterable = (),
) -> Bezwaar:
    """The ministry records a bezwaarschrift received by post or e-mail, with its date of
    receipt (and of posting, Awb 6:9 lid 2). ``indiener``: "gemeente" (the gemeente of the
    beschikking) or "provincie" (its province)."""
    vereist(door, Handeling.BEZWAAR_REGISTREREN)
    regel = _regel(regel)
    if indiener not in Bezwaar.Indiener.values:
        raise ValidationError({"indiener": ["Kies de gemeente of de provincie als indiener."]})
    ontvangen_op = _geen_toekomst(ontvangen_op, "ontvangen_op", "Vul de datum van ontvangst in.")
    if verzonden_op is not None:
        _geen_toekomst(verzonden_op, "verzonden_op", "")
    return _aanmaken(
        regel=regel,
        indiener=indiener,
        indiener_provincie=(
            regel.gemeente.provincie if indiener == Bezwaar.Indiener.PROVINCIE else None
        ),
        wijze=Bezwaar.Wijze.POST,
        ontvangen_op=ontvangen_op,
        verzonden_op=verzonden_op,
        gronden=gronden,
        bijlagen=bijlagen,
        door=door,
    )


def _open(bezwaar: Bezwaar) -> Bezwaar:
    bezwaar = (
        Bezwaar.objects.select_for_update()
        .select_related("gemeente__provincie", "regel__verdeelbesluit__cyclus")
        .get(pk=bezwaar.pk)
    )
    if bezwaar.status == Bezwaar.Status.INGETROKKEN:
        raise ValidationError("Dit bezwaar is ingetrokken.")
    if bezwaar.status != Bezwaar.Status.IN_BEHANDELING:
        raise ValidationError("Op dit bezwaar is al beslist.")
    return bezwaar


def intrekken_weigering(bezwaar: Bezwaar, gebruiker) -> str | None:
    """Why ``gebruiker`` may not withdraw this bezwaar beyond the role table: only the party that
    lodged it (the gemeente, or for the province its PRT secretary) withdraws it; the ministry
    records a withdrawal it received by post or e-mail."""
    if getattr(gebruiker, "is_ministerie", False):
        return None
    if bezwaar.indiener == Bezwaar.Indiener.PROVINCIE and not getattr(gebruiker, "is_prt", False):
        return f"Alleen de indiener ({bezwaar.indiener_naam}) kan dit bezwaar intrekken."
    if bezwaar.indiener == Bezwaar.Indiener.GEMEENTE and not getattr(
        gebruiker, "is_gemeente", False
    ):
        return f"Alleen de indiener ({bezwaar.indiener_naam}) kan dit bezwaar intrekken."
    return None


@transaction.atomic
def bezwaar_intrekken(
    *, bezwaar: Bezwaar, reden: str, door, ingetrokken_op: dt.date | None = None
) -> Bezwaar:
    """The bezwaar is withdrawn (Awb 6:21): by the party that lodged it, today, or recorded by
    the ministry with the day the withdrawal was received. The case ends without a decision:
    its terms stop (no reminders, no term in the lists or calendars), nothing of it is erased,
    and the gemeente, its PRT and the ministry are told."""
    vereist(door, Handeling.BEZWAAR_INTREKKEN, gemeente=bezwaar.gemeente)
    bezwaar = _open(bezwaar)
    weigering = intrekken_weigering(bezwaar, door)
    if weigering:
        raise ValidationError(weigering)
    reden = _tekst(reden, "reden", "Geef de reden van de intrekking.")
    if ingetrokken_op is None or not getattr(door, "is_ministerie", False):
        ingetrokken_op = timezone.localdate()
    _geen_toekomst(ingetrokken_op, "ingetrokken_op", "")
    if ingetrokken_op < bezwaar.ontvangen_op:
        raise ValidationError(
            {"ingetrokken_op": ["Een bezwaar kan niet vóór de ontvangst zijn ingetrokken."]}
        )
    bezwaar.status = Bezwaar.Status.INGETROKKEN
    bezwaar.ingetrokken_op = ingetrokken_op
    bezwaar.intrekking_reden = reden
    bezwaar.ingetrokken_door = door
    bezwaar._history_user = door
    bezwaar.save()
    notificaties.bezwaar_ingetrokken(bezwaar=bezwaar, door=door)
    return bezwaar


@transaction.atomic
def bijlage_toevoegen(*, bezwaar: Bezwaar, bestand, door) -> BezwaarBijlage:
    """The indiener adds a document (an addition to its grounds) while the bezwaar is open."""
    vereist(door, Handeling.BEZWAAR_INDIENEN, gemeente=bezwaar.gemeente)
    bezwaar = _open(bezwaar)
    if not bestand:
        raise ValidationError({"bestand": ["Kies een bestand."]})
    _bijlagen_opslaan(bezwaar, [bestand], BezwaarBijlage.Soort.BEZWAARSCHRIFT, door)
    return bezwaar.bijlagen.order_by("-pk").first()


@transaction.atomic
def verschoonbaar_vastleggen(*, bezwaar: Bezwaar, reden: str, door) -> Bezwaar:
    """Record that the lateness of a late bezwaarschrift is excusable (Awb 6:11), with the
    reason; the bezwaar is then treated as if lodged in time."""
    vereist(door, Handeling.BEZWAAR_BEHANDELEN)
    bezwaar = _open(bezwaar)
    if not bezwaar.te_laat:
        raise ValidationError("Dit bezwaarschrift is op tijd ontvangen.")
    bezwaar.verschoonbaar_reden = _tekst(
        reden,
        "verschoonbaar_reden",
        "Geef de reden waarom de termijnoverschrijding verschoonbaar is.",
    )
    bezwaar.verschoonbaar = True
    bezwaar._history_user = door
    bezwaar.save()
    return bezwaar


@transaction.atomic
def adviescommissie_vastleggen(*, bezwaar: Bezwaar, adviescommissie: bool, door) -> Bezwaar:
    """Record whether an advisory committee (Awb 7:13) advises: the decision term is then
    twelve weeks instead of six."""
    vereist(door, Handeling.BEZWAAR_BEHANDELEN)
    bezwaar = _open(bezwaar)
    bezwaar.adviescommissie = bool(adviescommissie)
    bezwaar._history_user = door
    bezwaar.save()
    return bezwaar


@transaction.atomic
def horen_vastleggen(
    *,
    bezwaar: Bezwaar,
    door,
    gehoord_op: dt.date | None = None,
    verslag=None,
    afzien: str = "",
    toelichting: str = "",
) -> Bezwaar:
    """The hearing (Awb 7:2): its date and the minutes as an attachment; or the ground of
    Awb 7:3 to decide without hearing, with an explanation."""
    vereist(door, Handeling.BEZWAAR_BEHANDELEN)
    bezwaar = _open(bezwaar)
    if bool(gehoord_op) == bool(afzien):
        raise ValidationError(
            "Vul de datum van de hoorzitting in, of kies de grond om van horen af te zien "
            "(niet allebei)."
        )
    if gehoord_op:
        _geen_toekomst(gehoord_op, "gehoord_op", "")
        if gehoord_op < bezwaar.ontvangen_op:
            raise ValidationError(
                {"gehoord_op": ["De hoorzitting kan niet vóór de ontvangst van het bezwaar zijn."]}
            )
        bezwaar.gehoord_op = gehoord_op
        bezwaar.afzien_horen = ""
        bezwaar.afzien_horen_toelichting = ""
        _bijlagen_opslaan(bezwaar, [verslag], BezwaarBijlage.Soort.HOORVERSLAG, door)
    else:
        if afzien not in Bezwaar.AfzienHoren.values:
            raise ValidationError({"afzien_horen": ["Kies een grond uit artikel 7:3 Awb."]})
        bezwaar.afzien_horen = afzien
        bezwaar.afzien_horen_toelichting = _tekst(
            toelichting, "afzien_horen_toelichting", "Licht toe waarom niet wordt gehoord."
        )
        bezwaar.gehoord_op = None
    bezwaar._history_user = door
    bezwaar.save()
    return bezwaar


@transaction.atomic
def verdagen(*, bezwaar: Bezwaar, reden: str, door) -> Uitstel:
    """The one postponement of the decision by six weeks (Awb 7:10 lid 3), decided before the
    term ends."""
    vereist(door, Handeling.BEZWAAR_BEHANDELEN)
    bezwaar = _open(bezwaar)
    reden = _tekst(reden, "reden", "Geef de reden van de verdaging.")
    t = termijnen_van(bezwaar)
    if t.verdaagd:
        raise ValidationError("De beslissing is al eens verdaagd; verder uitstel kan alleen met "
                              "instemming van de indiener.")  # fmt: skip
    if timezone.localdate() > t.beslistermijn.wettelijk:
        raise ValidationError(
            "De beslistermijn is al verstreken; verdagen kan alleen binnen de termijn."
        )
    nieuw = termijnen_van(
        bezwaar,
        uitstel=[*t.uitstel, Uitstel(soort=Uitstel.Soort.VERDAGING, nieuwe_datum=dt.date.min)],
    )
    uitstel = Uitstel(
        bezwaar=bezwaar,
        soort=Uitstel.Soort.VERDAGING,
        nieuwe_datum=nieuw.beslistermijn.verdaagd,
        reden=reden,
        door=door,
    )
    uitstel._history_user = door
    uitstel.save()
    return uitstel


@transaction.atomic
def uitstel_vastleggen(
    *,
    bezwaar: Bezwaar,
    nieuwe_datum: dt.date,
    reden: str,
    instemming: str,
    instemming_op: dt.date | None,
    geen_nadeel: str,
    door,
) -> Uitstel:
    """Further delay of the decision beyond the term (and its one verdaging), Awb 7:10 lid 4:
    only with the indiener's consent, recorded (how, and the day it was given), and only when
    no other belanghebbende can be harmed by the delay, recorded with the reason. Without
    either the delay is refused."""
    vereist(door, Handeling.BEZWAAR_BEHANDELEN)
    bezwaar = _open(bezwaar)
    reden = _tekst(reden, "reden", "Geef de reden van het uitstel.")
    instemming = _tekst(
        instemming,
        "instemming",
        "Verder uitstel kan alleen met instemming van de indiener: leg vast hoe die is gegeven "
        "(Awb 7:10 lid 4).",
    )
    if instemming_op is None:
        raise ValidationError(
            {"instemming_op": ["Vul in op welke dag de indiener met het uitstel instemde."]}
        )
    _geen_toekomst(instemming_op, "instemming_op", "")
    if instemming_op < bezwaar.ontvangen_op:
        raise ValidationError(
            {"instemming_op": ["De instemming kan niet vóór de ontvangst van het bezwaar zijn."]}
        )
    geen_nadeel = _tekst(
        geen_nadeel,
        "geen_nadeel",
        "Verder uitstel kan alleen als andere belanghebbenden daardoor niet in hun belangen "
        "worden geschaad: leg vast waarom dat zo is (Awb 7:10 lid 4).",
    )
    if nieuwe_datum is None:
        raise ValidationError({"nieuwe_datum": ["Vul de nieuwe datum in."]})
    t = termijnen_van(bezwaar)
    if nieuwe_datum <= t.einde:
        raise ValidationError(
            {"nieuwe_datum": [f"Kies een datum na de huidige termijn ({t.einde:%d-%m-%Y})."]}
        )
    uitstel = Uitstel(
        bezwaar=bezwaar,
        soort=Uitstel.Soort.INSTEMMING,
        nieuwe_datum=nieuwe_datum,
        reden=reden,
        instemming=instemming,
        instemming_op=instemming_op,
        geen_nadeel=geen_nadeel,
        door=door,
    )
    uitstel._history_user = door
    uitstel.save()
    return uitstel


GEGROND = (Bezwaar.Uitkomst.GEGROND, Bezwaar.Uitkomst.GEDEELTELIJK_GEGROND)


@dataclass(frozen=True)
class Gevolgen:
    """What deciding will do, for the confirmation page (and the refusals that stand)."""

    bezwaren: list[str]  # the preconditions that are not met
    huidig_aantal: int | None
    nieuw_aantal: int | None
    nieuwe_versie: int | None  # the verdeelbesluit version a gegrond decision makes
    verdeelbesluit: Verdeelbesluit | None


def beslissen_gevolgen(bezwaar: Bezwaar, *, uitkomst: str, nieuw_aantal: int | None) -> Gevolgen:
    """The preconditions of a decision and what it will change (a pure read)."""
    punten = []
    if bezwaar.status == Bezwaar.Status.INGETROKKEN:
        punten.append("Dit bezwaar is ingetrokken.")
    elif bezwaar.status != Bezwaar.Status.IN_BEHANDELING:
        punten.append("Op dit bezwaar is al beslist.")
    if not bezwaar.gehoord_of_afgezien:
        punten.append(
            "Leg eerst de hoorzitting vast, of de grond om van horen af te zien (Awb 7:2, 7:3)."
        )
    if (
        bezwaar.te_laat
        and not bezwaar.verschoonbaar
        and uitkomst
        and uitkomst != Bezwaar.Uitkomst.NIET_ONTVANKELIJK
    ):
        punten.append(
            "Het bezwaarschrift is na de termijn ontvangen en de overschrijding is niet "
            "verschoonbaar verklaard: alleen niet-ontvankelijk is mogelijk (Awb 6:11)."
        )
    besluit = geldend_verdeelbesluit(bezwaar.regel.verdeelbesluit.cyclus)
    huidig = None
    if besluit is not None:
        huidig = (
            VerdeelbesluitRegel.objects.filter(
                verdeelbesluit=besluit, gemeente_id=bezwaar.gemeente_id
            )
            .values_list("aantal", flat=True)
            .first()
        )
    nieuwe_versie = None
    if uitkomst in GEGROND:
        if uitkomst == Bezwaar.Uitkomst.GEGROND and nieuw_aantal is None:
            punten.append("Vul bij een gegrond bezwaar het nieuwe aantal voor de gemeente in.")
        if nieuw_aantal is not None and nieuw_aantal == huidig:
            punten.append(
                "Het nieuwe aantal is gelijk aan het huidige; laat het leeg als het aantal niet "
                "verandert."
            )
        if nieuw_aantal is not None and besluit is not None:
            nieuwste = (
                Verdeelbesluit.objects.filter(cyclus_id=besluit.cyclus_id)
                .order_by("-versie")
                .first()
            )
            if nieuwste.pk != besluit.pk:
                punten.append(
                    f"Versie {nieuwste.versie} van het verdeelbesluit is nog een concept; stel die "
                    "eerst vast of vervang het besluit daarna."
                )
            nieuwe_versie = nieuwste.versie + 1
    elif nieuw_aantal is not None:
        punten.append("Een nieuw aantal hoort alleen bij een (gedeeltelijk) gegrond bezwaar.")
    return Gevolgen(punten, huidig, nieuw_aantal, nieuwe_versie, besluit)


@transaction.atomic
def beslissen(
    *,
    bezwaar: Bezwaar,
    uitkomst: str,
    motivering: str,
    door,
    beslist_op: dt.date | None = None,
    nieuw_aantal: int | None = None,
) -> Bezwaar:
    """The decision on the bezwaar. Preconditions: still open, heard or a recorded ground not
    to hear, a late bezwaar only niet-ontvankelijk unless excused. A (partly) gegrond decision
    with a new number supersedes the gemeente's beschikking: a new version of the verdeelbesluit
    for that gemeente, fixed on the decision date. The decision is a frozen document; the
    gemeente and its PRT are told."""
    vereist(door, Handeling.BEZWAAR_BESLISSEN)
    bezwaar = _open(bezwaar)
    if uitkomst not in Bezwaar.Uitkomst.values:
        raise ValidationError({"uitkomst": ["Kies de beslissing."]})
    motivering = _tekst(motivering, "motivering", "Geef de motivering van de beslissing.")
    beslist_op = beslist_op or timezone.localdate()
    _geen_toekomst(beslist_op, "beslist_op", "")
    if beslist_op < bezwaar.ontvangen_op:
        raise ValidationError(
            {"beslist_op": ["De beslissing kan niet vóór de ontvangst van het bezwaar zijn."]}
        )
    if nieuw_aantal is not None and (
        not isinstance(nieuw_aantal, int) or isinstance(nieuw_aantal, bool) or nieuw_aantal < 0
    ):
        raise ValidationError({"nieuw_aantal": ["Vul een geheel aantal van 0 of meer in."]})
    gevolgen = beslissen_gevolgen(bezwaar, uitkomst=uitkomst, nieuw_aantal=nieuw_aantal)
    if gevolgen.bezwaren:
        raise ValidationError(gevolgen.bezwaren)
    bezwaar.uitkomst = uitkomst
    bezwaar.motivering = motivering
    bezwaar.beslist_op = beslist_op
    bezwaar.beslist_door = door
    bezwaar.status = Bezwaar.Status.BESLIST
    if uitkomst in GEGROND and nieuw_aantal is not None:
        bezwaar.nieuw_aantal = nieuw_aantal
        bezwaar.nieuw_verdeelbesluit = regietafels_services.verdeelbesluit_herzien(
            verdeelbesluit=gevolgen.verdeelbesluit,
            reden=(
                f"Beslissing op bezwaar {bezwaar.kenmerk} ({bezwaar.get_uitkomst_display().lower()}"
                f") van {beslist_op:%d-%m-%Y}: {motivering}"
            )[:2000],
            door=door,
            gemeente=bezwaar.gemeente,
            aantal=nieuw_aantal,
            besluitdatum=beslist_op,
        )
    bezwaar._history_user = door
    bezwaar.save()
    beslisdocument.maken(bezwaar=bezwaar, door=door, gevolgen=gevolgen)
    notificaties.bezwaar_beslist(bezwaar=bezwaar, door=door)
    return bezwaar
