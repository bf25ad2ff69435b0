"""``rijen|herkomst_groepen``: the provenance of a list of figures, grouped (kind, source,
reference date, link → how many), so a page says once where its rows come from instead of
repeating the same source on every row. Works on any object with the provenance fields
(``raming.models.HerkomstVelden``); ``"regel"`` as argument reads them from ``rij.regel``."""

from __future__ import annotations

from django import template

register = template.Library()

VELDEN = ("herkomst", "bron", "bron_peildatum", "bron_url")


@register.filter
def herkomst_groepen(rijen, pad: str = "") -> list[dict]:
    groepen: dict[tuple, dict] = {}
    for rij in rijen or ():
        obj = (
            rij.get(pad)
            if pad and isinstance(rij, dict)
            else getattr(rij, pad, rij)
            if pad
            else rij
        )
        if obj is None or not hasattr(obj, "herkomst"):
            continue
        sleutel = tuple(getattr(obj, veld) for veld in VELDEN)
        groep = groepen.setdefault(
            sleutel, {**dict(zip(VELDEN, sleutel, strict=True)), "aantal": 0}
        )
        groep["aantal"] += 1
    return list(groepen.values())
