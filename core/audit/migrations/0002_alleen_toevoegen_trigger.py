"""On PostgreSQL a trigger refuses UPDATE and DELETE on the security log (SQLite: no-op)."""

from django.db import migrations


def trigger_aan(apps, schema_editor):
    from core.audit.db import installeer_log_trigger

    installeer_log_trigger(schema_editor.connection, "audit_beveiligingsgebeurtenis")


def trigger_uit(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'DROP TRIGGER IF EXISTS "rt_alleen_toevoegen_audit_beveiligingsgebeurtenis" '
        'ON "audit_beveiligingsgebeurtenis";'
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(trigger_aan, trigger_uit, elidable=False)]
