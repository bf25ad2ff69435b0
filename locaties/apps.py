from django.apps import AppConfig


class LocatiesConfig(AppConfig):
    name = "locaties"
    label = "locaties"
    verbose_name = "Opvanglocaties"

    def ready(self) -> None:
        from core.registry import register_nav

        from .apps_beschikbaar import registreren

        register_nav(
            "Opvanglocaties",
            "locaties:lijst",
            rollen={"ministerie", "prt-secretaris", "gemeente", "coa"},
            volgorde=35,
        )
        registreren()
