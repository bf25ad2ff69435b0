"""``{% tabelvak "Naam" %}<table …>…</table>{% endtabelvak %}``: a table in the one wrapper that
scrolls sideways on a narrow screen. The wrapper, not the table, is the scroll region, so it is
focusable with the keyboard and named for screen readers (WCAG 2.1.1 and 1.4.10); the markup
lives in ``core/_tabelvak.html``."""

from django import template
from django.template.loader import get_template

register = template.Library()


class TabelvakNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression):
        self.nodelist = nodelist
        self.label = label

    def render(self, context) -> str:
        inhoud = self.nodelist.render(context)
        return get_template("core/_tabelvak.html").render(
            {"label": self.label.resolve(context), "inhoud": inhoud}
        )


@register.tag
def tabelvak(parser, token) -> TabelvakNode:
    delen = token.split_contents()
    if len(delen) != 2:
        raise template.TemplateSyntaxError("{% tabelvak %} verwacht één argument: de tabelnaam")
    nodelist = parser.parse(("endtabelvak",))
    parser.delete_first_token()
    return TabelvakNode(nodelist, parser.compile_filter(delen[1]))
