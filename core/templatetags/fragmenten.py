"""``{% fragmentsleutel tabellen as sleutel %}``: the key of a ``{% cache %}`` fragment that
shows ``tabellen`` (see core/fragmenten.py)."""

from django import template

from core.fragmenten import fragment_sleutel

register = template.Library()


@register.simple_tag(takes_context=True)
def fragmentsleutel(context, *tabellen):
    """Tables as separate strings or as one list or tuple from the view."""
    namen = []
    for t in tabellen:
        namen.extend([t] if isinstance(t, str) else t)
    request = context.get("request")
    return fragment_sleutel(getattr(request, "user", None), namen)
