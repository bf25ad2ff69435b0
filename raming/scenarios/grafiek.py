"""Server-side SVG of the provincial differences (opgave, scenario − basis).

No JavaScript and no inline styles (CSP): colours come from classes in static/css/scenarios.css,
and every bar carries its scenario number and value as text, so colour is never the only cue.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .selectors import Vergelijking, nl_getal

BREEDTE = 600
LABEL_BREEDTE = 120
TEKST_RUIMTE = 96
BALK_HOOGTE = 13
BALK_AFSTAND = 2
GROEP_AFSTAND = 10
MARGE_BOVEN = 28


def verschillen_svg(vergelijking: Vergelijking) -> SafeString:
    """A horizontal bar chart: per province one bar per scenario, left of the axis for fewer
    places than the basis, right for more."""
    kolommen = vergelijking.kolommen
    rijen = sorted(vergelijking.provincies, key=lambda r: r.code)
    waarden = [abs(c.verschil) for r in rijen for c in r.cellen if c.verschil is not None]
    grootste = max(waarden, default=0) or 1
    groep_hoogte = len(kolommen) * (BALK_HOOGTE + BALK_AFSTAND) + GROEP_AFSTAND
    hoogte = MARGE_BOVEN + len(rijen) * groep_hoogte + 10
    plot_links = LABEL_BREEDTE + TEKST_RUIMTE
    plot_breedte = BREEDTE - plot_links - TEKST_RUIMTE
    nul_x = plot_links + plot_breedte / 2
    schaal = (plot_breedte / 2) / grootste

    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rt-grafiek" viewBox="0 0 {BREEDTE} '
        f'{hoogte}" role="img" aria-labelledby="grafiek-titel grafiek-uitleg">',
        '<title id="grafiek-titel">Verschil in provinciale opgave per scenario ten opzichte '
        "van de basisraming</title>",
        '<desc id="grafiek-uitleg">Per provincie een balk per scenario (S1 tot en met '
        f"S{len(kolommen)}); links van de as minder plekken dan de basis, rechts meer. De "
        "cijfers staan ook in de tabel naast de grafiek.</desc>",
        f'<text class="rt-grafiek__as-label" x="{nul_x:.1f}" y="14" text-anchor="middle">'
        "0 (basis)</text>",
        f'<line class="rt-grafiek__as" x1="{nul_x:.1f}" y1="{MARGE_BOVEN - 8}" '
        f'x2="{nul_x:.1f}" y2="{hoogte - 6}"/>',
    ]
    y = MARGE_BOVEN
    for rij in rijen:
        midden = y + (len(kolommen) * (BALK_HOOGTE + BALK_AFSTAND)) / 2
        delen.append(
            f'<text class="rt-grafiek__label" x="{LABEL_BREEDTE - 6}" y="{midden + 4:.1f}" '
            f'text-anchor="end">{escape(rij.naam)}</text>'
        )
        for kolom, cel in zip(kolommen, rij.cellen, strict=True):
            verschil = cel.verschil or 0
            lengte = abs(verschil) * schaal
            x = nul_x - lengte if verschil < 0 else nul_x
            tekst = f"S{kolom.nummer} {nl_getal(cel.verschil, teken=True)}"
            if verschil < 0:
                tekst_x, anker = x - 4, "end"
            else:
                tekst_x, anker = x + lengte + 4, "start"
            delen.append(
                f'<g class="rt-grafiek__balk rt-grafiek__balk--s{kolom.nummer}">'
                f"<title>{escape(rij.naam)}, {escape(kolom.naam)}: "
                f"{nl_getal(cel.verschil, teken=True)} plekken</title>"
                f'<rect x="{x:.1f}" y="{y}" width="{max(lengte, 1):.1f}" '
                f'height="{BALK_HOOGTE}"/>'
                f'<text class="rt-grafiek__waarde" x="{tekst_x:.1f}" y="{y + BALK_HOOGTE - 3}" '
                f'text-anchor="{anker}">{tekst}</text></g>'
            )
            y += BALK_HOOGTE + BALK_AFSTAND
        y += GROEP_AFSTAND
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text part is escaped above
