"""Filters for the long tables (hundreds of rows): numbers and dates written as Django writes
them, at a fraction of the cost per value.

``{{ n|getal }}``: an integer with the thousand separator of the active language, as a template
writes it under ``USE_THOUSAND_SEPARATOR`` (1.234); Django's own localisation looks up the
format for every value, most of the time of rendering such a table. Other values as Django
would write them. ``{{ d|dmj }}``: a date as ``|date:"j-n-Y"`` (4-3-2026), numbers only."""

from django import template
from django.utils import formats

register = template.Library()


@register.filter(is_safe=True)
def getal(waarde):
    if type(waarde) is int:
        return f"{waarde:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR"))
    return formats.localize(waarde)


@register.filter(is_safe=True)
def dmj(waarde):
    if waarde in (None, ""):
        return ""
    return f"{waarde.day}-{waarde.month}-{waarde.year}"
