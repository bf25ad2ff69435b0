"""The verslag page's parts: its table of rows, the error summary, the register section and
the context, with what of it is kept in the cache (docs/performance.md, "The verslag page")."""

from __future__ import annotations

from functools import cache as cache_functie
from functools import partial

from django.utils import timezone

from core.fragmenten import fragment_cache, zonder_querycache

from . import forms, selectors, services
from .models import Beoordeling, Bijlage
from .termijnen import termijn_uit_datums
from .weergave import _mag_bewerken

# as long as a fragment is kept ({% cache 600 %}); a write makes a new key sooner
BEWAARTIJD = 600
_NIET_GEVONDEN = object()


# The input columns of the verslag table, in order: (field, column heading, kind). The computed
# "aangeboden" and "verschil" cells stand between the first three and the rest.
KOLOMMEN_VOOR = (
    ("bestaande_locaties", "Bestaande locaties", "aantal"),
    ("vastgestelde_plannen", "Vastgestelde plannen", "aantal"),
    ("bestuurlijke_voornemens", "Bestuurlijke voornemens", "aantal"),
)
KOLOMMEN_NA = (
    ("amv", "Amv", "aantal"),
    ("beschikbaar_van", "Beschikbaar van", "datum"),
    ("beschikbaar_tot", "Beschikbaar tot", "datum"),
    ("opmerking", "Opmerking", "tekst"),
)
BEREKEND = {"soort": "berekend"}
KOLOM_LABELS = {veld: label for veld, label, _ in (*KOLOMMEN_VOOR, *KOLOMMEN_NA)}
OVERIGE_VELDEN = {"open_besluiten": "Openstaande besluiten", "knelpunten": "Knelpunten"}


def _cellen(kolommen, regel, waarden, fouten):
    cellen = []
    for veld, label, soort in kolommen:
        cellen.append(
            {
                "veld": veld,
                "label": label,
                "soort": soort,
                "id": f"regel-{regel.gemeente_id}-{veld}",
                "waarde": waarden.get(veld, ""),
                "fout": fouten.get(f"regel-{regel.gemeente_id}-{veld}") if fouten else None,
            }
        )
    return cellen


def foutoverzicht(regels, fouten: dict[str, str]) -> list[dict]:
    """Every error of a verslag form for the page's error summary (``core/_foutsamenvatting``:
    ``href``, ``label``, ``melding``), in the order of the page: the rows top to bottom, each
    left to right, then the texts; a general error without a link."""
    if not fouten:
        return []
    overzicht = []
    for regel in regels:
        for veld in KOLOM_LABELS:
            sleutel = f"regel-{regel.gemeente_id}-{veld}"
            if sleutel in fouten:
                overzicht.append(
                    {
                        "href": f"#{sleutel}",
                        "label": f"{regel.gemeente.naam}, {KOLOM_LABELS[veld].lower()}",
                        "melding": fouten[sleutel],
                    }
                )
    for veld, label in OVERIGE_VELDEN.items():
        if veld in fouten:
            overzicht.append({"href": f"#id_{veld}", "label": label, "melding": fouten[veld]})
    if "bevestigd" in fouten:
        overzicht.append({"href": "#id_bevestigd", "label": "", "melding": fouten["bevestigd"]})
    bekend = {f"regel-{r.gemeente_id}-{v}" for r in regels for v in KOLOM_LABELS}
    bekend.add("bevestigd")
    for sleutel, tekst in fouten.items():
        if sleutel not in bekend and sleutel not in OVERIGE_VELDEN:
            overzicht.append({"href": "", "label": "", "melding": tekst})
    return overzicht


def _locatie_opbouw(verslag, regels) -> dict:
    """Per row with locations in the register: what the register gives it, and per column
    what the row holds beyond the locations recorded behind it ("zonder locatie")."""
    zonder = services.zonder_locatie(regels)
    return {
        "rijen": [
            {"opbouw": o, "zonder": zonder[o.regel.pk]}
            for o in services.verslag_locatie_opbouw(verslag, regels=regels)
        ],
        "zonder_locatie": sum(
            max(0, z["bestaande_locaties"])
            + max(0, z["vastgestelde_plannen"])
            + max(0, z["bestuurlijke_voornemens"])
            for z in zonder.values()
        ),
        "met_locatie": sum(z["met_locatie"] for z in zonder.values()),
    }


