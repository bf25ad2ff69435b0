"""The embedded `make run` mode: SQLite, tasks in-process, mail to var/mail/, demo logins."""

from .base import *  # noqa: F403
from .base import env

# `make run` serves like production: no debug pages (Dutch 404/500 instead), static files
# through whitenoise. `make run DEBUG=1` gives Django's debug pages for developers.
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# whitenoise serves the files from the apps' and the project's static folders directly, so
# `make run` needs no collectstatic step
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
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
# With tasks in-process, the zip of all beschikkingen is built in a thread beside the request,
# so its status page shows the progress (documenten.bundels).
DOCUMENTEN_BUNDEL_IN_DRAAD = CELERY_TASK_ALWAYS_EAGER
