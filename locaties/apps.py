from django.apps import AppConfig


class LocatiesConfig(AppConfig):
    name = "locaties"
    label = "locaties"
    verbose_name = "Opvanglocaties"

    def ready(self) -> None:
        from .apps_beschikbaar import registreren

        registreren()
