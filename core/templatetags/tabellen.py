"""``{% tabelvak "Naam" %}`` … ``{% endtabelvak %}`` around a table: the one wrapper that
scrolls sideways on a narrow screen. The wrapper, not the table, is the scroll region, so it is
focusable with the keyboard and named for screen readers (WCAG 2.1.1, 1.4.10 and 4.1.2); the
markup lives in ``core/_tabelvak.html``.

The name is the positional arguments joined by spaces (``{% tabelvak "Locaties van" naam %}``),
or ``bijschrift="id"``: the id of the caption that names the region. ``id=`` and ``klasse=``
give the wrapper an id and an extra class."""

from django import template
from django.template.loader import get_template

register = template.Library()

SLEUTELS = {"bijschrift", "id", "klasse"}


class TabelvakNode(template.Node):
    def __init__(self, nodelist, naamdelen, opties):
        self.nodelist = nodelist
        self.naamdelen = naamdelen
        self.opties = opties

    def render(self, context) -> str:
        waarden = {k: v.resolve(context) for k, v in self.opties.items()}
        naam = " ".join(str(deel.resolve(context)) for deel in self.naamdelen)
        return get_template("core/_tabelvak.html").render(
            {"naam": naam or "Tabel", "inhoud": self.nodelist.render(context), **waarden}
        )


@register.tag
def tabelvak(parser, token) -> TabelvakNode:
    naamdelen, opties = [], {}
    for deel in token.split_contents()[1:]:
        sleutel, is_, waarde = deel.partition("=")
        if is_ and sleutel in SLEUTELS:
            opties[sleutel] = parser.compile_filter(waarde)
        elif is_:
            raise template.TemplateSyntaxError(f"{{% tabelvak %}} kent {sleutel!r} niet")
        else:
            naamdelen.append(parser.compile_filter(deel))
    if not naamdelen and "bijschrift" not in opties:
        raise template.TemplateSyntaxError("{% tabelvak %} verwacht een naam of bijschrift=")
    nodelist = parser.parse(("endtabelvak",))
    parser.delete_first_token()
    return TabelvakNode(nodelist, naamdelen, opties)
