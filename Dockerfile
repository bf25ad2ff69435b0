# Regietafel: the web app, the Celery worker and Celery beat run from this one image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Pango renders the documents (PDF/A through WeasyPrint, ADR 0012); the font is in static/fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, pinned by the same constraints file as CI, so code changes reuse the layer.
COPY pyproject.toml README.md ./
COPY requirements/constraints.txt requirements/constraints.txt
RUN pip install -c requirements/constraints.txt .

COPY . .

# Static files are collected at build time (production settings need these three variables to
# load; none of the values ends up in the image's runtime configuration).
RUN SECRET_KEY=collectstatic-only-not-a-secret \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/collectstatic.sqlite3

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin regietafel \
    && mkdir -p /app/var/private-media \
    && chown -R regietafel:regietafel /app/var
USER regietafel

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
