"""Filters for the exchange list (pages, exports and API share them)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.forms import Select
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import gegevenscache
from raming.models import Provincie, Wetscyclus

from .models import Taak, Uitruil, UitruilPartij


class UitruilFilter(django_filters.FilterSet):
    cyclus = django_filters.ModelChoiceFilter(
        queryset=Wetscyclus.objects.all(),
        to_field_name="jaar",
        label="Cyclus",
        empty_label="Alle cycli",
    )
    provincie = django_filters.ModelChoiceFilter(
        queryset=Provincie.objects.all(),
        to_field_name="slug",
        label="Provincie",
        empty_label="Alle provincies",
    )
    taak = django_filters.ChoiceFilter(
        choices=Taak.choices, method="filter_taak", label="Taak", empty_label="Alle taken"
    )
    status = django_filters.ChoiceFilter(
        choices=Uitruil.Status.choices, label="Status", empty_label="Alle statussen"
    )
    gemeente = django_filters.CharFilter(
        method="filter_gemeente", label="Gemeente (naam)", max_length=100
    )

    class Meta:
        model = Uitruil
        fields = ["cyclus", "provincie", "taak", "status", "gemeente"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            soort = "utrecht-select" if isinstance(field.widget, Select) else "utrecht-textbox"
            field.widget.attrs.setdefault("class", soort)
        self.form.renderer = SNELLE_WEERGAVE
        # The options of the cycle and province lists: read only when the form is shown, with
        # one ordinary query each (a model choice list reads its table through a server-side
        # cursor: three round trips per list), and kept in the data cache.
        self.keuzelijsten: dict = {}  # both lists, read together once (or given by the view)
        for naam in ("cyclus", "provincie"):
            veld = self.form.fields[naam]
            veld.widget.choices = _Keuzes(naam, veld.empty_label, self.keuzelijsten)

    def filter_taak(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(UitruilPartij.objects.filter(uitruil=OuterRef("pk"), taak=value))
        )

    def filter_gemeente(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Exists(
                UitruilPartij.objects.filter(
                    uitruil=OuterRef("pk"), gemeente__naam__icontains=value
                )
            )
        )


def keuzelijsten_lezen() -> dict[str, list[tuple[str, str]]]:
    """The options (value, label) of the cycle and the province filter: two queries."""
    return {
        "cyclus": [(str(c.jaar), str(c)) for c in Wetscyclus.objects.all()],
        "provincie": [(p.slug, str(p)) for p in Provincie.objects.all()],
    }


def keuzelijsten() -> dict[str, list[tuple[str, str]]]:
    """``keuzelijsten_lezen()``, kept until either table is written."""
    return gegevenscache.onthouden(("uitruil", "filterkeuzes", 1), keuzelijsten_lezen)


class _Keuzes(BaseChoiceIterator):
    """The options of one list, read when the form is shown (the API never reads them)."""

    def __init__(self, naam: str, leeg: str, lijsten: dict) -> None:
        self.naam, self.leeg, self.lijsten = naam, leeg, lijsten

    def __iter__(self):
        if not self.lijsten:
            self.lijsten.update(keuzelijsten())
        yield ("", self.leeg)
        yield from self.lijsten[self.naam]


def _attributen(attrs: dict) -> str:
    return "".join(
        f" {escape(naam)}" if waarde is True else f' {escape(naam)}="{escape(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


class _SnelleWeergave(DjangoTemplates):
    """Writes select and text widgets in Python, with the markup of Django's own widget
    templates (``django/forms/widgets/select.html``, ``select_option.html``, ``input.html``);
    other templates go through the template engine as usual. The filter form is on every list
    page; its five widgets took several milliseconds through the templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == "django/forms/widgets/select.html":
            delen = [f'<select name="{escape(widget["name"])}"{_attributen(widget["attrs"])}>']
            for groep, opties, _ in widget["optgroups"]:
                if groep:
                    delen.append(f'\n  <optgroup label="{escape(groep)}">')
                for optie in opties:
                    delen.append(
                        f'\n  <option value="{escape(optie["value"])}"'
                        f"{_attributen(optie['attrs'])}>{escape(optie['label'])}</option>\n"
                    )
                if groep:
                    delen.append("\n  </optgroup>")
            delen.append("\n</select>")
            return mark_safe("".join(delen))  # noqa: S308 (escaped above)
        if template_name in ("django/forms/widgets/text.html", "django/forms/widgets/input.html"):
            waarde = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
            return mark_safe(  # noqa: S308 (escaped)
                f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
                f"{waarde}{_attributen(widget['attrs'])}>"
            )
        return super().render(template_name, context, request)


SNELLE_WEERGAVE = _SnelleWeergave()
