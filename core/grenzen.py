"""Bounds of every number and date a user or client can send, with Dutch messages.

One shared set, used by the forms, the serializers and the model validators alike:

- a number never exceeds what its column holds (PostgreSQL ``integer``: 2,147,483,647) and is
  plausible: no count of places above ``PLAUSIBEL_MAXIMUM`` (more than the Netherlands will
  ever house; the national raming is about 100,000); the pages that know the national raming
  check against it too;
- a date lies in a plausible window (``DATUM_VROEGST`` … ``DATUM_LAATST``), so 0001-01-01 or
  9999-12-31 is refused with a message instead of crashing a page, an export or a feed.

``installeren()`` (from ``CoreConfig.ready``) makes these the default validators of every
integer, decimal and date field of Django's forms and of DRF's serializers, so a field that
forgot its bounds still refuses a number its column cannot hold. One problem gives one message
per field: where a field has its own, tighter bound (``max_value=10_000``) the column's bound is
left out, as Django's model ``IntegerField`` leaves out the database's range when a validator
covers it; and the control-character check (which includes NUL) replaces the NUL check Django
and DRF add to every text field (``een_melding_per_probleem``).
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.utils.deconstruct import deconstructible

KOLOM_MAXIMUM = 2_147_483_647  # PostgreSQL integer
KOLOM_MINIMUM = -2_147_483_648
PLAUSIBEL_MAXIMUM = 1_000_000  # no count of places in this country comes near it
#: reasons, remarks and explanations: a few paragraphs, never a dump
TEKST_MAXIMUM = 5_000
DATUM_VROEGST = dt.date(2000, 1, 1)
DATUM_LAATST = dt.date(2100, 12, 31)


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _datum(d: dt.date) -> str:
    return f"{d.day}-{d.month}-{d.year}"


@deconstructible
class NietGroterDan(MaxValueValidator):
    message = "Vul een getal in van ten hoogste %(limit_value)s."

    def __call__(self, value):
        try:
            if value > self.limit_value:
                raise ValidationError(
                    f"Vul een getal in van ten hoogste {_getal(self.limit_value)}.",
                    code="max_value",
                    params={"limit_value": self.limit_value, "value": value},
                )
        except TypeError:
            return


@deconstructible
class NietKleinerDan(MinValueValidator):
    message = "Vul een getal in van ten minste %(limit_value)s."

    def __call__(self, value):
        try:
            if value < self.limit_value:
                raise ValidationError(
                    f"Vul een getal in van ten minste {_getal(self.limit_value)}.",
                    code="min_value",
                    params={"limit_value": self.limit_value, "value": value},
                )
        except TypeError:
            return


@deconstructible
class DatumVenster:
    """A date between ``vroegst`` and ``laatst`` (inclusive)."""

    def __init__(self, vroegst: dt.date = DATUM_VROEGST, laatst: dt.date = DATUM_LAATST):
        self.vroegst, self.laatst = vroegst, laatst

    def __call__(self, value):
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            return
        if not (self.vroegst <= value <= self.laatst):
            raise ValidationError(
                f"Vul een datum in tussen {_datum(self.vroegst)} en {_datum(self.laatst)}.",
                code="datum_venster",
            )

    def __eq__(self, other):
        return isinstance(other, DatumVenster) and (self.vroegst, self.laatst) == (
            other.vroegst,
            other.laatst,
        )


KOLOM = [NietKleinerDan(KOLOM_MINIMUM), NietGroterDan(KOLOM_MAXIMUM)]
AANTAL = [NietKleinerDan(0), NietGroterDan(PLAUSIBEL_MAXIMUM)]
MUTATIE = [NietKleinerDan(-PLAUSIBEL_MAXIMUM), NietGroterDan(PLAUSIBEL_MAXIMUM)]
DATUM = [DatumVenster()]


def begrensde_datum(d: dt.date, vroegst: dt.date, laatst: dt.date) -> dt.date:
    """``d`` clamped into a window: for drawing a stored far date on an axis."""
    return min(max(d, vroegst), laatst)


def _grens(v) -> int | float | None:
    """The limit of a plain bound (not a callable one), else None."""
    limiet = getattr(v, "limit_value", None)
    return None if callable(limiet) or isinstance(limiet, bool) else limiet


def een_melding_per_probleem(validators: list) -> list:
    """A field's validators without those that would repeat a problem another one reports:
    the same validator twice (a model field's and the serializer's date window), a bound
    beyond a tighter one of the same kind (the column's 2.147.483.647 beside the field's
    10.000), and Django's NUL check beside the control-character check. The bound kept
    speaks the house's Dutch (``NietGroterDan``: "ten hoogste 10.000")."""
    gebleven: list = []
    for v in validators:
        if any(v == w for w in gebleven):
            continue
        gebleven.append(v)
    if geen_besturingstekens in gebleven:
        gebleven = [v for v in gebleven if not isinstance(v, ProhibitNullCharactersValidator)]
    for soort, strakste, eigen in (
        (MaxValueValidator, min, NietGroterDan),
        (MinValueValidator, max, NietKleinerDan),
    ):
        grenzen = [v for v in gebleven if isinstance(v, soort) and _grens(v) is not None]
        if not grenzen:
            continue
        houden = next(v for v in grenzen if _grens(v) == strakste(_grens(w) for w in grenzen))
        if type(houden) is soort:  # Django's and DRF's message: "hoogstens 10000"
            houden = eigen(houden.limit_value)
        # the bound kept takes the place of the first one (the column's, a default)
        eerste = grenzen[0]
        gebleven = [
            houden if v is eerste else v
            for v in gebleven
            if v is eerste or not any(v is g for g in grenzen)
        ]
    return gebleven


