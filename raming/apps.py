from django.apps import AppConfig


class RamingConfig(AppConfig):
    name = "raming"
    verbose_name = "Capaciteitsraming"
