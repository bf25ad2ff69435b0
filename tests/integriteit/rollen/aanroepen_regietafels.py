"""The calls of the role table (tests/integriteit/test_rollen.py) for the verslag, terms and
extensions, the verdeelbesluit and realisation, exchanges, bezwaren and beschikkingen:
service → (act, scope keyword arguments for ``mag``, the call's keyword arguments)."""

from __future__ import annotations

import datetime as dt

from accounts.rechten import Handeling

H = Handeling

AANROEPEN_REGIETAFELS: dict[str, tuple] = {
    "regietafels.services.verslag_locaties.regels_uit_locaties": (
        H.VERSLAG_REGEL_INVULLEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "gemeente_ids": {w.arnhem.pk}, "versie": 0},
    ),
    "regietafels.verlengingen.verslagtermijn_verlengen_na_late_raming": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"cyclus": w.cyclus},
    ),
    "uitruil.services.voorstellen": (
        H.UITRUIL_AFSPREKEN,
        {},
        lambda w: {"cyclus": w.cyclus, "partijen": [], "motivatie": "m"},
    ),
    "uitruil.services.accepteren": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.afwijzen": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil, "reden": "nee"},
    ),
    "uitruil.services.intrekken": (
        H.UITRUIL_AFSPREKEN,
        {"gemeente": "arnhem"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.bevestigen": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil},
    ),
    "uitruil.services.terugsturen": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil, "reden": "r"},
    ),
    "uitruil.services.annuleren": (
        H.UITRUIL_BEVESTIGEN,
        {"provincie": "gelderland"},
        lambda w: {"uitruil": w.uitruil, "reden": "r"},
    ),
    "uitruil.services.taakstelling_vastleggen": (
        H.TAAKSTELLING_VASTLEGGEN,
        {"gemeente": "arnhem"},
        lambda w: {"gemeente": w.arnhem, "cyclus": w.cyclus, "taak": "statushouders", "aantal": 3},
    ),
    "regietafels.services.verslag.verslag_aanmaken": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"regietafel": w.tafel, "cyclus": w.cyclus},
    ),
    "regietafels.services.verslag.verslag_opslaan": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "versie": 1, "regels": {}, "knelpunten": "k"},
    ),
    "regietafels.services.verslag.verslag_indienen": (
        H.VERSLAG_INDIENEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag},
    ),
    "regietafels.services.verslag.verslag_terugsturen": (
        H.VERSLAG_BEOORDELEN,
        {},
        lambda w: {"verslag": w.verslag, "opmerkingen": "o"},
    ),
    "regietafels.services.verslag.verslag_beoordelen": (
        H.VERSLAG_BEOORDELEN,
        {},
        lambda w: {"verslag": w.verslag, "oordeel": "voldoende", "opmerkingen": ""},
    ),
    "regietafels.services.bijlagen.bijlage_toevoegen": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "bestand": None},
    ),
    "regietafels.services.bijlagen.bijlage_verwijderen": (
        H.VERSLAG_BEWERKEN,
        {"provincie": "gelderland"},
        lambda w: {"bijlage": w.bijlage},
    ),
    "regietafels.services.verlenging.verlenging_aanvragen": (
        H.VERLENGING_AANVRAGEN,
        {"provincie": "gelderland"},
        lambda w: {"verslag": w.verslag, "reden": "r", "gevraagde_datum": dt.date(2026, 12, 1)},
    ),
    "regietafels.services.verlenging.verlengingsverzoek_besluiten": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verzoek": w.verzoek, "toekennen": False, "besluit_reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_toekennen": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"cyclus": w.cyclus, "nieuwe_datum": dt.date(2026, 12, 1), "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_voorstellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"cyclus": w.cyclus},
    ),
    "regietafels.services.verdeelbesluit.gemeente_vrijstellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"regel": w.regel, "vrijgesteld": True, "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.regel_aanpassen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"regel": w.regel, "aantal": 3, "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_vaststellen": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "besluitdatum": dt.date(2026, 12, 1)},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_nieuwe_versie": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_intrekken": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verlenging": w.verlenging, "reden": "r"},
    ),
    "regietafels.services.verlenging.verlenging_corrigeren": (
        H.VERLENGING_BESLUITEN,
        {},
        lambda w: {"verlenging": w.verlenging, "nieuwe_datum": dt.date(2026, 11, 20), "reden": "r"},
    ),
    "regietafels.services.verdeelbesluit.verdeelbesluit_herzien": (
        H.VERDEELBESLUIT_NEMEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit, "reden": "r", "gemeente": w.arnhem, "aantal": 4},
    ),
    "regietafels.services.realisatie.realisatie_intrekken": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {"melding": w.melding, "reden": "r"},
    ),
    "regietafels.services.realisatie.realisatie_corrigeren": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {"melding": w.melding, "aantal": 3, "datum": dt.date(2026, 11, 2), "reden": "r"},
    ),
    "regietafels.services.realisatie.meldingen_aan_locatie_koppelen": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {"gemeente": w.arnhem, "cyclus": w.cyclus, "locatie": w.locatie, "reden": "r"},
    ),
    "bezwaar.services.bezwaar_indienen": (
        H.BEZWAAR_INDIENEN,
        {"gemeente": "arnhem"},
        lambda w: {"regel": w.regel, "gronden": "g"},
    ),
    "bezwaar.services.bezwaar_registreren": (
        H.BEZWAAR_REGISTREREN,
        {},
        lambda w: {
            "regel": w.regel,
            "indiener": "gemeente",
            "ontvangen_op": dt.date(2027, 1, 5),
            "gronden": "g",
        },
    ),
    "bezwaar.services.bijlage_toevoegen": (
        H.BEZWAAR_INDIENEN,
        {"gemeente": "arnhem"},
        lambda w: {"bezwaar": w.bezwaar, "bestand": None},
    ),
    "bezwaar.services.verschoonbaar_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "bezwaar.services.adviescommissie_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "adviescommissie": True},
    ),
    "bezwaar.services.horen_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "gehoord_op": dt.date(2027, 1, 6)},
    ),
    "bezwaar.services.verdagen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "bezwaar.services.uitstel_vastleggen": (
        H.BEZWAAR_BEHANDELEN,
        {},
        lambda w: {
            "bezwaar": w.bezwaar,
            "nieuwe_datum": dt.date(2027, 6, 1),
            "reden": "r",
            "instemming": "i",
            "instemming_op": dt.date(2027, 1, 6),
            "geen_nadeel": "n",
        },
    ),
    "bezwaar.services.bezwaar_intrekken": (
        H.BEZWAAR_INTREKKEN,
        {"gemeente": "arnhem"},
        lambda w: {"bezwaar": w.bezwaar, "reden": "r"},
    ),
    "documenten.bundels.bundel_aanvragen": (
        H.BESCHIKKINGEN_BUNDELEN,
        {},
        lambda w: {"verdeelbesluit": w.besluit},
    ),
    "bezwaar.services.beslissen": (
        H.BEZWAAR_BESLISSEN,
        {},
        lambda w: {"bezwaar": w.bezwaar, "uitkomst": "ongegrond", "motivering": "m"},
    ),
    "regietafels.services.realisatie.realisatie_melden": (
        H.REALISATIE_MELDEN,
        {"gemeente": "arnhem"},
        lambda w: {
            "gemeente": w.arnhem,
            "cyclus": w.cyclus,
            "datum": dt.date(2026, 12, 1),
            "aantal": 1,
        },
    ),
}
