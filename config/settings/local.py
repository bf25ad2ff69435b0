"""The embedded `make run` mode: SQLite, tasks in-process, mail to the console, demo logins."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ENVIRONMENT = env("ENVIRONMENT", default="local")
DEMO_MODE = env.bool("DEMO_MODE", default=True)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
PROVINCE_MAP_FILE = env(
    "PROVINCE_MAP_FILE",
    default=str(SHARED_DIR / "data" / "cbs_provincies_2025_wgs84.topojson"),  # noqa: F405
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
