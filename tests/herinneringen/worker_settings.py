"""Settings for the Celery worker that the end-to-end test starts: the test settings, but with
the mail backend from the environment (the test settings pin the in-memory backend)."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
