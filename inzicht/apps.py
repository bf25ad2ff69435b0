from django.apps import AppConfig

from core.registry import register_nav


class InzichtConfig(AppConfig):
    name = "inzicht"
    label = "inzicht"
    verbose_name = "Inzicht"

    def ready(self):

        # charts, map and timeline for ministry, COA and PRT secretaries
        register_nav(
            "Inzicht",
            "inzicht:overzicht",
            rollen={"ministerie", "coa", "prt-secretaris"},
            volgorde=80,
        )
