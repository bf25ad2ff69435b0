"""The form error summary (NL Design System pattern) and the "Fout: " page title.

``{% foutsamenvatting %}`` lists every error of every bound form and formset in the page's
context (or of the forms passed to it) at the top of the page, each linking to its field;
``static/js/formulier.js`` moves the focus there. ``{% fout_titel %}`` gives "Fout: " when the
page is shown again after a form error, so the title says so first. ``{% wachtwoordeisen %}``
gives the requirements of a new password as plain texts, for the template to list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms, template
from django.contrib.auth import password_validation
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject, empty

register = template.Library()


@dataclass(frozen=True)
class Fout:
    href: str  # "" when the error belongs to no single field
    label: str
    melding: str


def _is_formulier(waarde) -> bool:
    return isinstance(waarde, (forms.BaseForm, BaseFormSet))


def _onberekend(waarde) -> bool:
    """A lazy value the page has not used (yet), e.g. an overview that is only read when its
    cached fragment is missing: no form, and asking its class would compute it."""
    return issubclass(type(waarde), LazyObject) and waarde._wrapped is empty


def _formulieren_uit_context(context) -> list:
    gevonden: dict[int, object] = {}
    for waarde in context.flatten().values():
        if _onberekend(waarde):
            continue
        if _is_formulier(waarde):
            gevonden.setdefault(id(waarde), waarde)
        elif isinstance(waarde, (list, tuple)):
            for item in waarde[:500]:
                if _is_formulier(item):
                    gevonden.setdefault(id(item), item)
                elif isinstance(item, (list, tuple, dict)):
                    for sub in item.values() if isinstance(item, dict) else item:
                        if _is_formulier(sub):
                            gevonden.setdefault(id(sub), sub)
    return [f for f in gevonden.values() if getattr(f, "is_bound", False)]


def _veld_id(veld) -> str:
    widget = veld.field.widget
    if widget.is_hidden:
        return ""
    auto_id = veld.auto_id
    if not auto_id:
        return ""
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{auto_id}_0"
    if isinstance(widget, forms.MultiWidget):
        return f"{auto_id}_0"
    return auto_id


def _klein(label: str) -> str:
    """ "Gemeente" → "gemeente" after a row name; "COA-referentie" stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _fouten_van_formulier(form, rij: str = "") -> list[Fout]:
    """The errors of ``form``; ``rij`` names its row in a formset ("Rij 2"), so that the
    same field in five rows reads as five different places."""
    fouten: list[Fout] = []
    for naam, meldingen in form.errors.items():
        if naam == forms.forms.NON_FIELD_ERRORS or naam not in form.fields:
            fouten += [Fout("", rij, str(m)) for m in meldingen]
            continue
        veld = form[naam]
        href = _veld_id(veld)
        label = "" if veld.field.widget.is_hidden else str(veld.label or naam)
        if rij:
            label = f"{rij}, {_klein(label)}" if label else rij
        fouten += [Fout(f"#{href}" if href else "", label, str(m)) for m in meldingen]
    return fouten


def fouten_van(*formulieren) -> list[Fout]:
    """Every error of the given bound forms and formsets, in page order."""
    fouten: list[Fout] = []
    for formulier in formulieren:
        if not getattr(formulier, "is_bound", False):
            continue
        if isinstance(formulier, BaseFormSet):
            fouten += [Fout("", "", str(m)) for m in formulier.non_form_errors()]
            if formulier.management_form.is_valid():
                # a formset may name its rows as its page does (``rijnaam``); else "Rij"
                rijnaam = getattr(formulier, "rijnaam", "Rij")
                for nummer, form in enumerate(formulier.forms, start=1):
                    fouten += _fouten_van_formulier(form, f"{rijnaam} {nummer}")
        else:
            fouten += _fouten_van_formulier(formulier)
    # the same message for the same field once (a form shown twice in the context)
    return list(dict.fromkeys(fouten))


@register.inclusion_tag("core/_foutsamenvatting.html", takes_context=True)
def foutsamenvatting(context, *formulieren):
    fouten = fouten_van(*(formulieren or _formulieren_uit_context(context)))
    return {"fouten": fouten, "aantal": len(fouten)}


@register.simple_tag(takes_context=True)
def fout_titel(context) -> str:
    """'Fout: ' when a form on the page has errors (WCAG 3.3.1: the title says so first)."""
    for formulier in _formulieren_uit_context(context):
        if fouten_van(formulier):
            return "Fout: "
    return ""


@register.simple_tag
def wachtwoordeisen() -> list[str]:
    """What a new password must meet, one text per validator of ``AUTH_PASSWORD_VALIDATORS``:
    the form field's own help text is Django's list as an HTML string, which the template would
    have to mark safe; the template writes the list itself."""
    return password_validation.password_validators_help_texts()
