from django.apps import AppConfig


class RegietafelsConfig(AppConfig):
    name = "regietafels"
    verbose_name = "Provinciale regietafels"
