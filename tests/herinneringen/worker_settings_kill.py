"""Settings for the workers that test_worker_kill.py starts and kills: the end-to-end worker
settings, with a broker visibility timeout of seconds instead of an hour, and kombu's Redis
transport scanning for unacknowledged messages every second, so the message of a killed worker
is redelivered to the next worker within the test's time budget.

The claim lease (HERINNERINGEN_CLAIM_SECONDEN) is deliberately left at its default (twice the
hard time limit): the redelivered task must take its own claim back by its task id, not because
the lease ran out."""

from tests.herinneringen.worker_settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405  (the test run's key prefix)
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
