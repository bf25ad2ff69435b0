"""Work beside the request when there is no worker (``make run``: tasks in-process).

``DOCUMENTEN_BUNDEL_IN_DRAAD`` (set where tasks run in-process) makes the zip of all
beschikkingen and a raming's publication text (a long table, several seconds) be made in a
thread beside the request: the page answers at once and shows the progress. One thread per
piece of work at a time; what it makes is stored like the worker's (idempotent)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

_bezig: set[str] = set()
_slot = threading.Lock()


def in_draad() -> bool:
    return bool(getattr(settings, "DOCUMENTEN_BUNDEL_IN_DRAAD", False))


def bezig(sleutel: str) -> bool:
    with _slot:
        return sleutel in _bezig


def starten(sleutel: str, functie, *args, **kwargs) -> bool:
    """Run ``functie`` in a thread unless the work of ``sleutel`` is already running; True
    when a thread was started."""
    with _slot:
        if sleutel in _bezig:
            return False
        _bezig.add(sleutel)

    def uitvoeren() -> None:
        try:
            functie(*args, **kwargs)
        except Exception:  # recorded where the work records its failure, and logged
            logger.exception("Achtergrondwerk %s mislukt", sleutel)
        finally:
            with _slot:
                _bezig.discard(sleutel)
            connection.close()

    threading.Thread(target=uitvoeren, daemon=True, name=f"documenten-{sleutel}").start()
    return True
