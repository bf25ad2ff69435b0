from django.apps import AppConfig


class BezwaarConfig(AppConfig):
    name = "bezwaar"
    verbose_name = "Bezwaar"

    def ready(self) -> None:
        from core.registry import register_nav

        register_nav(
            "Bezwaren",
            "bezwaar:lijst",
            rollen={"ministerie", "coa", "prt-secretaris", "gemeente"},
            volgorde=48,
        )
