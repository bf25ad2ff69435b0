"""Form widgets of the project's own."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string


class LangeSelect(forms.Select):
    """A select with hundreds or thousands of options (every gemeente, every location in
    gebruik). Django's own select renders each option through a template of its own and
    builds a dict of attributes per option; this one writes all options in one loop of
    ``templates/core/widgets/lange_select.html`` (the same markup: value, selected, label)."""

    template_name = "core/widgets/lange_select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        gekozen = set(context["widget"]["value"])
        context["widget"]["keuzes"] = [
            (waarde := "" if v is None else str(v), label, waarde in gekozen)
            for v, label in self.choices
        ]
        return context

    def _render(self, template_name, context, renderer=None):
        # the project's template engine (the form renderer only knows Django's own
        # templates); its output is already marked safe, escaped where needed
        return render_to_string(template_name, context)
