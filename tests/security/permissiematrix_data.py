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
    "accounts:herstelcodes-vernieuwen": (
        "/account/tweede-factor/herstelcodes/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "accounts:profiel": ("/account/profiel/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:token-aanmaken": ("/account/token/aanmaken/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:token-intrekken": ("/account/token/intrekken/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:tweede-factor": ("/account/tweede-factor/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:tweede-factor-instellen": ("/account/tweede-factor/instellen/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:tweede-factor-uitschakelen": (
        "/account/tweede-factor/uitschakelen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "accounts:wachtwoord-gewijzigd": ("/account/wachtwoord/gewijzigd/", _s(0, 0, 0, 0, 0, 0)),
    "accounts:wachtwoord-wijzigen": ("/account/wachtwoord/wijzigen/", _s(0, 0, 0, 0, 0, 0)),
    "admin:index": ("/beheer/", _s(0, 0, 0, 0, 0, 0)),
    "api-docs": ("/api/v1/docs/", _s(0, 0, 0, 0, 0, 0)),
    "api-mij": ("/api/v1/mij/", _s(0, 0, 0, 0, 0, 0)),
    "api-schema": ("/api/v1/schema/", _s(0, 0, 0, 0, 0, 0)),
    "cyclus-detail": ("/api/v1/cycli/(?P<jaar>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "cyclus-list": ("/api/v1/cycli/", _s(0, 0, 0, 0, 0, 0)),
    "cyclus-verslagtermijn-verlengen": (
        "/api/v1/cycli/(?P<jaar>[/.]+)/verslagtermijn-verlengen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "gemeente-detail": ("/api/v1/gemeenten/(?P<pk>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "gemeente-list": ("/api/v1/gemeenten/", _s(0, 0, 0, 0, 0, 0)),
    "herinneringen:agenda": ("/termijnen/agenda/ongeldig-token.ics", _s(0, 0, 0, 0, 0, 0)),
    "herinneringen:alle": ("/termijnen/alle/", _s(0, 0, 0, 0, 0, 0)),
    "herinneringen:mijn": ("/termijnen/", _s(0, 0, 0, 0, 0, 0)),
    "herinneringen:voorkeuren": ("/termijnen/voorkeuren/", _s(0, 0, 0, 0, 0, 0)),
    "home": ("/", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:csv": ("/inzicht/csv/voortgang.csv", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:openbaar-kaart": ("/inzicht/openbaar/kaart/", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:openbaar-kaart-csv": ("/inzicht/openbaar/kaart.csv", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:overzicht": ("/inzicht/", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:provincie": ("/inzicht/provincie/{provincie_code}/", _s(0, 0, 0, 0, 0, 0)),
    "inzicht:provincie-csv": (
        "/inzicht/provincie/{provincie_code}/voortgang.csv",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "login": ("/account/inloggen/", _s(0, 0, 0, 0, 0, 0)),
    "logout": ("/account/uitloggen/", _s(0, 0, 0, 0, 0, 0)),
    "oidc_authentication_callback": ("/account/oidc/terugkeer/", _s(0, 0, 0, 0, 0, 0)),
    "oidc_authentication_init": ("/account/oidc/starten/", _s(0, 0, 0, 0, 0, 0)),
    "password_reset": ("/account/wachtwoord-vergeten/", _s(0, 0, 0, 0, 0, 0)),
    "password_reset_complete": ("/account/wachtwoord-herstellen/klaar/", _s(0, 0, 0, 0, 0, 0)),
    "password_reset_confirm": ("/account/wachtwoord-herstellen/MQ/ongeldig/", _s(0, 0, 0, 0, 0, 0)),
    "password_reset_done": ("/account/wachtwoord-vergeten/verstuurd/", _s(0, 0, 0, 0, 0, 0)),
    "provincie-detail": ("/api/v1/provincies/(?P<pk>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "provincie-list": ("/api/v1/provincies/", _s(0, 0, 0, 0, 0, 0)),
    "raming-berekenen": ("/api/v1/ramingen/(?P<pk>[/.]+)/berekenen/", _s(0, 0, 0, 0, 0, 0)),
    "raming-detail": ("/api/v1/ramingen/(?P<pk>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "raming-list": ("/api/v1/ramingen/", _s(0, 0, 0, 0, 0, 0)),
    "raming-publiceren": ("/api/v1/ramingen/(?P<pk>[/.]+)/publiceren/", _s(0, 0, 0, 0, 0, 0)),
    "raming-uitstellen": ("/api/v1/ramingen/(?P<pk>[/.]+)/uitstellen/", _s(0, 0, 0, 0, 0, 0)),
    "raming-vaststellen": ("/api/v1/ramingen/(?P<pk>[/.]+)/vaststellen/", _s(0, 0, 0, 0, 0, 0)),
    "raming-verdeling": ("/api/v1/ramingen/(?P<pk>[/.]+)/verdeling/", _s(0, 0, 0, 0, 0, 0)),
    "raming-wijziging": ("/api/v1/ramingen/(?P<pk>[/.]+)/wijziging/", _s(0, 0, 0, 0, 0, 0)),
    "raming:beschikbaar_vastleggen": ("/raming/cycli/{jaar}/beschikbaar/", _s(0, 0, 0, 0, 0, 0)),
    "raming:cycli": ("/raming/cycli/", _s(0, 0, 0, 0, 0, 0)),
    "raming:cyclus": ("/raming/cycli/{jaar}/", _s(0, 0, 0, 0, 0, 0)),
    "raming:gemeente": (
        "/raming/ramingen/{raming}/gemeente/{gemeente_slug}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "raming:invoerbesluit_toevoegen": ("/raming/cycli/{jaar}/invoerbesluit/", _s(0, 0, 0, 0, 0, 0)),
    "raming:mijlpaal_wijzigen": ("/raming/cycli/{jaar}/mijlpalen/{geen}/", _s(0, 0, 0, 0, 0, 0)),
    "raming:openbaar": ("/raming/openbaar/", _s(0, 0, 0, 0, 0, 0)),
    "raming:openbaar_csv": ("/raming/openbaar/{jaar}/provincie.csv", _s(0, 0, 0, 0, 0, 0)),
    "raming:openbaar_gemeente": (
        "/raming/openbaar/{jaar}/gemeente/{gemeente_slug}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "raming:openbaar_raming": ("/raming/openbaar/{jaar}/", _s(0, 0, 0, 0, 0, 0)),
    "raming:openbaar_xlsx": ("/raming/openbaar/{jaar}/raming.xlsx", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming": ("/raming/ramingen/{raming}/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_aanmaken": ("/raming/cycli/{jaar}/raming/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_berekenen": ("/raming/ramingen/{raming}/berekenen/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_invoer": ("/raming/ramingen/{raming}/invoer/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_publiceren": ("/raming/ramingen/{raming}/publiceren/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_uitstellen": ("/raming/ramingen/{raming}/uitstellen/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_vaststellen": ("/raming/ramingen/{raming}/vaststellen/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_verschil": ("/raming/ramingen/{raming}/verschil/", _s(0, 0, 0, 0, 0, 0)),
    "raming:raming_wijziging": ("/raming/ramingen/{raming}/wijziging/", _s(0, 0, 0, 0, 0, 0)),
    "raming:verslagtermijn_verlengen": (
        "/raming/cycli/{jaar}/verslagtermijn-verlengen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:beoordelen": (
        "/regietafels/{regietafel}/verslag/beoordelen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:bijlage_downloaden": (
        "/regietafels/{regietafel}/verslag/bijlagen/{geen}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:bijlage_toevoegen": (
        "/regietafels/{regietafel}/verslag/bijlagen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:bijlage_verwijderen": (
        "/regietafels/{regietafel}/verslag/bijlagen/{geen}/verwijderen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:gemeente": ("/regietafels/gemeente/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:indienen": ("/regietafels/{regietafel}/verslag/indienen/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:ontvangst": (
        "/regietafels/{regietafel}/verslag/ontvangst/1/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:overzicht": ("/regietafels/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:realisatie": ("/regietafels/realisatie/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:regietafel": ("/regietafels/{regietafel}/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:verdeelbesluit": ("/regietafels/verdeelbesluit/{geen}/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:verdeelbesluit_export": (
        "/regietafels/verdeelbesluit/{geen}/export.xlsx",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verdeelbesluit_nieuwe_versie": (
        "/regietafels/verdeelbesluit/{geen}/nieuwe-versie/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verdeelbesluit_regel": (
        "/regietafels/verdeelbesluit/{geen}/regels/{geen}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verdeelbesluit_vaststellen": (
        "/regietafels/verdeelbesluit/{geen}/vaststellen/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verdeelbesluiten": ("/regietafels/verdeelbesluit/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:verlenging": (
        "/regietafels/{regietafel}/verslag/verlenging/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verlengingen": ("/regietafels/verlengingen/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:versie": ("/regietafels/{regietafel}/verslag/versies/1/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:versies": ("/regietafels/{regietafel}/verslag/versies/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:verslag": ("/regietafels/{regietafel}/verslag/", _s(0, 0, 0, 0, 0, 0)),
    "regietafels:verslag_aanmaken": (
        "/regietafels/{regietafel}/verslag/aanmaken/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "regietafels:verzoek_besluiten": (
        "/regietafels/verlengingen/{geen}/besluiten/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "scenario-delen": ("/api/v1/scenarios/(?P<pk>[/.]+)/delen/", _s(0, 0, 0, 0, 0, 0)),
    "scenario-detail": ("/api/v1/scenarios/(?P<pk>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "scenario-list": ("/api/v1/scenarios/", _s(0, 0, 0, 0, 0, 0)),
    "scenario-promoveren": ("/api/v1/scenarios/(?P<pk>[/.]+)/promoveren/", _s(0, 0, 0, 0, 0, 0)),
    "scenario-vergelijken": ("/api/v1/scenarios/vergelijken/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:bewerken": ("/scenarios/{geen}/bewerken/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:delen": ("/scenarios/{geen}/delen/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:delen_stoppen": ("/scenarios/{geen}/delen-stoppen/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:detail": ("/scenarios/{geen}/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:lijst": ("/scenarios/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:nieuw": ("/scenarios/nieuw/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:promoveren": ("/scenarios/{geen}/promoveren/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:vergelijken": ("/scenarios/vergelijken/", _s(0, 0, 0, 0, 0, 0)),
    "scenarios:vergelijken_xlsx": ("/scenarios/vergelijken/xlsx/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-accepteren": ("/api/v1/uitruil/(?P<pk>[/.]+)/accepteren/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-afwijzen": ("/api/v1/uitruil/(?P<pk>[/.]+)/afwijzen/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-annuleren": ("/api/v1/uitruil/(?P<pk>[/.]+)/annuleren/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-bevestigen": ("/api/v1/uitruil/(?P<pk>[/.]+)/bevestigen/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-detail": ("/api/v1/uitruil/(?P<pk>[/.]+)/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-grootboek-gemeente": (
        "/api/v1/uitruil-grootboek/gemeenten/{gemeente_code}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "uitruil-grootboek-provincie": (
        "/api/v1/uitruil-grootboek/provincies/{provincie_slug}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "uitruil-intrekken": ("/api/v1/uitruil/(?P<pk>[/.]+)/intrekken/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-list": ("/api/v1/uitruil/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil-terugsturen": ("/api/v1/uitruil/(?P<pk>[/.]+)/terugsturen/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:actie": ("/uitruil/{geen}/accepteren/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:detail": ("/uitruil/{geen}/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:export_csv": ("/uitruil/export.csv", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:export_xlsx": ("/uitruil/export.xlsx", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:grootboek": ("/uitruil/grootboek/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:grootboek_gemeente": (
        "/uitruil/grootboek/gemeente/{gemeente_slug}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "uitruil:grootboek_provincie": (
        "/uitruil/grootboek/provincie/{provincie_slug}/",
        _s(0, 0, 0, 0, 0, 0),
    ),
    "uitruil:lijst": ("/uitruil/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:taakstelling": ("/uitruil/taakstelling/", _s(0, 0, 0, 0, 0, 0)),
    "uitruil:voorstellen": ("/uitruil/voorstellen/", _s(0, 0, 0, 0, 0, 0)),
}
