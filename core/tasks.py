"""Dispatching Celery tasks without letting a broker outage break the user's request.

Call from ``transaction.on_commit``::

    transaction.on_commit(lambda: veilig_verzenden(stuur_herinnering, verslag.pk))

When Redis is down the task is not queued; the error is logged and the periodic sweep
(``dagelijkse_sweep``) picks the work up at its next run, since every task is idempotent.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("regietafel.taken")


def _brokerfouten() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as KombuOperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def veilig_verzenden(task, *args, **kwargs):
    """``task.apply_async(args, kwargs)``; returns the AsyncResult, or None if the broker
    could not be reached (logged, not raised)."""
    try:
        # retry=False: fail fast instead of blocking the request on reconnect attempts
        return task.apply_async(args=args, kwargs=kwargs, retry=False)
    except _brokerfouten() as exc:
        logger.warning(
            "taak %s niet in de wachtrij gezet (broker onbereikbaar: %s); de volgende "
            "sweep haalt het in",
            getattr(task, "name", task),
            exc,
        )
        return None
