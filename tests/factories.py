"""Shared factories. Provinces and regietafels exist from the migrations; gemeenten are loaded
with the ``gemeenten`` fixture (the real 342) or made here. Below them the builders of the rows
that several test modules set up alike (a verslag, an exchange, a fixed verdeelbesluit, reports
beside a location)."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accounts.models import Gebruiker, Rol
from locaties.models import Opvanglocatie
from raming.models import Gemeente, Provincie
from regietafels.models import Regietafel
from regietafels.services import (
    realisatie_melden,
    verdeelbesluit_vaststellen,
    verdeelbesluit_voorstellen,
    verslag_aanmaken,
)
from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer, voorstellen


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")
    provincie = factory.LazyFunction(lambda: Provincie.objects.get(code="PV25"))


class GebruikerFactory(DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@regietafel.example")
    first_name = "Test"
    last_name = factory.LazyAttribute(lambda o: o.username)
    rol = Rol.MINISTERIE
    password = factory.django.Password("geheim-wachtwoord-123")


def ministerie_actor() -> Gebruiker:
    """The acting ministry user for service calls in tests that are not about roles (every
    service checks who acts); the same user as the ``ministerie`` fixture."""
    return GebruikerFactory(username="t-ministerie", rol=Rol.MINISTERIE, is_staff=True)


def verslag_van(prt, cyclus):
    """The verslag of the regietafel of ``prt`` (a PRT secretary) for ``cyclus``, made by
    them."""
    tafel = Regietafel.objects.get(provincie=prt.provincie)
    return verslag_aanmaken(regietafel=tafel, cyclus=cyclus, door=prt)


def uitruil_zaanstad_purmerend(*, door, cyclus, aantal: int, motivatie: str, oekraine=True):
    """An exchange proposed by ``door`` (Zaanstad's user): Zaanstad takes ``aantal`` places of
    asylum reception off Purmerend and, with ``oekraine``, Purmerend as many Ukrainian places
    off Zaanstad (both in Noord-Holland)."""
    zaanstad = Gemeente.objects.get(naam="Zaanstad")
    purmerend = Gemeente.objects.get(naam="Purmerend")
    partijen = [
        PartijInvoer(
            gemeente=zaanstad, taak=Taak.ASIELOPVANG, richting=Richting.NEEMT_OP, aantal=aantal
        ),
        PartijInvoer(
            gemeente=purmerend, taak=Taak.ASIELOPVANG, richting=Richting.GEEFT_AF, aantal=aantal
        ),
    ]
    if oekraine:
        partijen += [
            PartijInvoer(
                gemeente=zaanstad, taak=Taak.OEKRAINE, richting=Richting.GEEFT_AF, aantal=aantal
            ),
            PartijInvoer(
                gemeente=purmerend, taak=Taak.OEKRAINE, richting=Richting.NEEMT_OP, aantal=aantal
            ),
        ]
    return voorstellen(door=door, cyclus=cyclus, partijen=partijen, motivatie=motivatie)


def vastgesteld_verdeelbesluit(*, cyclus, door):
    """The verdeelbesluit of ``cyclus`` proposed and fixed on 1 September 2026."""
    besluit = verdeelbesluit_voorstellen(cyclus=cyclus, door=door)
    verdeelbesluit_vaststellen(verdeelbesluit=besluit, besluitdatum=dt.date(2026, 9, 1), door=door)
    return besluit


def arnhem_gemeld_naast_locatie(*, cyclus, door) -> Gemeente:
    """Arnhem reported 100 and 80 places without a location (2 and 20 October 2026, by
    ``door``); then its azc of 150 places (120 regular, 30 amv) is in the register, in gebruik
    and available since 1 October 2026, its agreement concluded in January (as COA's list
    brings it): it counts as realised from 1 October, beside the reports."""
    arnhem = Gemeente.objects.get(naam="Arnhem")
    for datum, aantal in ((dt.date(2026, 10, 2), 100), (dt.date(2026, 10, 20), 80)):
        realisatie_melden(
            gemeente=arnhem, cyclus=cyclus, datum=datum, aantal=aantal, bevestigd=True, door=door
        )
    Opvanglocatie.objects.create(
        gemeente=arnhem,
        naam="Azc Arnhem-Zuid",
        capaciteit_regulier=120,
        capaciteit_amv=30,
        soort="regulier_azc",
        fase="in_gebruik",
        fase_sinds=dt.date(2026, 10, 1),
        overeenkomst_gesloten_op=dt.date(2026, 1, 5),
        beschikbaar_vanaf=dt.date(2026, 10, 1),
    )
    return arnhem
