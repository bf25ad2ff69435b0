"""The append-only security log (app label ``audit``).

Other apps record an export with ``core.audit.log_export(request, wat)``.
"""

from __future__ import annotations


def log_export(request, wat: str, **details) -> None:
    """Record that the user of ``request`` exported ``wat`` (e.g. "verslagen (xlsx)")."""
    # the package is imported while the app registry loads, before its models exist
    from .models import Soort
    from .services import log_gebeurtenis

    log_gebeurtenis(soort=Soort.EXPORT, request=request, details={"wat": wat, **details})
