"""PostgreSQL triggers that make the log tables append-only.

The security log refuses every UPDATE and DELETE. simple_history's historical tables refuse
DELETE and every UPDATE except the one Django itself makes when a user is removed
(``history_user_id`` set to NULL by ``on_delete=SET_NULL``): the recorded change stays intact.
TRUNCATE (used by test-database flushes and by a restore) is not a row operation and is
left to database privileges.
"""

from __future__ import annotations

from django.db import connection as default_connection

FUNCTIE_LOG = """
CREATE OR REPLACE FUNCTION rt_weiger_wijziging() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Regietafel: % op % is niet toegestaan (alleen toevoegen)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

FUNCTIE_HISTORY = """
CREATE OR REPLACE FUNCTION rt_weiger_history_wijziging() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.history_user_id IS NULL
       AND (to_jsonb(NEW) - 'history_user_id') = (to_jsonb(OLD) - 'history_user_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Regietafel: % op % is niet toegestaan (historie is alleen toevoegen)',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _trigger(tabel: str, functie: str) -> str:
    naam = f"rt_alleen_toevoegen_{tabel}"[:63]
    return (
        f'DROP TRIGGER IF EXISTS "{naam}" ON "{tabel}";'
        f'CREATE TRIGGER "{naam}" BEFORE UPDATE OR DELETE ON "{tabel}" '
        f"FOR EACH ROW EXECUTE FUNCTION {functie}();"
    )


def installeer_log_trigger(connection, tabel: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FUNCTIE_LOG)
        cursor.execute(_trigger(tabel, "rt_weiger_wijziging"))


def history_tabellen() -> list[str]:
    from simple_history.models import registered_models

    tabellen = []
    for model in registered_models.values():
        historisch = getattr(model, "history", None)
        if historisch is None:
            continue
        tabellen.append(historisch.model._meta.db_table)
    return sorted(set(tabellen))


def installeer_history_triggers(connection=None) -> list[str]:
    """Installs (idempotently) the trigger on every existing historical table."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return []
    bestaand = set(connection.introspection.table_names())
    tabellen = [t for t in history_tabellen() if t in bestaand]
    with connection.cursor() as cursor:
        cursor.execute(FUNCTIE_HISTORY)
        for tabel in tabellen:
            cursor.execute(_trigger(tabel, "rt_weiger_history_wijziging"))
    return tabellen
