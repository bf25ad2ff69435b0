from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        # imported when the app is ready, with the field classes it sets the bounds on
        from . import grenzen

        grenzen.installeren()
