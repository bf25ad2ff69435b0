"""``{% secties "pagina" obj=… %}``: the sections higher apps registered for a page of a lower
app (``core.registry.register_sectie``), each rendered from its own template."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.registry import secties_voor

register = template.Library()


@register.simple_tag(takes_context=True)
def secties(context, pagina: str, **objecten) -> str:
    request = context.get("request")
    if request is None:
        return ""
    delen = [
        render_to_string(sectie["template"], {"s": sectie["context"]}, request=request)
        for sectie in secties_voor(pagina, request, **objecten)
    ]
    # each part is a rendered template (autoescaped there)
    return mark_safe("".join(delen))  # noqa: S308
