"""Existing realisation reports: name their location where that is unambiguous (ADR 0014).

Since realised places are the places of a gemeente's locations in gebruik plus the reports
that name no location, a report about a location that is also in the register would count
twice. A report in force without a location is tied to a location of its gemeente when exactly
one location fits: in gebruik on the report's date (from its phase changes, else its current
phase and ``fase_sinds``), with exactly the reported number of places (regular plus amv), and
not named by another report. Everything else stays as it is; the realisation overview shows a
gemeente that has both reports without a location and locations in gebruik that no report
names, so someone can look. Reversing only clears the links this migration could have made.
"""

from django.db import migrations


def _in_gebruik_sinds(loc, wijzigingen):
    naar = sorted(d for d, n in wijzigingen if n == "in_gebruik")
    if naar:
        return naar[-1]
    return loc.fase_sinds if loc.fase == "in_gebruik" else None


def koppelen(apps, schema_editor):
    Melding = apps.get_model("regietafels", "Realisatiemelding")
    Locatie = apps.get_model("locaties", "Opvanglocatie")
    Fasewijziging = apps.get_model("locaties", "Fasewijziging")
    wijzigingen = {}
    for locatie_id, datum, naar in Fasewijziging.objects.values_list(
        "locatie_id", "datum", "naar_fase"
    ):
        wijzigingen.setdefault(locatie_id, []).append((datum, naar))
    locaties = {}
    for loc in Locatie.objects.filter(fase__in=("in_gebruik", "gesloten")):
        locaties.setdefault(loc.gemeente_id, []).append(loc)
    genoemd = set(
        Melding.objects.filter(locatie__isnull=False).values_list("locatie_id", flat=True)
    )
    meldingen = Melding.objects.filter(locatie__isnull=True, ingetrokken_op__isnull=True)
    for melding in meldingen.order_by("datum", "pk"):
        passend = []
        for loc in locaties.get(melding.gemeente_id, []):
            sinds = _in_gebruik_sinds(loc, wijzigingen.get(loc.pk, []))
            if (
                loc.pk not in genoemd
                and sinds is not None
                and sinds <= melding.datum
                and loc.capaciteit_regulier + loc.capaciteit_amv == melding.aantal
            ):
                passend.append(loc)
        if len(passend) == 1:
            melding.locatie_id = passend[0].pk
            melding.save(update_fields=["locatie"])
            genoemd.add(passend[0].pk)


class Migration(migrations.Migration):
    dependencies = [
        ("regietafels", "0008_realisatiemelding_locatie"),
        ("locaties", "0002_beschikbaarheidsberekening"),
    ]

    operations = [migrations.RunPython(koppelen, migrations.RunPython.noop)]
