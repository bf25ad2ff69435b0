from django.apps import AppConfig

from core.registry import register_home_panel, register_nav, register_sectie


class RegietafelsConfig(AppConfig):
    name = "regietafels"
    verbose_name = "Provinciale regietafels"

    def ready(self) -> None:

        # imported here, not at the top: these modules read models, which exist only once
        # the app registry is ready
        from . import panels, verlenging_views

        register_sectie(
            "raming:cyclus:te-laat",
            "regietafels/secties/late_raming.html",
            context=verlenging_views.cyclus_sectie,
        )
        register_sectie(
            "raming:cyclus:mijlpaal:verslag",
            "regietafels/secties/cyclus_verslagmijlpaal.html",
            context=verlenging_views.cyclus_verslagmijlpaal_sectie,
        )
        register_sectie(
            "raming:mijlpaal:verslag",
            "regietafels/secties/verslagmijlpaal.html",
            context=verlenging_views.verslagmijlpaal_sectie,
        )

        register_nav(
            "Regietafels", "regietafels:overzicht", rollen={"ministerie", "coa"}, volgorde=20
        )
        register_nav("Regietafel", "regietafels:overzicht", rollen={"prt-secretaris"}, volgorde=20)
        register_nav(
            "Verdeelbesluit",
            "regietafels:verdeelbesluiten",
            rollen={"ministerie", "coa", "prt-secretaris"},
            volgorde=40,
        )
        register_nav(
            "Realisatie",
            "regietafels:realisatie",
            rollen={"ministerie", "coa", "prt-secretaris"},
            volgorde=45,
        )
        register_nav("Mijn opgave", "regietafels:gemeente", rollen={"gemeente"}, volgorde=20)
        register_home_panel(
            "regietafels/panels/ministerie.html",
            rollen={"ministerie", "coa"},
            context=panels.ministerie,
            tabellen=("raming", "regietafels"),
            volgorde=20,
        )
        register_home_panel(
            "regietafels/panels/prt.html",
            rollen={"prt-secretaris"},
            context=panels.prt,
            tabellen=("accounts", "raming", "regietafels"),
            volgorde=20,
        )
        register_home_panel(
            "regietafels/panels/gemeente.html",
            rollen={"gemeente"},
            context=panels.gemeente,
            # realised places count the register's locations
            tabellen=(
                "accounts",
                "raming",
                "regietafels",
                "locaties.opvanglocatie",
                "locaties.fasewijziging",
            ),
            volgorde=20,
        )
