from django.apps import AppConfig

from core.registry import register_home_panel, register_nav

from .apps_beschikbaar import registreren


class LocatiesConfig(AppConfig):
    name = "locaties"
    label = "locaties"
    verbose_name = "Opvanglocaties"

    def ready(self) -> None:
        # imported here, not at the top: the panel reads models, which exist only once the
        # app registry is ready
        from . import home

        register_nav(
            "Opvanglocaties",
            "locaties:lijst",
            rollen={"ministerie", "prt-secretaris", "gemeente", "coa"},
            volgorde=35,
        )
        register_home_panel(
            "locaties/_home_coa.html",
            rollen={"coa"},
            context=home.coa_context,
            tabellen=("locaties.opvanglocatie",),
            volgorde=15,
        )
        registreren()
