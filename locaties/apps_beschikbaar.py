"""Registrations of the meerjarig-beschikbaar part, called from ``LocatiesConfig.ready``."""

from __future__ import annotations

from core.registry import register_sectie


def registreren() -> None:
    # imported here, not at the top: it reads models, which exist only once the app registry
    # is ready
    from . import beschikbaar_secties

    register_sectie(
        "raming:cyclus:beschikbaar",
        "locaties/secties/beschikbaar_cyclus.html",
        context=beschikbaar_secties.cyclus_sectie,
    )
    register_sectie(
        "raming:raming:beschikbaar",
        "locaties/secties/beschikbaar_raming.html",
        context=beschikbaar_secties.raming_sectie,
    )
