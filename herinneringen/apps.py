from django.apps import AppConfig

from core.registry import register_home_panel, register_nav

ALLE_ROLLEN = ("ministerie", "prt-secretaris", "gemeente", "coa")


class HerinneringenConfig(AppConfig):
    name = "herinneringen"
    label = "herinneringen"
    verbose_name = "Herinneringen"

    def ready(self):

        # imported here, not at the top: these modules read models, which exist only once
        # the app registry is ready
        from .selectors import home_panel_context

        register_nav("Mijn termijnen", "herinneringen:mijn", rollen=ALLE_ROLLEN, volgorde=80)
        register_nav("Alle termijnen", "herinneringen:alle", rollen=("coa",), volgorde=81)
        register_home_panel(
            "herinneringen/home_panel.html",
            rollen=ALLE_ROLLEN,
            context=home_panel_context,
            # every kind of term, and who receives it
            tabellen=(
                "accounts",
                "raming",
                "regietafels",
                "uitruil",
                "bezwaar",
                "locaties",
                "herinneringen",
            ),
            volgorde=10,
        )
