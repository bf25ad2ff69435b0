from django.apps import AppConfig

from core.registry import register_nav


class BezwaarConfig(AppConfig):
    name = "bezwaar"
    verbose_name = "Bezwaar"

    def ready(self) -> None:
        register_nav(
            "Bezwaren",
            "bezwaar:lijst",
            rollen={"ministerie", "coa", "prt-secretaris", "gemeente"},
            volgorde=48,
        )
