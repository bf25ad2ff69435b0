from django.apps import AppConfig

from core.registry import register_home_panel, register_nav


class UitruilConfig(AppConfig):
    name = "uitruil"
    label = "uitruil"
    verbose_name = "Uitruil"

    def ready(self) -> None:

        # imported here, not at the top: these modules read models, which exist only once
        # the app registry is ready
        from . import home

        register_nav(
            "Uitruil",
            "uitruil:lijst",
            rollen={"ministerie", "prt-secretaris", "gemeente", "coa"},
            volgorde=40,
        )
        register_home_panel(
            "uitruil/_home_reactie.html",
            rollen={"gemeente", "prt-secretaris"},
            context=home.reactie_context,
            tabellen=("accounts", "raming", "uitruil"),
            volgorde=20,
        )
        register_home_panel(
            "uitruil/_home_overzicht.html",
            rollen={"ministerie", "coa"},
            context=home.overzicht_context,
            tabellen=("raming", "uitruil"),
            volgorde=60,
        )
