"""Settings for `make bench`: production settings plus a baseline view (no database).

Run with the production variables set (bench/run.sh does): SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, and SECURE_SSL_REDIRECT=false for plain HTTP on the loopback address.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.baseline_urls"
