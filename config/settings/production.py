"""Production: refuses to start without the variables that have no safe default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

for _required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env.str(_required, default=""):
        raise ImproperlyConfigured(
            f"{_required} ontbreekt: production settings start niet zonder deze variabele."
        )

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DEBUG = False
DEMO_MODE = False
ENVIRONMENT = env("ENVIRONMENT", default="production")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are bound to this host, HTTPS and path "/".
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Cachalot's cached query results are only correct when every process shares the cache: with
# local memory a write in one worker would not invalidate another worker's results. A
# deployment check (regietafel.W001) asks for CACHE_URL.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    CACHALOT_ENABLED = False
    CACHES["template_fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
else:
    # Sessions are read from the shared cache and written through to the database: one query
    # less per page. Only with a shared cache: a per-process copy would outlive a logout.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
