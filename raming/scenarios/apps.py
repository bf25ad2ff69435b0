from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "raming.scenarios"
    label = "scenarios"
    verbose_name = "Scenario's"
