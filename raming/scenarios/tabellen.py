"""The table bodies of the comparison, rendered in Python.

Four scenarios of 342 gemeenten are some 5,000 cells; placing them through the template engine
costs most of the page's time, so the rows are built here with every text escaped. The table
heads, captions and everything else stay in the template.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

BEWEGER = ' <span class="rt-badge rt-badge--info">grote verschuiving</span>'


def tbody(rijen, *, met_groep: bool) -> SafeString:
    delen = []
    for r in rijen:
        delen.append('<tr class="rt-beweger">' if r.beweger else "<tr>")
        delen.append(f'<th scope="row">{escape(r.naam)}{BEWEGER if r.beweger else ""}</th>')
        if met_groep:
            delen.append(f"<td>{escape(r.groep)}</td>")
        delen.append(f'<td class="rt-getal">{escape(r.basis_tekst)}</td>')
        for c in r.cellen:
            delen.append(
                f'<td class="rt-getal">{escape(c.waarde_tekst)}</td>'
                f'<td class="rt-getal">{escape(c.verschil_tekst)}</td>'
                f'<td class="rt-getal">{escape(c.procent_tekst)}</td>'
            )
        delen.append("</tr>\n")
    return mark_safe("".join(delen))  # noqa: S308 - every text is escaped above


def tbody_verschillen(rijen) -> SafeString:
    """Province name and the difference per scenario: the figures of the chart, in its order."""
    delen = []
    for r in sorted(rijen, key=lambda r: r.code):
        delen.append(f'<tr><th scope="row">{escape(r.naam)}</th>')
        delen.extend(f'<td class="rt-getal">{escape(c.verschil_tekst)}</td>' for c in r.cellen)
        delen.append("</tr>\n")
    return mark_safe("".join(delen))  # noqa: S308 - every text is escaped above
