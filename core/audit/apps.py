from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "core.audit"
    label = "audit"
    verbose_name = "Beveiligingslog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the system checks of core/checks.py and the signal receivers that fill the log
        from django.db.models.signals import post_migrate

        from core import checks, middleware  # noqa: F401  (middleware: session receivers)

        from . import receivers  # noqa: F401

        # historical tables of apps migrated after this one get their trigger too. post_migrate
        # is sent once per app after every app has migrated: the one sent for this app is
        # enough (each call installs the triggers of all historical tables; once per app it
        # took seconds at every migrate and at every flush of a transactional test)
        post_migrate.connect(_history_triggers, sender=self, dispatch_uid="audit-history-triggers")


def _history_triggers(sender, using="default", **kwargs):
    from django.db import connections

    # the trigger code reads the models of every app: loaded when migrations have run
    from .db import installeer_history_triggers

    installeer_history_triggers(connections[using])
