"""Shared factories. Provinces and regietafels exist from the migrations; gemeenten are loaded
with the ``gemeenten`` fixture (the real 342) or made here."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Gebruiker, Rol
from raming.models import Gemeente, Provincie


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
