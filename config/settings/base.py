"""Settings shared by every environment.

Every value comes from an environment variable with a default that is safe for local use;
``production.py`` refuses to start without the variables that have no safe default.
Each variable is documented in ``docs/configuration.md``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE as CSP_NONCE
from django.utils.translation import gettext_lazy as _

from core.cache import NietCachen

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SHARED_DIR = BASE_DIR.parent / "shared"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- core -------------------------------------------------------------------------------------
# SECRET_KEY: signs sessions and tokens. The local default is only for development.
SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# SITE_URL: the one address links in mail are built from; `make run` sets it from HOST and PORT.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
ENVIRONMENT = env("ENVIRONMENT", default="local")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "mozilla_django_oidc",
    # project
    "core",
    "accounts",
    "meldingen",
    "raming",
    "locaties",
    "regietafels",
    "uitruil",
    "documenten",
    "bezwaar",
    "herinneringen",
    "raming.scenarios",
    "inzicht",
    # the append-only security log; also registers core/checks.py
    "core.audit",
    # last: caches ORM query results; reads every model when it loads its settings
    "cachalot",
]

MIDDLEWARE = [
    # outermost: a database or broker failure anywhere below becomes a Dutch 503
    "core.middleware.DienstStoringMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.BeveiligingsheadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.ToegangGeweigerdLogMiddleware",
    "core.middleware.SessieTimeoutMiddleware",
    "core.middleware.LoginVereistMiddleware",
    "accounts.middleware.TweeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.Gebruiker"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.regietafel",
                "meldingen.context_processors.meldingen",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------------
# DATABASE_URL: PostgreSQL in every shared environment; the embedded SQLite default is for
# `make run` only.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'regietafel.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ------------------------------------------------------------------------------------
# CACHE_URL: Redis in production (django-redis, shared by the web and Celery workers); local
# memory by default (`make run`: one process). See docs/architecture.md, "The data cache".
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://regietafel")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", default="rt")
# django-cachalot caches the results of ORM queries until a table they read is written
# (transaction- and rollback-aware). Correct across processes only with a shared cache
# (production turns it off on local memory). CACHALOT_TIMEOUT bounds what a write that
# bypasses Django (psql) can leave stale.
CACHALOT_ENABLED = env.bool("CACHALOT_ENABLED", default=True)
CACHALOT_TIMEOUT = env.int("CACHALOT_TIMEOUT", default=600)
CACHALOT_UNCACHABLE_TABLES = NietCachen()
# Page fragments ({% cache %} with cachalot's invalidations in the key) are only kept
# while cachalot notes the writes.
if not CACHALOT_ENABLED:
    CACHES["template_fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# --- auth -------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's own, with the Dutch error message its translation lacks
        "NAME": "accounts.wachtwoord.MinimaleLengteValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# DEMO_MODE: lets the demo users of `make run` skip 2FA. Refused by a system check when
# DEBUG is off outside local/test settings.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

# --- sessions and cookies -----------------------------------------------------------------
SESSION_COOKIE_AGE = env.int("SESSION_ABSOLUTE_TIMEOUT", default=10 * 60 * 60)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)

# --- i18n -------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
# Dutch only while there is no translation: a browser that asks for English still gets
# lang="nl" and Dutch number formatting over the Dutch text (WCAG 3.1.1).
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# PRIVATE_MEDIA_ROOT: uploaded documents, outside the web root; served only through views that
# apply the access rule.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private-media")
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
# UPLOAD_MAX_BYTES: the largest attachment accepted.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)

# --- reference data -------------------------------------------------------------------------
# REFERENCE_DATA_DIR: where `make run` and the demo loader find the CBS files.
REFERENCE_DATA_DIR = env.path("REFERENCE_DATA_DIR", default=SHARED_DIR / "data")
# PROVINCE_MAP_FILE: TopoJSON/GeoJSON with the province boundaries; empty draws a tile map.
PROVINCE_MAP_FILE = env("PROVINCE_MAP_FILE", default="")

# --- e-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Regietafel <noreply@regietafel.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_REPLY_TO = env("EMAIL_REPLY_TO", default="spreidingswet@regietafel.example")

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.api.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Paginering",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # DRF's anon and user throttles, counting per window (core/api/throttling.py, ADR 0017)
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.TellerAnoniem",
        "core.api.throttling.TellerPerGebruiker",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
    },
}
# Personal API tokens (django-rest-knox): only a SHA-512 digest is stored; a token works for
# API_TOKEN_DAGEN days and is then refused (a new one is made on the profile page).
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAGEN", default=90)),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regietafel API",
    "DESCRIPTION": "API voor de cyclus van de Spreidingswet.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # choice sets used by several fields: one named component each
    "ENUM_NAME_OVERRIDES": {
        "LocatieSoortEnum": "locaties.models.Soort",
        "LocatieFaseEnum": "locaties.models.Fase",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.foutcodes_documenteren",
        "core.api.schema.koppelingen_toevoegen",
        "core.api.schema.verwijzingen_koppelen",
    ],
}

# --- Celery -----------------------------------------------------------------------------------
# CELERY_BROKER_URL: Redis. CELERY_TASK_ALWAYS_EAGER runs tasks in-process (the `make run` mode).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only after it ran, so a worker killed mid-task hands it to another;
# every task is idempotent for that reason.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per worker process: long sweeps must not hoard messages.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A stuck SMTP server must not block a worker forever.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "dagelijkse-herinneringen": {
        "task": "herinneringen.tasks.dagelijkse_sweep",
        "schedule": crontab(hour=7, minute=0),
    },
    # Mail of notices that has not left yet (SMTP or the broker was down) is offered again.
    "meldingen-versturen": {
        "task": "meldingen.tasks.sweep",
        "schedule": crontab(minute="*/5"),
    },
}
# MELDINGEN_RETRY_BASIS_SECONDEN: the first wait before a failed notice mail is tried again;
# it doubles with every attempt (60, 120, 240, ... seconds).
MELDINGEN_RETRY_BASIS_SECONDEN = env.int("MELDINGEN_RETRY_BASIS_SECONDEN", default=60)

# --- security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # a per-request nonce for the rare script tag that needs one ({{ request.csp_nonce }})
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# PERMISSIONS_POLICY: browser features the pages never use are switched off
# (core.middleware.BeveiligingsheadersMiddleware).
PERMISSIONS_POLICY = env(
    "PERMISSIONS_POLICY",
    default=(
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
        "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
        "fullscreen=(self)"
    ),
)

# --- brute-force protection -------------------------------------------------------------------
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# the 15 minutes count from the lockout; attempts during it do not extend it (the page says so)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"

# --- logging ----------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step of every page at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- single sign-on (OpenID Connect, optional) ------------------------------------------------
# Switched on by setting OIDC_RP_CLIENT_ID. The provider's claim OIDC_USERNAME_CLAIM (or e-mail)
# is matched against an EXISTING active user; nobody is created. SSO logins skip local 2FA.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="preferred_username")
OIDC_CREATE_USER = False
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/account/inloggen/"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "accounts.oidc.BestaandeGebruikerBackend"]