def _rijen(regels, netto, *, ruw=None, fouten=None) -> list[dict]:
    """The table's rows (``_verslag_tabel.html``): per row the gemeente (its id as text, for
    the ids of its inputs), the computed figures, the exchanges' balance and the asylum places
    after them, and each input's value by its field (``ruw``: the user's input back). A row
    with one of the ``fouten`` also has its input cells with their errors (``cellen``); the
    template draws the other rows without looking at errors."""
    rijen = []
    for regel in regels:
        gemeente_id = regel.gemeente_id
        waarden = (ruw or {}).get(gemeente_id) or {
            veld: forms.datum_tonen(getattr(regel, veld)) for veld in services.REGEL_VELDEN
        }
        heeft_fout = bool(fouten) and any(
            f"regel-{gemeente_id}-{veld}" in fouten for veld in KOLOM_LABELS
        )
        uitruil = netto.get(gemeente_id, 0)
        aangeboden = regel.aangeboden
        rijen.append(
            {
                **{veld: waarden.get(veld, "") for veld in KOLOM_LABELS},
                "regel": regel,
                "id": str(gemeente_id),
                "naam": regel.gemeente.naam,
                "indicatief": regel.indicatief_aantal,
                "aangeboden": aangeboden,
                "verschil": aangeboden - regel.indicatief_aantal,
                "heeft_fout": heeft_fout,
                # the inputs in column order with their errors; the computed offered/difference
                # cells between them
                "cellen": [
                    *_cellen(KOLOMMEN_VOOR, regel, waarden, fouten),
                    BEREKEND,
                    *_cellen(KOLOMMEN_NA, regel, waarden, fouten),
                ]
                if heeft_fout
                else (),
                "uitruil": uitruil,
                "asielopvang": regel.indicatief_aantal + uitruil,
            }
        )
    return rijen


# Every table the verslag page reads besides its history, attachments and assessments: the
# verslag with its submitter, deadline, extensions, opgave and number of versions, its rows,
# gemeenten, indicative numbers and the exchanges after which it shows asylum places. The
# verslag with its totals is kept in the cache under these tables' last invalidation, and so
# is the table of rows (a fragment with the same key).
VERSLAGTABEL_TABELLEN = ("accounts.gebruiker", "raming", "regietafels", "uitruil")
# ... and the section "Uit het locatieregister" (the register behind the rows)
VERSLAGLOCATIES_TABELLEN = ("accounts.gebruiker", "raming", "regietafels", "uitruil", "locaties")
# The ministry's list of the verslag's last changes reads its history and the users in it. A
# history row of a verslag is written only by a write of the verslag itself (django-simple-
# history's signals, in the same transaction), and cachalot keeps no invalidation of history
# tables: the list is keyed on the verslag's table instead.
GESCHIEDENIS_TABELLEN = ("accounts.gebruiker", "regietafels.verslag")


def verslag_met_totalen(user, *, slug: str, jaar: int | None):
    """``(verslag, samenvatting, regels)`` of the page (``selectors.verslag_voor_pagina``,
    ``services.verslag_samenvatting`` of its rows and the rows), or None when ``user`` sees
    no such verslag."""
    verslag = selectors.verslag_voor_pagina(user, slug=slug, jaar=jaar)
    if verslag is None:
        return None
    regels = selectors.verslag_regels(verslag)
    samenvatting = services.verslag_samenvatting(verslag, regels, opgave=verslag.opgave_aantal)
    return verslag, samenvatting, regels


