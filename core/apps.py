from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import grenzen

        grenzen.installeren()
