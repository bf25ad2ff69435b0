from django.apps import AppConfig

from core.registry import register_home_panel, register_nav


def _home_panel(request):
    # apps.py is imported before the models exist: they are read when the panel is drawn
    from .models import GEEN_BESLUIT, Scenario

    user = request.user
    scenarios = list(
        Scenario.objects.zichtbaar_voor(user)
        .select_related("basis__cyclus")
        .order_by("-gewijzigd_op")[:5]
    )
    if user.is_ministerie:
        titel, leeg = "Scenario's", "Er zijn nog geen scenario's."
    else:
        if not scenarios:
            return None
        titel, leeg = "Scenario's die met u gedeeld zijn", ""
    return {"titel": titel, "scenarios": scenarios, "leeg": leeg, "geen_besluit": GEEN_BESLUIT}


class ScenariosConfig(AppConfig):
    name = "raming.scenarios"
    label = "scenarios"
    verbose_name = "Scenario's"

    def ready(self) -> None:

        register_nav("Scenario's", "scenarios:lijst", rollen={"ministerie"}, volgorde=25)
        register_nav(
            "Gedeelde scenario's", "scenarios:lijst", rollen={"prt-secretaris"}, volgorde=60
        )
        register_home_panel(
            "scenarios/_panel.html",
            rollen={"ministerie", "prt-secretaris"},
            context=_home_panel,
            tabellen=("raming", "scenarios"),
            volgorde=40,
        )
