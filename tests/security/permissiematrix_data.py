"""The permission matrix: URL name → (path, expected GET status per role).

Roles in order: anoniem, ministerie, coa, prt_eigen (PRT Gelderland, the owner of the objects),
prt_ander (PRT Noord-Holland), gemeente (Arnhem, in Gelderland). Placeholders in the path are
filled by the ``wereld`` fixture of test_permissiematrix.py; ``{geen}`` is an id that does not
exist. 302 = to the login page, 403 = role may not, 404 = not visible or not there, 405 = the
role passes the access check but the view only accepts POST.
"""

ROLLEN = ["anoniem", "ministerie", "coa", "prt_eigen", "prt_ander", "gemeente"]


def _s(anoniem, ministerie, coa, prt_eigen, prt_ander, gemeente):
    return dict(
        zip(ROLLEN, (anoniem, ministerie, coa, prt_eigen, prt_ander, gemeente), strict=True)
    )


MATRIX = {
    "bezwaar-list": ("/api/v1/bezwaren/", _s(401, 200, 200, 200, 200, 200)),
    "bezwaar-detail": ("/api/v1/bezwaren/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "bezwaar-beslissen": ("/api/v1/bezwaren/{geen}/beslissen/", _s(401, 405, 405, 405, 405, 405)),
    "bezwaar-intrekken": (
        "/api/v1/bezwaren/{geen}/intrekken/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "bezwaar-verdagen": ("/api/v1/bezwaren/{geen}/verdagen/", _s(401, 405, 405, 405, 405, 405)),
    "bezwaar-uitstel": ("/api/v1/bezwaren/{geen}/uitstel/", _s(401, 405, 405, 405, 405, 405)),
    "bezwaar:lijst": ("/bezwaar/", _s(302, 200, 200, 200, 200, 200)),
    "bezwaar:indienen": ("/bezwaar/indienen/", _s(302, 403, 403, 200, 200, 200)),
    "bezwaar:registreren": ("/bezwaar/registreren/", _s(302, 200, 403, 403, 403, 403)),
    "bezwaar:detail": ("/bezwaar/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "bezwaar:beslissen": ("/bezwaar/{geen}/beslissen/", _s(302, 404, 404, 404, 404, 404)),
    "bezwaar:intrekken": ("/bezwaar/{geen}/intrekken/", _s(302, 404, 403, 404, 404, 404)),
    "bezwaar:bijlage": ("/bezwaar/{geen}/bijlagen/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "bezwaar:document": ("/bezwaar/{geen}/beslissing.pdf", _s(302, 404, 404, 404, 404, 404)),
    "bezwaar:stap": ("/bezwaar/{geen}/stap/horen/", _s(302, 405, 405, 405, 405, 405)),
    "beschikbaarheidsberekening-list": (
        "/api/v1/meerjarig-beschikbaar/",
        _s(401, 200, 200, 200, 200, 200),
    ),
    "beschikbaarheidsberekening-detail": (
        "/api/v1/meerjarig-beschikbaar/{geen}/",
        _s(401, 404, 404, 404, 404, 404),
    ),
    "beschikbaarheidsberekening-voorbeeld": (
        "/api/v1/meerjarig-beschikbaar/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "beschikbaarheidsberekening-locaties": (
        "/api/v1/meerjarig-beschikbaar/{geen}/locaties/",
        _s(401, 404, 404, 404, 404, 404),
    ),
    "beschikbaar:overzicht": ("/meerjarig-beschikbaar/", _s(302, 200, 200, 200, 200, 200)),
    "beschikbaar:berekenen": (
        "/meerjarig-beschikbaar/berekenen/{jaar}/",
        _s(302, 200, 403, 403, 403, 403),
    ),
    "beschikbaar:berekening": ("/meerjarig-beschikbaar/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "beschikbaar:provincie": (
        "/meerjarig-beschikbaar/{geen}/provincie/{provincie_slug}/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "beschikbaar:gemeente": (
        "/meerjarig-beschikbaar/{geen}/gemeente/{gemeente_slug}/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "accounts:herstelcodes-vernieuwen": (
        "/account/tweede-factor/herstelcodes/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "accounts:profiel": ("/account/profiel/", _s(302, 200, 200, 200, 200, 200)),
    "accounts:token-aanmaken": ("/account/token/aanmaken/", _s(302, 405, 405, 405, 405, 405)),
    "accounts:token-intrekken": ("/account/token/intrekken/", _s(302, 405, 405, 405, 405, 405)),
    "accounts:tweede-factor": ("/account/tweede-factor/", _s(302, 302, 302, 302, 302, 302)),
    "accounts:tweede-factor-instellen": (
        "/account/tweede-factor/instellen/",
        _s(302, 200, 200, 200, 200, 200),
    ),
    "accounts:tweede-factor-uitschakelen": (
        "/account/tweede-factor/uitschakelen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "accounts:wachtwoord-gewijzigd": (
        "/account/wachtwoord/gewijzigd/",
        _s(302, 200, 200, 200, 200, 200),
    ),
    "accounts:wachtwoord-wijzigen": (
        "/account/wachtwoord/wijzigen/",
        _s(302, 200, 200, 200, 200, 200),
    ),
    "admin:index": ("/beheer/", _s(302, 200, 403, 403, 403, 403)),
    "api-docs": ("/api/v1/docs/", _s(200, 200, 200, 200, 200, 200)),
    "api-mij": ("/api/v1/mij/", _s(401, 200, 200, 200, 200, 200)),
    "api-schema": ("/api/v1/schema/", _s(200, 200, 200, 200, 200, 200)),
    "cyclus-detail": ("/api/v1/cycli/{jaar}/", _s(401, 200, 200, 200, 200, 200)),
    "cyclus-list": ("/api/v1/cycli/", _s(401, 200, 200, 200, 200, 200)),
    "cyclus-verslagtermijn-verlengen": (
        "/api/v1/cycli/{jaar}/verslagtermijn-verlengen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "gemeente-detail": ("/api/v1/gemeenten/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "gemeente-list": ("/api/v1/gemeenten/", _s(401, 200, 200, 200, 200, 200)),
    "documenten:downloaden": ("/documenten/{geen}/", _s(404, 404, 404, 404, 404, 404)),
    "documenten:beschikking": (
        "/documenten/beschikking/{geen}/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "documenten:raming_publicatie": (
        "/documenten/raming/{geen}/",
        _s(404, 404, 404, 404, 404, 404),
    ),
    "documenten:verslag": ("/documenten/verslag/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "documenten:ontvangstbevestiging": (
        "/documenten/verslag/{geen}/ontvangstbevestiging/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "documenten:bundel_aanvragen": (
        "/documenten/verdeelbesluit/{geen}/beschikkingen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "documenten:bundel": ("/documenten/bundels/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "documenten:bundel_downloaden": (
        "/documenten/bundels/{geen}/zip/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "document-list": ("/api/v1/documenten/", _s(200, 200, 200, 200, 200, 200)),
    "document-detail": ("/api/v1/documenten/{geen}/", _s(404, 404, 404, 404, 404, 404)),
    "document-download": (
        "/api/v1/documenten/{geen}/download/",
        _s(404, 404, 404, 404, 404, 404),
    ),
    "herinneringen:agenda": (
        "/termijnen/agenda/ongeldig-token.ics",
        _s(404, 404, 404, 404, 404, 404),
    ),
    "herinneringen:alle": ("/termijnen/alle/", _s(302, 200, 200, 403, 403, 403)),
    "herinneringen:mijn": ("/termijnen/", _s(302, 200, 200, 200, 200, 200)),
    "herinneringen:voorkeuren": ("/termijnen/voorkeuren/", _s(302, 200, 200, 200, 200, 200)),
    "meldingen:lijst": ("/meldingen/", _s(302, 200, 200, 200, 200, 200)),
    "locaties:aanmaken": ("/locaties/nieuw/", _s(302, 200, 403, 200, 200, 200)),
    "locaties:bevestigen": ("/locaties/{geen}/bevestigen/", _s(302, 404, 404, 404, 404, 404)),
    "locaties:detail": ("/locaties/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "locaties:export_csv": ("/locaties/export.csv", _s(302, 200, 200, 200, 200, 200)),
    "locaties:export_xlsx": ("/locaties/export.xlsx", _s(302, 200, 200, 200, 200, 200)),
    "locaties:fase": ("/locaties/{geen}/fase/", _s(302, 404, 404, 404, 404, 404)),
    "locaties:import_toepassen": (
        "/locaties/importeren/toepassen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "locaties:importeren": ("/locaties/importeren/", _s(302, 200, 200, 403, 403, 403)),
    "locaties:lijst": ("/locaties/", _s(302, 200, 200, 200, 200, 200)),
    "locaties:wijzigen": ("/locaties/{geen}/wijzigen/", _s(302, 404, 404, 404, 404, 404)),
    "meldingen:gelezen": ("/meldingen/{geen}/gelezen/", _s(302, 405, 405, 405, 405, 405)),
    "meldingen:alles_gelezen": ("/meldingen/alles-gelezen/", _s(302, 405, 405, 405, 405, 405)),
    "meldingen:voorkeuren": ("/meldingen/voorkeuren/", _s(302, 200, 200, 200, 200, 200)),
    "home": ("/", _s(302, 200, 200, 200, 200, 200)),
    "inzicht:csv": ("/inzicht/csv/voortgang.csv", _s(302, 200, 200, 200, 200, 403)),
    "inzicht:openbaar-kaart": ("/inzicht/openbaar/kaart/", _s(200, 200, 200, 200, 200, 200)),
    "inzicht:openbaar-kaart-csv": ("/inzicht/openbaar/kaart.csv", _s(200, 200, 200, 200, 200, 200)),
    "inzicht:overzicht": ("/inzicht/", _s(302, 200, 200, 200, 200, 403)),
    "inzicht:provincie": ("/inzicht/provincie/{provincie_code}/", _s(302, 200, 200, 200, 404, 403)),
    "inzicht:provincie-csv": (
        "/inzicht/provincie/{provincie_code}/voortgang.csv",
        _s(302, 200, 200, 200, 404, 403),
    ),
    "login": ("/account/inloggen/", _s(200, 302, 302, 302, 302, 302)),
    "logout": ("/account/uitloggen/", _s(302, 405, 405, 405, 405, 405)),
    "oidc_authentication_callback": ("/account/oidc/terugkeer/", _s(404, 404, 404, 404, 404, 404)),
    "oidc_authentication_init": ("/account/oidc/starten/", _s(404, 404, 404, 404, 404, 404)),
    "password_reset": ("/account/wachtwoord-vergeten/", _s(200, 200, 200, 200, 200, 200)),
    "password_reset_complete": (
        "/account/wachtwoord-herstellen/klaar/",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "password_reset_confirm": (
        "/account/wachtwoord-herstellen/MQ/ongeldig/",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "password_reset_done": (
        "/account/wachtwoord-vergeten/verstuurd/",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "opvanglocatie-bevestigen": (
        "/api/v1/opvanglocaties/{geen}/bevestigen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "opvanglocatie-detail": ("/api/v1/opvanglocaties/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "opvanglocatie-fase": ("/api/v1/opvanglocaties/{geen}/fase/", _s(401, 405, 405, 405, 405, 405)),
    "opvanglocatie-list": ("/api/v1/opvanglocaties/", _s(401, 200, 200, 200, 200, 200)),
    "provincie-detail": ("/api/v1/provincies/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "provincie-list": ("/api/v1/provincies/", _s(401, 200, 200, 200, 200, 200)),
    "raming-berekenen": ("/api/v1/ramingen/{raming}/berekenen/", _s(401, 405, 405, 405, 405, 405)),
    "raming-detail": ("/api/v1/ramingen/{raming}/", _s(401, 200, 200, 200, 200, 200)),
    "raming-list": ("/api/v1/ramingen/", _s(401, 200, 200, 200, 200, 200)),
    "raming-publiceren": (
        "/api/v1/ramingen/{raming}/publiceren/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-publiceren-voorbeeld": (
        "/api/v1/ramingen/{raming}/publiceren/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-uitzondering": (
        "/api/v1/ramingen/{raming}/uitzondering/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-vaststellen-voorbeeld": (
        "/api/v1/ramingen/{raming}/vaststellen/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-uitstellen": (
        "/api/v1/ramingen/{raming}/uitstellen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-vaststellen": (
        "/api/v1/ramingen/{raming}/vaststellen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "raming-verdeling": ("/api/v1/ramingen/{raming}/verdeling/", _s(401, 200, 200, 200, 200, 200)),
    "raming-wijziging": ("/api/v1/ramingen/{raming}/wijziging/", _s(401, 405, 405, 405, 405, 405)),
    "raming:beschikbaar_vastleggen": (
        "/raming/cycli/{jaar}/beschikbaar/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:cycli": ("/raming/cycli/", _s(302, 200, 403, 403, 403, 403)),
    "raming:cyclus": ("/raming/cycli/{jaar}/", _s(302, 200, 403, 403, 403, 403)),
    "raming:gemeente": (
        "/raming/ramingen/{raming}/gemeente/{gemeente_slug}/",
        _s(302, 200, 200, 200, 200, 200),
    ),
    "raming:invoerbesluit_toevoegen": (
        "/raming/cycli/{jaar}/invoerbesluit/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:mijlpaal_wijzigen": (
        "/raming/cycli/{jaar}/mijlpalen/{geen}/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:openbaar": ("/raming/openbaar/", _s(200, 200, 200, 200, 200, 200)),
    "raming:openbaar_csv": (
        "/raming/openbaar/{jaar}/provincies.csv",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "raming:openbaar_gemeente": (
        "/raming/openbaar/{jaar}/gemeente/{gemeente_slug}/",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "raming:openbaar_raming": ("/raming/openbaar/{jaar}/", _s(200, 200, 200, 200, 200, 200)),
    "raming:openbaar_xlsx": (
        "/raming/openbaar/{jaar}/raming.xlsx",
        _s(200, 200, 200, 200, 200, 200),
    ),
    "raming:cbs_import": ("/raming/referentie/imports/{geen}/", _s(302, 404, 403, 403, 403, 403)),
    "raming:cbs_import_annuleren": (
        "/raming/referentie/imports/{geen}/annuleren/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:cbs_import_toepassen": (
        "/raming/referentie/imports/{geen}/toepassen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:referentie": ("/raming/referentie/", _s(302, 200, 403, 403, 403, 403)),
    "raming:raming": ("/raming/ramingen/{raming}/", _s(302, 200, 200, 200, 200, 200)),
    "raming:raming_aanmaken": ("/raming/cycli/{jaar}/raming/", _s(302, 405, 405, 405, 405, 405)),
    "raming:raming_berekenen": (
        "/raming/ramingen/{raming}/berekenen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:raming_invoer": ("/raming/ramingen/{raming}/invoer/", _s(302, 405, 405, 405, 405, 405)),
    "raming:raming_publiceren": (
        "/raming/ramingen/{raming}/publiceren/",
        _s(302, 200, 403, 403, 403, 403),
    ),
    "raming:raming_uitstellen": (
        "/raming/ramingen/{raming}/uitstellen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "raming:raming_uitzondering": (
        "/raming/ramingen/{raming}/uitzondering/",
        _s(302, 302, 403, 403, 403, 403),
    ),
    "raming:raming_vaststellen": (
        "/raming/ramingen/{raming}/vaststellen/",
        _s(302, 200, 403, 403, 403, 403),
    ),
    "raming:raming_verschil": (
        "/raming/ramingen/{raming}/verschil/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "raming:raming_wijziging": (
        "/raming/ramingen/{raming}/wijziging/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "realisatiemelding-detail": (
        "/api/v1/realisatiemeldingen/{geen}/",
        _s(401, 404, 404, 404, 404, 404),
    ),
    "realisatiemelding-list": ("/api/v1/realisatiemeldingen/", _s(401, 200, 200, 200, 200, 200)),
    "regietafel-detail": ("/api/v1/regietafels/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "regietafel-list": ("/api/v1/regietafels/", _s(401, 200, 200, 200, 200, 200)),
    "regietafels:beoordelen": (
        "/regietafels/{regietafel}/verslag/beoordelen/",
        # a PRT secretary may not assess at all: 403 before the province is looked at
        _s(302, 200, 403, 403, 403, 403),
    ),
    "regietafels:bijlage_downloaden": (
        "/regietafels/{regietafel}/verslag/bijlagen/{geen}/",
        _s(302, 404, 404, 404, 404, 403),
    ),
    "regietafels:bijlage_toevoegen": (
        "/regietafels/{regietafel}/verslag/bijlagen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:bijlage_verwijderen": (
        "/regietafels/{regietafel}/verslag/bijlagen/{geen}/verwijderen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:gemeente": ("/regietafels/gemeente/", _s(302, 403, 403, 403, 403, 200)),
    "regietafels:realisatie_werkboek": (
        "/regietafels/gemeente/realisatie.xlsx",
        _s(302, 403, 403, 403, 403, 200),
    ),
    "regietafels:realisatie_werkboek_toepassen": (
        "/regietafels/gemeente/realisatie/toepassen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:realisatie_werkboek_uploaden": (
        "/regietafels/gemeente/realisatie/uploaden/",
        _s(302, 403, 403, 403, 403, 200),
    ),
    "regietafels:indienen": (
        "/regietafels/{regietafel}/verslag/indienen/",
        _s(302, 403, 403, 200, 404, 403),
    ),
    "regietafels:ontvangst": (
        "/regietafels/{regietafel}/verslag/ontvangst/1/",
        _s(302, 404, 404, 404, 404, 403),
    ),
    "regietafels:overzicht": ("/regietafels/", _s(302, 200, 200, 302, 302, 302)),
    "regietafels:realisatie": ("/regietafels/realisatie/", _s(302, 200, 200, 200, 200, 403)),
    "regietafels:regietafel": ("/regietafels/{regietafel}/", _s(302, 200, 200, 200, 404, 403)),
    "regietafels:verdeelbesluit": (
        "/regietafels/verdeelbesluit/{geen}/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "regietafels:verdeelbesluit_export": (
        "/regietafels/verdeelbesluit/{geen}/export.xlsx",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "regietafels:verdeelbesluit_nieuwe_versie": (
        "/regietafels/verdeelbesluit/{geen}/nieuwe-versie/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:verdeelbesluit_regel": (
        "/regietafels/verdeelbesluit/{geen}/regels/{geen}/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "regietafels:verdeelbesluit_vaststellen": (
        "/regietafels/verdeelbesluit/{geen}/vaststellen/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "regietafels:verdeelbesluit_herzien": (
        "/regietafels/verdeelbesluit/{geen}/herzien/",
        _s(302, 404, 404, 404, 404, 404),
    ),
    "regietafels:cyclusfase": ("/regietafels/fase/", _s(302, 200, 200, 403, 403, 403)),
    "regietafels:verlenging_corrigeren": (
        "/regietafels/verlengingen/toegekend/{geen}/corrigeren/",
        _s(302, 404, 403, 403, 403, 403),
    ),
    "regietafels:realisatie_corrigeren": (
        "/regietafels/realisatie/{geen}/corrigeren/",
        _s(302, 404, 403, 404, 404, 404),
    ),
    "regietafels:realisatie_koppelen": (
        "/regietafels/realisatie/koppelen/{geen}/",
        _s(302, 404, 403, 404, 404, 404),
    ),
    "regietafels:verdeelbesluiten": (
        "/regietafels/verdeelbesluit/",
        _s(302, 200, 200, 200, 200, 200),
    ),
    "regietafels:verlenging": (
        "/regietafels/{regietafel}/verslag/verlenging/",
        _s(302, 403, 403, 200, 404, 403),
    ),
    "regietafels:verlengen_na_late_raming": (
        "/regietafels/verlengingen/late-raming/{jaar}/",
        _s(302, 200, 403, 403, 403, 403),
    ),
    "regietafels:verlengingen": ("/regietafels/verlengingen/", _s(302, 200, 200, 403, 403, 403)),
    "regietafels:versie": (
        "/regietafels/{regietafel}/verslag/versies/1/",
        _s(302, 404, 404, 404, 404, 403),
    ),
    "regietafels:versies": (
        "/regietafels/{regietafel}/verslag/versies/",
        _s(302, 200, 200, 200, 404, 403),
    ),
    "regietafels:verslag_uit_locaties": (
        "/regietafels/{regietafel}/verslag/uit-locaties/",
        _s(302, 403, 403, 200, 404, 403),
    ),
    "regietafels:verslag": ("/regietafels/{regietafel}/verslag/", _s(302, 200, 200, 200, 404, 403)),
    "regietafels:verslag_werkboek": (
        "/regietafels/{regietafel}/verslag/werkboek.xlsx",
        _s(302, 200, 200, 200, 404, 403),
    ),
    "regietafels:verslag_werkboek_toepassen": (
        "/regietafels/{regietafel}/verslag/werkboek/toepassen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:verslag_werkboek_uploaden": (
        "/regietafels/{regietafel}/verslag/werkboek/uploaden/",
        _s(302, 403, 403, 200, 404, 403),
    ),
    "regietafels:verslag_aanmaken": (
        "/regietafels/{regietafel}/verslag/aanmaken/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "regietafels:verzoek_besluiten": (
        "/regietafels/verlengingen/{geen}/besluiten/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "scenario-delen": ("/api/v1/scenarios/{geen}/delen/", _s(401, 405, 405, 405, 405, 405)),
    "scenario-detail": ("/api/v1/scenarios/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "scenario-list": ("/api/v1/scenarios/", _s(401, 200, 200, 200, 200, 200)),
    "scenario-promoveren": (
        "/api/v1/scenarios/{geen}/promoveren/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "scenario-vergelijken": ("/api/v1/scenarios/vergelijken/", _s(401, 400, 400, 400, 400, 400)),
    "scenarios:bewerken": ("/scenarios/{geen}/bewerken/", _s(302, 404, 403, 403, 403, 403)),
    "scenarios:delen": ("/scenarios/{geen}/delen/", _s(302, 405, 405, 405, 405, 405)),
    "scenarios:delen_stoppen": (
        "/scenarios/{geen}/delen-stoppen/",
        _s(302, 405, 405, 405, 405, 405),
    ),
    "scenarios:detail": ("/scenarios/{geen}/", _s(302, 404, 403, 404, 404, 403)),
    "scenarios:lijst": ("/scenarios/", _s(302, 200, 403, 200, 200, 403)),
    "scenarios:nieuw": ("/scenarios/nieuw/", _s(302, 200, 403, 403, 403, 403)),
    "scenarios:promoveren": ("/scenarios/{geen}/promoveren/", _s(302, 405, 405, 405, 405, 405)),
    "scenarios:vergelijken": ("/scenarios/vergelijken/", _s(302, 302, 403, 302, 302, 403)),
    "scenarios:vergelijken_xlsx": (
        "/scenarios/vergelijken/xlsx/",
        _s(302, 302, 403, 302, 302, 403),
    ),
    "termijn-list": ("/api/v1/termijnen/", _s(401, 200, 200, 200, 200, 200)),
    "termijnverlenging-detail": (
        "/api/v1/termijnverlengingen/{geen}/",
        _s(401, 404, 404, 404, 404, 404),
    ),
    "termijnverlenging-list": ("/api/v1/termijnverlengingen/", _s(401, 200, 200, 200, 200, 200)),
    "uitruil-accepteren": ("/api/v1/uitruil/{geen}/accepteren/", _s(401, 405, 405, 405, 405, 405)),
    "uitruil-afwijzen": ("/api/v1/uitruil/{geen}/afwijzen/", _s(401, 405, 405, 405, 405, 405)),
    "uitruil-annuleren": ("/api/v1/uitruil/{geen}/annuleren/", _s(401, 405, 405, 405, 405, 405)),
    "uitruil-bevestigen": ("/api/v1/uitruil/{geen}/bevestigen/", _s(401, 405, 405, 405, 405, 405)),
    "uitruil-detail": ("/api/v1/uitruil/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "uitruil-grootboek-gemeente": (
        "/api/v1/uitruil-grootboek/gemeenten/{gemeente_code}/",
        _s(401, 200, 200, 200, 404, 200),
    ),
    "uitruil-grootboek-provincie": (
        "/api/v1/uitruil-grootboek/provincies/{provincie_slug}/",
        _s(401, 200, 200, 200, 404, 200),
    ),
    "uitruil-intrekken": ("/api/v1/uitruil/{geen}/intrekken/", _s(401, 405, 405, 405, 405, 405)),
    "uitruil-list": ("/api/v1/uitruil/", _s(401, 200, 200, 200, 200, 200)),
    "uitruil-terugsturen": (
        "/api/v1/uitruil/{geen}/terugsturen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "uitruil:actie": ("/uitruil/{geen}/accepteren/", _s(302, 405, 405, 405, 405, 405)),
    "uitruil:detail": ("/uitruil/{geen}/", _s(302, 404, 404, 404, 404, 404)),
    "uitruil:export_csv": ("/uitruil/export.csv", _s(302, 200, 200, 200, 200, 200)),
    "uitruil:export_xlsx": ("/uitruil/export.xlsx", _s(302, 200, 200, 200, 200, 200)),
    "uitruil:grootboek": ("/uitruil/grootboek/", _s(302, 200, 200, 302, 302, 302)),
    "uitruil:grootboek_gemeente": (
        "/uitruil/grootboek/gemeente/{gemeente_slug}/",
        _s(302, 200, 200, 200, 404, 200),
    ),
    "uitruil:grootboek_provincie": (
        "/uitruil/grootboek/provincie/{provincie_slug}/",
        _s(302, 200, 200, 200, 404, 200),
    ),
    "uitruil:lijst": ("/uitruil/", _s(302, 200, 200, 200, 200, 200)),
    "uitruil:taakstelling": ("/uitruil/taakstelling/", _s(302, 200, 403, 200, 200, 200)),
    "uitruil:voorstellen": ("/uitruil/voorstellen/", _s(302, 403, 403, 403, 403, 200)),
    "verdeelbesluit-detail": ("/api/v1/verdeelbesluiten/{geen}/", _s(401, 404, 404, 404, 404, 404)),
    "verdeelbesluit-vaststellen-voorbeeld": (
        "/api/v1/verdeelbesluiten/{geen}/vaststellen/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verdeelbesluit-herzien": (
        "/api/v1/verdeelbesluiten/{geen}/herzien/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "termijnverlenging-voorbeeld": (
        "/api/v1/termijnverlengingen/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "termijnverlenging-corrigeren": (
        "/api/v1/termijnverlengingen/{geen}/corrigeren/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "termijnverlenging-intrekken": (
        "/api/v1/termijnverlengingen/{geen}/intrekken/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "realisatiemelding-corrigeren": (
        "/api/v1/realisatiemeldingen/{geen}/corrigeren/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "realisatiemelding-intrekken": (
        "/api/v1/realisatiemeldingen/{geen}/intrekken/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "realisatiemelding-koppelen": (
        "/api/v1/realisatiemeldingen/koppelen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "realisatiemelding-koppelen-voorbeeld": (
        "/api/v1/realisatiemeldingen/koppelen/voorbeeld/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verdeelbesluit-list": ("/api/v1/verdeelbesluiten/", _s(401, 200, 200, 200, 200, 200)),
    "verdeelbesluit-nieuwe-versie": (
        "/api/v1/verdeelbesluiten/{geen}/nieuwe-versie/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verdeelbesluit-vaststellen": (
        "/api/v1/verdeelbesluiten/{geen}/vaststellen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verlengingsverzoek-besluiten": (
        "/api/v1/verlengingsverzoeken/{geen}/besluiten/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verlengingsverzoek-detail": (
        "/api/v1/verlengingsverzoeken/{geen}/",
        _s(401, 404, 404, 404, 404, 404),
    ),
    "verlengingsverzoek-list": ("/api/v1/verlengingsverzoeken/", _s(401, 200, 200, 200, 200, 200)),
    "verslag-beoordelen": (
        "/api/v1/verslagen/{geen}/beoordelen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verslag-detail": ("/api/v1/verslagen/{verslag}/", _s(401, 200, 200, 200, 404, 200)),
    "verslag-indienen": ("/api/v1/verslagen/{geen}/indienen/", _s(401, 405, 405, 405, 405, 405)),
    "verslag-list": ("/api/v1/verslagen/", _s(401, 200, 200, 200, 200, 200)),
    "verslag-opslaan": ("/api/v1/verslagen/{geen}/opslaan/", _s(401, 405, 405, 405, 405, 405)),
    "verslag-terugsturen": (
        "/api/v1/verslagen/{geen}/terugsturen/",
        _s(401, 405, 405, 405, 405, 405),
    ),
    "verslag-werkboek": (
        "/api/v1/verslagen/{verslag}/werkboek/",
        _s(401, 200, 200, 200, 404, 403),
    ),
    "verslag-versies": ("/api/v1/verslagen/{verslag}/versies/", _s(401, 200, 200, 200, 404, 200)),
    "verslagtermijn-list": ("/api/v1/verslagtermijnen/", _s(401, 200, 200, 200, 200, 200)),
}
