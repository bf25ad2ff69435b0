"""Registrations of the meerjarig-beschikbaar part, called from ``LocatiesConfig.ready``."""

from __future__ import annotations


def registreren() -> None:
    from core.registry import register_sectie

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
