"""API tokens move from DRF's authtoken table (the key in plaintext) to django-rest-knox (only a
SHA-512 digest). Every existing token keeps working, now with an expiry (REST_KNOX TOKEN_TTL
from now); the plaintext table is dropped. A database that never had the table (a new one)
skips this. Not reversible: a digest cannot be turned back into a key (going back means making
new tokens)."""

from django.db import migrations
from django.utils import timezone
from knox.crypto import hash_token
from knox.settings import CONSTANTS, knox_settings

OUDE_TABEL = "authtoken_token"


def tokens_hashen(apps, schema_editor):
    verbinding = schema_editor.connection
    if OUDE_TABEL not in verbinding.introspection.table_names():
        return
    AuthToken = apps.get_model("knox", "AuthToken")
    tabel, sleutel_kolom = schema_editor.quote_name(OUDE_TABEL), schema_editor.quote_name("key")
    with verbinding.cursor() as cursor:
        cursor.execute(f"SELECT {sleutel_kolom}, user_id, created FROM {tabel}")
        oud = cursor.fetchall()
    verloopt = timezone.now() + knox_settings.TOKEN_TTL
    for sleutel, gebruiker_id, gemaakt in oud:
        token = AuthToken(
            digest=hash_token(sleutel),
            token_key=sleutel[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=gebruiker_id,
            expiry=verloopt,
        )
        token.save()
        # created is auto_now_add: the original moment is set afterwards
        AuthToken.objects.filter(pk=token.pk).update(created=gemaakt)
    schema_editor.execute(f"DROP TABLE {tabel}")
    # authtoken is no longer installed: its migrations are forgotten with its table
    with verbinding.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(tokens_hashen, migrations.RunPython.noop)]
