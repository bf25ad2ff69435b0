from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "documenten"
    verbose_name = "Documenten"

    def ready(self) -> None:
        from core.registry import register_sectie

        from . import secties

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
