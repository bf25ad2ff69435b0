"""Builders of the query-budget tests for verslagen, terms, verdeelbesluiten, realisation,
exchanges, users, reminders, mail and the security log: ``maak(van, tot)`` adds rows ``van`` up
to ``tot`` (numbered 0…49)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import Gebruiker, Rol
from core.audit.models import Beveiligingsgebeurtenis
from herinneringen.models import Herinnering, Voorkeur
from meldingen.models import Mail
from raming.models import Wetscyclus
from regietafels.models import (
    Beoordeling,
    Bijlage,
    Lid,
    Realisatiemelding,
    Termijnverlenging,
    Verdeelbesluit,
    VerdeelbesluitRegel,
    Verlengingsverzoek,
    Verslag,
    VerslagVersie,
)
from uitruil.models import Taakstelling, Uitruil, UitruilPartij

from .omgeving import JAAR, Maak, Omgeving


def b_verslagen(o: Omgeving) -> Maak:
    """Verslagen of the 12 regietafels over as many cycles as needed."""

    def maak(van, tot):
        cycli = [
            Wetscyclus.objects.get_or_create(jaar=2200 + k)[0] for k in range((tot - 1) // 12 + 1)
        ]
        Verslag.objects.bulk_create(
            Verslag(regietafel=o.tafels[i % 12], cyclus=cycli[i // 12], knelpunten=f"prf-{i:03d}")
            for i in range(van, tot)
        )

    return maak


def b_versies(o: Omgeving) -> Maak:
    def maak(van, tot):
        VerslagVersie.objects.bulk_create(
            VerslagVersie(
                verslag=o.verslag,
                volgnummer=i + 1,
                ingediend_op=timezone.now(),
                ingediend_door=o.prt,
                termijn=dt.date(JAAR, 11, 1),
                inhoud={"knelpunten": f"prf-{i:03d}", "regels": []},
            )
            for i in range(van, tot)
        )

    return maak


def b_termijnverlengingen(o: Omgeving) -> Maak:
    """Extensions, every third one for all regietafels; each later than the one before."""

    def maak(van, tot):
        Termijnverlenging.objects.bulk_create(
            Termijnverlenging(
                cyclus=o.cyclus,
                regietafel=None if i % 3 == 0 else o.tafels[i % 12],
                nieuwe_datum=dt.date(JAAR, 11, 2) + dt.timedelta(days=i),
                reden=f"prf-{i:03d}",
                besloten_door=o.ministerie,
            )
            for i in range(van, tot)
        )

    return maak


def b_verzoeken(o: Omgeving, *, alleen_open: bool = False) -> Maak:
    """Extension requests of the Gelderland verslag ("vz-000" …): open ones and (unless
    ``alleen_open``) every other one refused by the ministry."""

    def maak(van, tot):
        verzoeken = []
        for i in range(van, tot):
            open_ = alleen_open or i % 2 == 0
            verzoeken.append(
                Verlengingsverzoek(
                    verslag=o.verslag,
                    reden=f"vz-{i:03d}",
                    gevraagde_datum=dt.date(JAAR, 12, 1),
                    status="open" if open_ else "afgewezen",
                    ingediend_door=o.prt,
                    besloten_door=None if open_ else o.ministerie,
                    besloten_op=None if open_ else timezone.now(),
                    besluit_reden="" if open_ else f"Niet nodig (vz-{i:03d})",
                )
            )
        Verlengingsverzoek.objects.bulk_create(verzoeken)

    return maak


def b_verdeelbesluiten(o: Omgeving) -> Maak:
    def maak(van, tot):
        Verdeelbesluit.objects.bulk_create(
            Verdeelbesluit(
                cyclus=o.cyclus,
                versie=i + 1,
                status=(
                    Verdeelbesluit.Status.VASTGESTELD if i % 2 else Verdeelbesluit.Status.CONCEPT
                ),
                besluitdatum=dt.date(JAAR, 12, 1) if i % 2 else None,
                reden=f"prf-{i:03d}",
                aangemaakt_door=o.ministerie,
                vastgesteld_door=o.ministerie if i % 2 else None,
                vastgesteld_op=timezone.now() if i % 2 else None,
            )
            for i in range(van, tot)
        )

    return maak


def b_besluitregels(o: Omgeving, besluit: Verdeelbesluit, *, meldingen: bool = False) -> Maak:
    def maak(van, tot):
        VerdeelbesluitRegel.objects.bulk_create(
            VerdeelbesluitRegel(
                verdeelbesluit=besluit,
                gemeente=g,
                indicatief_aantal=100,
                aangeboden=60,
                restopgave=40,
                voorgesteld=100,
                aantal=100 + i,
                realisatietermijn=dt.date(JAAR + 1, 6, 1),
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )
        if meldingen:
            b_meldingen(o)(van, tot)

    return maak


def b_meldingen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Realisatiemelding.objects.bulk_create(
            Realisatiemelding(
                gemeente=g,
                cyclus=o.cyclus,
                datum=dt.date(JAAR, 12, 1),
                aantal=10 + i,
                gemeld_door=o.ministerie,
                opmerking=f"prf-{i:03d}",
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_uitruilen(o: Omgeving, status=Uitruil.Status.VOORGESTELD) -> Maak:
    """Exchanges between two gemeenten of Gelderland, each with its two parties."""

    def maak(van, tot):
        a, b = o.gemeenten(2)
        bevestigd = status == Uitruil.Status.BEVESTIGD
        uitruilen = Uitruil.objects.bulk_create(
            Uitruil(
                cyclus=o.cyclus,
                provincie=o.gelderland,
                voorgesteld_door_gemeente=a,
                voorgesteld_door=o.ministerie,
                motivatie=f"prf-{i:03d}",
                status=status,
                bevestigd_op=timezone.now() if bevestigd else None,
                bevestigd_door=o.prt if bevestigd else None,
            )
            for i in range(van, tot)
        )
        instemming = "open" if status == Uitruil.Status.VOORGESTELD else "geaccepteerd"
        UitruilPartij.objects.bulk_create(
            UitruilPartij(
                uitruil=u,
                gemeente=gemeente,
                taak=taak,
                richting="neemt_op",
                aantal=10,
                instemming="geaccepteerd" if gemeente == a else instemming,
            )
            for u in uitruilen
            for gemeente, taak in ((a, "asielopvang"), (b, "statushouders"))
        )

    return maak


def b_leden(o: Omgeving) -> Maak:
    def maak(van, tot):
        Lid.objects.bulk_create(
            Lid(
                regietafel=o.tafel,
                naam=f"prf-{i:03d}",
                organisatie="Gemeente",
                soort=Lid.Soort.GEMEENTE,
                gemeente=g,
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_beoordelingen(o: Omgeving) -> Maak:
    """One submitted version per assessment, half of them assessed by the ministry."""
    versies = b_versies(o)

    def maak(van, tot):
        versies(van, tot)
        Beoordeling.objects.bulk_create(
            Beoordeling(
                verslag=o.verslag,
                versie=v,
                oordeel=Beoordeling.Oordeel.VOLDOENDE,
                opmerkingen=f"prf-{v.volgnummer - 1:03d}",
                door=o.ministerie if v.volgnummer % 2 else None,
            )
            for v in VerslagVersie.objects.filter(
                verslag=o.verslag, volgnummer__gt=van, volgnummer__lte=tot
            )
        )

    return maak


def b_bijlagen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Bijlage.objects.bulk_create(
            Bijlage(
                verslag=o.verslag,
                bestand=f"verslagen/{o.verslag.pk}/prf{i:03d}",
                oorspronkelijke_naam=f"prf-{i:03d}.pdf",
                content_type="application/pdf",
                grootte=1_000,
                toegevoegd_door=o.prt if i % 2 else None,
            )
            for i in range(van, tot)
        )

    return maak


def b_taakstellingen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Taakstelling.objects.bulk_create(
            Taakstelling(
                gemeente=g,
                cyclus=o.cyclus,
                taak="statushouders",
                aantal=100,
                bron=f"prf-{i:03d}",
                vastgelegd_door=o.ministerie if i % 2 else None,
            )
            for i, g in enumerate(o.gemeenten(tot)[van:tot], start=van)
        )

    return maak


def b_gebruikers(o: Omgeving) -> Maak:
    def maak(van, tot):
        gemeenten = o.gemeenten(tot)
        Gebruiker.objects.bulk_create(
            Gebruiker(
                username=f"prf-{i:03d}",
                rol=Rol.GEMEENTE,
                gemeente=gemeenten[i],
                email=f"prf-{i:03d}@regietafel.example",
            )
            for i in range(van, tot)
        )

    return maak


def b_voorkeuren(o: Omgeving) -> Maak:
    gebruikers = b_gebruikers(o)

    def maak(van, tot):
        gebruikers(van, tot)
        Voorkeur.objects.bulk_create(
            Voorkeur(gebruiker=g) for g in Gebruiker.objects.filter(username__in=namen(van, tot))
        )

    return maak


def b_herinneringen(o: Omgeving) -> Maak:
    def maak(van, tot):
        Herinnering.objects.bulk_create(
            Herinnering(
                ontvanger=o.prt,
                e_mail=o.prt.email,
                sleutel=f"prf-{i:03d}",
                soort="verslag",
                stap="30",
                termijn=dt.date(JAAR, 11, 1),
                gepland_voor=dt.date(JAAR, 10, 1),
                titel=f"Verslag prf-{i:03d}",
            )
            for i in range(van, tot)
        )

    return maak


def b_mails(o: Omgeving) -> Maak:
    def maak(van, tot):
        Mail.objects.bulk_create(
            Mail(
                ontvanger=o.prt,
                e_mail=f"{naam}@example.org",
                soort="verslag_ingediend",
                sleutel=naam,
                onderwerp=naam,
                tekst=naam,
                html=naam,
            )
            for naam in namen(van, tot)
        )

    return maak


def b_beveiligingslog(o: Omgeving) -> Maak:
    def maak(van, tot):
        Beveiligingsgebeurtenis.objects.bulk_create(
            Beveiligingsgebeurtenis(
                soort="inlog-mislukt",
                gebruikersnaam=f"prf-{i:03d}",
                ip_adres="192.0.2.1",
                pad="/account/inloggen/",
                methode="POST",
            )
            for i in range(van, tot)
        )

    return maak


def namen(van: int, tot: int) -> list[str]:
    return [f"prf-{i:03d}" for i in range(van, tot)]
