from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _na_migreren(sender, **kwargs):
    """After ``migrate`` every value in the data cache is invalid: a migration may change the
    schema or the data in ways the cached values do not know of (``ALTER TABLE`` is no write
    the cache notices)."""
    from django.apps import apps

    from . import gegevenscache

    gegevenscache.markeren(m._meta.db_table for m in apps.get_models(include_auto_created=True))


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import gegevenscache, grenzen

        gegevenscache.installeren()
        grenzen.installeren()
        post_migrate.connect(_na_migreren, sender=self, dispatch_uid="gegevenscache-migrate")
