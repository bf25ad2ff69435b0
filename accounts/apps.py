from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers"

    def ready(self):
        # the login receiver that records the second factor in the session
        from . import middleware  # noqa: F401
