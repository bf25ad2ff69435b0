from django.apps import AppConfig

ALLE_ROLLEN = ("ministerie", "prt-secretaris", "gemeente", "coa")


class MeldingenConfig(AppConfig):
    name = "meldingen"
    label = "meldingen"
    verbose_name = "Meldingen"

    def ready(self):
        from core.registry import register_nav

        register_nav("Meldingen", "meldingen:lijst", rollen=ALLE_ROLLEN, volgorde=85)
