from django.apps import AppConfig

from core.registry import register_sectie
from raming.signalen import raming_gepubliceerd
from regietafels.signalen import verdeelbesluit_vastgesteld, verslag_ingediend


class DocumentenConfig(AppConfig):
    name = "documenten"
    verbose_name = "Documenten"

    def ready(self) -> None:
        # imported here, not at the top: these modules read models (and the tasks), which
        # exist only once the app registry is ready
        from . import ontvangers, secties

        verdeelbesluit_vastgesteld.connect(
            ontvangers.verdeelbesluit_vastgesteld, dispatch_uid="documenten-verdeelbesluit"
        )
        verslag_ingediend.connect(ontvangers.verslag_ingediend, dispatch_uid="documenten-verslag")
        raming_gepubliceerd.connect(
            ontvangers.raming_gepubliceerd, dispatch_uid="documenten-raming"
        )

        register_sectie(
            "regietafels:verdeelbesluit",
            "documenten/secties/verdeelbesluit.html",
            context=secties.verdeelbesluit,
        )
        register_sectie(
            "regietafels:gemeente", "documenten/secties/gemeente.html", context=secties.gemeente
        )
        register_sectie(
            "regietafels:verslagversie",
            "documenten/secties/verslagversie.html",
            context=secties.verslagversie,
        )
        register_sectie("raming:raming", "documenten/secties/raming.html", context=secties.raming)
