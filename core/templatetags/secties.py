"""``{% secties "pagina" obj=… %}``: the sections higher apps registered for a page of a lower
app (``core.registry.register_sectie``), each rendered by its own template."""

from django import template

from core.registry import secties_voor

register = template.Library()


@register.inclusion_tag("core/_secties.html", takes_context=True)
def secties(context, pagina: str, **objecten) -> dict:
    request = context.get("request")
    return {
        "secties": secties_voor(pagina, request, **objecten) if request is not None else [],
        "request": request,
        "user": context.get("user"),
        # a section may hold a form
        "csrf_token": context.get("csrf_token"),
    }
