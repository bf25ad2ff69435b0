from django.apps import AppConfig

from core.registry import register_nav

from .apps_beschikbaar import registreren


class LocatiesConfig(AppConfig):
    name = "locaties"
    label = "locaties"
    verbose_name = "Opvanglocaties"

    def ready(self) -> None:
        register_nav(
            "Opvanglocaties",
            "locaties:lijst",
            rollen={"ministerie", "prt-secretaris", "gemeente", "coa"},
            volgorde=35,
        )
        registreren()
