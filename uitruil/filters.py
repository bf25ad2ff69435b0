"""Filters for the exchange list (pages, exports and API share them)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.forms import Select

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
