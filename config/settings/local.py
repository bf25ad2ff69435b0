"""The embedded `make run` mode: SQLite, tasks in-process, mail to var/mail/, demo logins."""

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
# Mail is written as .log files to var/mail/ (one file per run of the sender), so the demo's
# receipts and reminders can be read without a mail server.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
