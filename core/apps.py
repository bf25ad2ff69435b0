from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import gegevenscache
        from .registry import register_nav

        gegevenscache.installeren()

        # core/inzicht: charts, map and timeline for ministry, COA and PRT secretaries
        register_nav(
            "Inzicht",
            "inzicht:overzicht",
            rollen={"ministerie", "coa", "prt-secretaris"},
            volgorde=80,
        )