def bewaard_verslag_met_totalen(user, *, sleutel: str, slug: str, jaar: int | None):
    """``verslag_met_totalen`` as kept in the cache under ``sleutel`` (the fragment key of
    ``VERSLAGTABEL_TABELLEN`` for ``user``, core/fragmenten.py): computed again after any
    write to those tables, so the page compiles none of its queries while nothing changed.
    The rows are not kept (the fragments that show them are): ``regels`` is None when the
    value came from the cache."""
    naam = f"verslag-pagina:{sleutel}:{slug}:{jaar}"
    cache = fragment_cache()  # the fragments' cache: none where cachalot is off
    gevonden = cache.get(naam, _NIET_GEVONDEN)
    if gevonden is not _NIET_GEVONDEN:
        return None if gevonden is None else (*gevonden, None)
    # the value kept is the cache of these queries: cachalot need not keep them as well
    berekend = zonder_querycache(partial(verslag_met_totalen, user, slug=slug, jaar=jaar))
    cache.set(naam, None if berekend is None else berekend[:2], BEWAARTIJD)
    return berekend


def verslag_context(request, verslag, samenvatting, regels, *, ruw=None, fouten=None):
    """The page's context. ``regels``: a callable returning the rows, called only when a
    fragment that shows them is drawn (always when the form comes back with ``fouten``)."""
    uitruilen, netto, uitruil_beschikbaar = verslag.uitruil

    @cache_functie
    def rijen():
        return _rijen(regels(), netto, ruw=ruw, fouten=fouten)

    @cache_functie
    def locatie_opbouw():
        # drawn into a kept fragment (or for a form sent back): not kept by cachalot as well
        return zonder_querycache(partial(_locatie_opbouw, verslag, regels()))

    termijn = termijn_uit_datums(verslag.mijlpaal_datum, verslag.laatste_verlenging)
    user = request.user
    totaal = samenvatting["totaal"]
    return {
        "verslag": verslag,
        # the rows are built only when the table is drawn: not when the cached fragment of a
        # page without the user's input is served
        "rijen": rijen,
        "tabel_uit_cache": ruw is None and not fouten,
        "tabellen": VERSLAGTABEL_TABELLEN,
        # the register behind the rows: what it gives each row, and what the row holds
        # beyond the locations recorded behind it ("zonder locatie"); two queries, only when
        # the section is drawn
        "locatie_opbouw": locatie_opbouw,
        "locatie_tabellen": VERSLAGLOCATIES_TABELLEN,
        "kolommen_voor": KOLOMMEN_VOOR,
        "kolommen_na": KOLOMMEN_NA,
        "samenvatting": samenvatting,
        "totaal_asielopvang": totaal["indicatief_aantal"] + sum(netto.values()),
        "totaal_verschil_indicatief": totaal["aangeboden"] - totaal["indicatief_aantal"],
        "foutoverzicht": foutoverzicht(regels(), fouten) if fouten else [],
        "termijn": termijn,
        "dagen": termijn.dagen_resterend(timezone.localdate()),
        "bewerkbaar": _mag_bewerken(user, verslag),
        "uitruilen": uitruilen,
        "uitruil_beschikbaar": uitruil_beschikbaar,
        # One verslag: its own order (the model's ordering starts with the verslag's, which
        # costs three joins), without the versions' snapshots, and no query when it has none.
        "bijlagen": Bijlage.objects.zichtbaar_voor(user)
        .filter(verslag=verslag)
        .order_by("toegevoegd_op")
        if verslag.heeft_bijlagen
        else [],
        "bijlage_form": forms.BijlageForm(),
        "beoordelingen": Beoordeling.objects.zichtbaar_voor(user)
        .filter(verslag=verslag)
        .select_related("door", "versie")
        .defer("versie__inhoud")
        .order_by("op")
        if verslag.heeft_beoordelingen
        else [],
        "aantal_versies": verslag.aantal_versies,
        # the ministry's list of the last changes: a fragment keyed on GESCHIEDENIS_TABELLEN,
        # read only when it is drawn
        "geschiedenis": geschiedenis(verslag) if user.is_ministerie else [],
        "geschiedenis_tabellen": GESCHIEDENIS_TABELLEN,
    }


def geschiedenis(verslag):
    """The last 25 changes of ``verslag`` (a lazy queryset)."""
    return verslag.history.select_related("history_user").order_by("-history_date")[:25]
