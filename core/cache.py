"""What the caches are configured with (config/settings/base.py); no caching of its own.

Query results are cached by django-cachalot, heavy page fragments by Django's ``{% cache %}``
tag with cachalot's last invalidation of each table in the key (see docs/architecture.md,
"The data cache"). This module only names the tables cachalot leaves alone and what of a user
the access rules read (part of a fragment's key).
"""

from __future__ import annotations

# Written on (almost) every request or only ever appended to and seldom read: caching their
# queries would only churn the cache.
VASTE_NIET_CACHEN = (
    "django_migrations",
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattemptexpiration",
    "audit_beveiligingsgebeurtenis",
    # the mail outbox: rows are claimed and marked sent by other processes (the worker), so a
    # reader must always see the database, never a cached result
    "meldingen_mail",
    # the progress record of a zip: written by the worker's processes while the status page
    # polls it, so it is read from the database (a cached "inpakken" once outlived "klaar")
    "documenten_bundel",
)


class NietCachen:
    """The tables cachalot must not cache (``CACHALOT_UNCACHABLE_TABLES``): the fixed ones above
    and every history table of django-simple-history. An iterable read when cachalot loads its
    settings (``cachalot`` is the last installed app, so every model is registered by then)."""

    def __iter__(self):
        from django.apps import apps

        yield from VASTE_NIET_CACHEN
        for model in apps.get_models():
            if getattr(model, "_meta", None) and model.__name__.startswith("Historical"):
                yield model._meta.db_table


def bereik(user) -> str:
    """What the access rules (``zichtbaar_voor``) read of ``user``: part of the key of a page
    fragment that users with the same role, province and gemeente share."""
    if not getattr(user, "is_authenticated", False):
        return "anoniem"
    return (
        f"{getattr(user, 'rol', '')}:{getattr(user, 'provincie_id', None)}:"
        f"{getattr(user, 'gemeente_id', None)}:{int(user.is_active)}"
    )
