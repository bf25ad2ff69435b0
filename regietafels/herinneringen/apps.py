from django.apps import AppConfig


class HerinneringenConfig(AppConfig):
    name = "regietafels.herinneringen"
    label = "herinneringen"
    verbose_name = "Herinneringen"
