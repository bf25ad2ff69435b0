"""Settings for the test suite: PostgreSQL and Redis, as in production."""

import os

from .base import *  # noqa: F403
from .base import env

# Playwright drives the browser from the same thread as pytest-django's live_server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ENVIRONMENT = "test"
DEBUG = False
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/regietafel")
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# a test database is thrown away: no waiting for the disk at every commit (transactional and
# live-server tests commit at every write)
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_TASK_ALWAYS_EAGER = False
# Redis as in production (cachalot's query cache and the page fragments on it). One run's
# keys carry its own prefix, and each pytest-xdist worker its own under it: the workers share
# the database of the Celery queue (CACHE_URL, default the broker's). The run id is set by the
# first process that loads these settings and inherited by the workers it starts (and by the
# Celery worker a test starts).
_RUN = os.environ.setdefault("RT_TEST_RUN", os.urandom(4).hex())
CACHES = {
    "default": {
        "BACKEND": "tests.rediscache.PrefixRedisCache",
        "LOCATION": env("CACHE_URL", default=CELERY_BROKER_URL),
        "KEY_PREFIX": f"rt-test-{_RUN}-{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}",
        "TIMEOUT": 900,
    }
}
CACHALOT_ENABLED = True
# The Celery queue keys of one pytest-xdist worker carry its prefix too: a Celery-worker test
# in one xdist worker never sees a task that a test in another one put on the queue. The worker
# subprocess a test starts inherits the run id and xdist worker name, so it reads the same keys.
BROKER_SLEUTELPREFIX = f"{CACHES['default']['KEY_PREFIX']}:"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "global_keyprefix": BROKER_SLEUTELPREFIX,
}
# cachalot names the backends it knows; PrefixRedisCache is django-redis with a narrower clear().
SILENCED_SYSTEM_CHECKS = ["cachalot.W001"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PROVINCE_MAP_FILE = str(SHARED_DIR / "data" / "cbs_provincies_2025_wgs84.topojson")  # noqa: F405
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default="/tmp/regietafel-test-media")  # noqa: S108
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "100000/minute"}
AXES_ENABLED = True
