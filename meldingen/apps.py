from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    """The list of notices is reached from the page header (with the unread count)."""

    name = "meldingen"
    label = "meldingen"
    verbose_name = "Meldingen"
