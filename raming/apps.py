from django.apps import AppConfig

from core.registry import register_home_panel, register_nav


class RamingConfig(AppConfig):
    name = "raming"
    verbose_name = "Capaciteitsraming"

    def ready(self) -> None:

        # imported here, not at the top: these modules read models, which exist only once
        # the app registry is ready
        from . import home

        register_nav("Capaciteitsraming", "raming:cycli", rollen={"ministerie"}, volgorde=10)
        register_nav(
            "Capaciteitsraming",
            "raming:openbaar",
            rollen={"prt-secretaris", "gemeente", "coa"},
            volgorde=10,
        )
        register_home_panel(
            "raming/panels/ministerie.html",
            rollen={"ministerie"},
            context=home.ministerie_context,
            # the verslag deadline after extensions is regietafels' section
            tabellen=("raming", "regietafels"),
            volgorde=10,
        )
        register_home_panel(
            "raming/panels/landelijk.html",
            rollen={"coa"},
            context=home.landelijk_context,
            tabellen=("raming",),
            volgorde=10,
        )
        register_home_panel(
            "raming/panels/prt.html",
            rollen={"prt-secretaris"},
            context=home.prt_context,
            tabellen=("raming",),
            volgorde=10,
        )
        register_home_panel(
            "raming/panels/gemeente.html",
            rollen={"gemeente"},
            context=home.gemeente_context,
            tabellen=("raming",),
            volgorde=10,
        )
