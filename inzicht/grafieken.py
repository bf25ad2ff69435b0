"""Charts ready for a template: the drawing, its table, its CSV link and its credit.

Views, template tags and CSV downloads all build charts here, so a chart and its download
always come from the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors as sel
from . import svg as tekeningen
from .geometrie import kaartvormen
from .tabellen import (
    Tabel,
    kaart_tabel,
    tijdlijn_tabel,
    trend_tabel,
    voortgang_tabel,
)

BRON_CBS = "Bron: CBS"
BRON_KAART = "Bron: CBS, PDOK"


@dataclass
class Grafiek:
    id: str
    titel: str
    beeld: object | None  # an ``inzicht.svg`` drawing, drawn by its ``sjabloon``
    tabel: Tabel
    csv_url: str
    bron: str = BRON_CBS
    toelichting: str = ""
    legenda: list | None = None

    @property
    def svg(self) -> str:
        """The drawing as markup, from its template ("" when there is nothing to draw)."""
        if self.beeld is None:
            return ""
        return render_to_string(self.beeld.sjabloon, {"b": self.beeld})


def _url(naam: str, *, args=(), query: dict | None = None) -> str:
    url = reverse(naam, args=args)
    query = {k: v for k, v in (query or {}).items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def _jaar(overzicht_cyclus) -> str:
    return str(overzicht_cyclus.jaar) if overzicht_cyclus else ""


def _namen(standen) -> dict[str, str] | None:
    """Province code → name from the figures already read (all provinces), for the map."""
    namen = {s.code: s.naam for s in standen}
    return namen or None


def provincie_link(stand) -> str:
    return reverse("inzicht:provincie", args=[stand.code])


def kaart_grafiek(
    overzicht: sel.Overzicht, maat: str, *, id_prefix: str = "kaart", link=provincie_link
) -> Grafiek:
    maat = sel.maat_of_standaard(maat)
    jaar = _jaar(overzicht.cyclus)
    titel = _("Kaart: %(maat)s per provincie") % {"maat": str(sel.MATEN[maat]).lower()}
    if jaar:
        titel += f" (cyclus {jaar})"
    eenheid = _("plekken") if maat == sel.MAAT_OPGAVE else ""
    tabel = kaart_tabel(overzicht.provincies, maat, titel=titel)
    vormen = kaartvormen(_namen(overzicht.provincies))
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.provinciekaart(
            overzicht.provincies,
            maat,
            titel=titel,
            link=link,
            id_prefix=id_prefix,
            waarde_label=eenheid,
            vormen=vormen,
        ),
        tabel=tabel,
        csv_url=_url("inzicht:csv", args=["kaart"], query={"maat": maat, "cyclus": jaar}),
        bron=BRON_KAART if vormen.echte_grenzen else BRON_CBS,
        toelichting=(
            ""
            if vormen.echte_grenzen
            else _("Tegelkaart: elke provincie één vak, ongeveer op haar plaats.")
        ),
        legenda=tekeningen.kaart_legenda(overzicht.provincies, maat),
    )


def openbare_kaart_grafiek(raming, *, id_prefix: str = "openbare-kaart", link=None) -> Grafiek:
    """The published opgave per province: public data only, links to the rows of its own
    table unless ``link`` says otherwise."""
    standen = sel.openbare_opgaven(raming)
    jaar = str(raming.cyclus.jaar) if raming is not None else ""
    titel = _("Kaart: provinciale opgave per provincie")
    if jaar:
        titel += f" ({_('capaciteitsraming')} {jaar}, {_('versie')} {raming.versie})"
    if link is None:

        def link(stand):
            return f"#{id_prefix}-rij-{stand.code}"

    vormen = kaartvormen(_namen(standen))
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.provinciekaart(
            standen,
            sel.MAAT_OPGAVE,
            titel=titel,
            link=link,
            id_prefix=id_prefix,
            waarde_label=_("plekken"),
            vormen=vormen,
        ),
        tabel=kaart_tabel(standen, sel.MAAT_OPGAVE, titel=titel),
        csv_url=_url("inzicht:openbaar-kaart-csv", query={"raming": raming.pk if raming else None}),
        bron=BRON_KAART if vormen.echte_grenzen else BRON_CBS,
        legenda=tekeningen.kaart_legenda(standen, sel.MAAT_OPGAVE),
    )


def voortgang_grafiek(overzicht: sel.Overzicht, *, id_prefix: str = "voortgang") -> Grafiek:
    jaar = _jaar(overzicht.cyclus)
    titel = _("Voortgang per provincie: indicatief, aangeboden, verdeelbesluit, gerealiseerd")
    if jaar:
        titel += f" (cyclus {jaar})"
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.voortgang(overzicht.provincies, titel=titel, id_prefix=id_prefix),
        tabel=voortgang_tabel(
            overzicht.provincies,
            titel=titel,
            eerste_kolom=_("Provincie"),
            totaal=overzicht.totaal,
        ),
        csv_url=_url("inzicht:csv", args=["voortgang"], query={"cyclus": jaar}),
    )


def gemeente_voortgang_grafiek(
    standen, provincie, cyclus, *, id_prefix: str = "voortgang-gemeenten"
) -> Grafiek:
    jaar = _jaar(cyclus)
    titel = _("Voortgang per gemeente in %(provincie)s") % {"provincie": provincie.naam}
    if jaar:
        titel += f" (cyclus {jaar})"
    totaal = sel.Stand(
        id=0,
        code=provincie.code,
        naam=provincie.naam,
        slug=provincie.slug,
        **{
            a: (sum(v for v in vals if v is not None) if any(v is not None for v in vals) else None)
            for a in ("indicatief", "aangeboden", "verdeelbesluit", "gerealiseerd")
            for vals in [[getattr(s, a) for s in standen]]
        },
    )
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.voortgang(standen, titel=titel, id_prefix=id_prefix),
        tabel=voortgang_tabel(standen, titel=titel, eerste_kolom=_("Gemeente"), totaal=totaal),
        csv_url=_url("inzicht:provincie-csv", args=[provincie.code], query={"cyclus": jaar}),
    )


def tijdlijn_grafiek(tijdlijn: sel.Tijdlijn, *, id_prefix: str = "tijdlijn") -> Grafiek:
    jaar = _jaar(tijdlijn.cyclus)
    titel = _("Tijdlijn van de cyclus")
    if jaar:
        titel += f" {jaar}"
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.tijdlijn(tijdlijn, titel=titel, id_prefix=id_prefix)
        if tijdlijn.regels
        else None,
        tabel=tijdlijn_tabel(tijdlijn, titel=titel),
        csv_url=_url("inzicht:csv", args=["tijdlijn"], query={"cyclus": jaar}),
        bron="",
    )


def trend_grafiek(trend: sel.Trend, cyclus, *, id_prefix: str = "trend") -> Grafiek:
    jaar = _jaar(cyclus)
    titel = _("Gerealiseerde plekken in de tijd per provincie")
    if jaar:
        titel += f" (cyclus {jaar})"
    return Grafiek(
        id=id_prefix,
        titel=titel,
        beeld=tekeningen.trend(trend, titel=titel, id_prefix=id_prefix),
        tabel=trend_tabel(trend, titel=titel),
        csv_url=_url("inzicht:csv", args=["trends"], query={"cyclus": jaar}),
        bron="",
    )
