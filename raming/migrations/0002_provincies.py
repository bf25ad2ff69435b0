from django.db import migrations


def provincies_aanmaken(apps, schema_editor):
    from raming.provincies import PROVINCIES

    Provincie = apps.get_model("raming", "Provincie")
    for code, naam, slug in PROVINCIES:
        Provincie.objects.update_or_create(code=code, defaults={"naam": naam, "slug": slug})


class Migration(migrations.Migration):
    dependencies = [("raming", "0001_initial")]
    operations = [migrations.RunPython(provincies_aanmaken, migrations.RunPython.noop)]
