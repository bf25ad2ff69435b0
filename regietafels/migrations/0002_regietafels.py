from django.db import migrations


def regietafels_aanmaken(apps, schema_editor):
    Provincie = apps.get_model("raming", "Provincie")
    Regietafel = apps.get_model("regietafels", "Regietafel")
    for provincie in Provincie.objects.all():
        Regietafel.objects.get_or_create(
            provincie=provincie,
            defaults={"naam": f"Provinciale regietafel {provincie.naam}"},
        )


class Migration(migrations.Migration):
    dependencies = [("regietafels", "0001_initial"), ("raming", "0002_provincies")]
    operations = [migrations.RunPython(regietafels_aanmaken, migrations.RunPython.noop)]