def _een_melding_per_probleem(veldklasse) -> None:
    """After the field's own ``__init__`` (which adds its ``max_value``/``min_value`` and
    Django's NUL check to the defaults) its validators repeat no problem."""
    init = veldklasse.__init__
    if getattr(init, "een_melding_per_probleem", False):
        return

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.validators = een_melding_per_probleem(list(self.validators))

    __init__.een_melding_per_probleem = True
    veldklasse.__init__ = __init__


def installeren() -> None:
    """The column bounds and the date window as defaults of every number and date field."""
    from django import forms
    from rest_framework import serializers

    forms.IntegerField.default_validators = list(KOLOM)  # also DecimalField and FloatField
    forms.DateField.default_validators = list(DATUM)
    serializers.IntegerField.default_validators = list(KOLOM)
    serializers.DecimalField.default_validators = list(KOLOM)
    serializers.DateField.default_validators = list(DATUM)
    # NUL is refused by both already; the other control characters too, in every text field
    forms.CharField.default_validators = [geen_besturingstekens]
    serializers.CharField.default_validators = [geen_besturingstekens]
    for veldklasse in (
        forms.IntegerField,  # also DecimalField and FloatField
        forms.DateField,
        forms.CharField,
        serializers.IntegerField,
        serializers.DecimalField,
        serializers.DateField,
        serializers.CharField,
    ):
        _een_melding_per_probleem(veldklasse)
    # a key looked up by its text (a gemeente's code) is refused before the query: PostgreSQL
    # refuses NUL in a query parameter with an error, not an empty result
    slug = serializers.SlugRelatedField
    if not getattr(slug.to_internal_value, "zonder_besturingstekens", False):
        slug.to_internal_value = _zonder_besturingstekens(slug.to_internal_value)


def _zonder_besturingstekens(to_internal_value):
    def controleren(self, data):
        if isinstance(data, str) and BESTURINGSTEKENS.search(data):
            from rest_framework.exceptions import ValidationError as DRFValidationError

            raise DRFValidationError(BESTURINGSTEKENS_MELDING, code="besturingstekens")
        return to_internal_value(self, data)

    controleren.zonder_besturingstekens = True
    return controleren


VERHOUDING_MAXIMUM = 100  # an exchange ratio of 100 : 1 is already far beyond practice
JAAR_VROEGST, JAAR_LAATST = DATUM_VROEGST.year, DATUM_LAATST.year

# NUL and the other C0 control characters (tab, newline and carriage return allowed)
BESTURINGSTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BESTURINGSTEKENS_MELDING = "Verwijder de onzichtbare besturingstekens uit de tekst."


def geen_besturingstekens(value):
    if isinstance(value, str) and BESTURINGSTEKENS.search(value):
        raise ValidationError(BESTURINGSTEKENS_MELDING, code="besturingstekens")


def id_uit(tekst) -> int | None:
    """A primary key from a query parameter, or None when it is no id a column can hold."""
    tekst = (tekst or "").strip()
    if not tekst.isascii() or not tekst.isdigit() or len(tekst) > 10:
        return None
    waarde = int(tekst)
    return waarde if 0 < waarde <= KOLOM_MAXIMUM else None


class Tekstveld(django_forms.CharField):
    """A free text of at most ``TEKST_MAXIMUM`` characters, with a Dutch message beyond."""

    def __init__(self, *, error_messages=None, **kwargs):
        kwargs.setdefault("max_length", TEKST_MAXIMUM)
        meldingen = {"max_length": "Gebruik ten hoogste 5.000 tekens (nu %(show_value)d)."}
        super().__init__(error_messages={**meldingen, **(error_messages or {})}, **kwargs)
