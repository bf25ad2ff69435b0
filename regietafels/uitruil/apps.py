from django.apps import AppConfig


class UitruilConfig(AppConfig):
    name = "regietafels.uitruil"
    label = "uitruil"
    verbose_name = "Uitruil"
