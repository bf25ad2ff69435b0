"""The municipal mergers of recent years (Bron: CBS, Gemeentelijke indeling op 1 januari).

Only mergers where every predecessor went to one successor; a gemeente split over several
successors (Haaren, 2021) cannot be mapped by code and is left out.
"""

import datetime as dt

from django.db import migrations

HERINDELINGEN = [
    # (date, successor code, successor name, [(predecessor code, name), ...])
    (dt.date(2021, 1, 1), "GM1979", "Eemsdelta",
     [("GM0003", "Appingedam"), ("GM0010", "Delfzijl"), ("GM0024", "Loppersum")]),
    (dt.date(2022, 1, 1), "GM0439", "Purmerend", [("GM0370", "Beemster")]),
    (dt.date(2022, 1, 1), "GM1980", "Dijk en Waard",
     [("GM0398", "Heerhugowaard"), ("GM0416", "Langedijk")]),
    (dt.date(2022, 1, 1), "GM1982", "Land van Cuijk",
     [("GM0756", "Boxmeer"), ("GM1684", "Cuijk"), ("GM0786", "Grave"),
      ("GM0815", "Mill en Sint Hubert"), ("GM1702", "Sint Anthonis")]),
    (dt.date(2022, 1, 1), "GM1991", "Maashorst", [("GM1685", "Landerd"), ("GM0856", "Uden")]),
    (dt.date(2022, 3, 24), "GM0363", "Amsterdam", [("GM0457", "Weesp")]),
    (dt.date(2023, 1, 1), "GM1992", "Voorne aan Zee",
     [("GM0501", "Brielle"), ("GM0530", "Hellevoetsluis"), ("GM0614", "Westvoorne")]),
]  # fmt: skip

BRON = "Bron: CBS, Gemeentelijke indeling op 1 januari (herindelingen)"


def vastleggen(apps, schema_editor):
    Gemeentefusie = apps.get_model("raming", "Gemeentefusie")
    for datum, code, naam, voorgangers in HERINDELINGEN:
        for v_code, v_naam in voorgangers:
            Gemeentefusie.objects.update_or_create(
                voorganger_code=v_code,
                defaults={
                    "voorganger_naam": v_naam,
                    "opvolger_code": code,
                    "opvolger_naam": naam,
                    "datum": datum,
                    "bron": BRON,
                },
            )


def verwijderen(apps, schema_editor):
    Gemeentefusie = apps.get_model("raming", "Gemeentefusie")
    codes = [v for _, _, _, voorgangers in HERINDELINGEN for v, _ in voorgangers]
    Gemeentefusie.objects.filter(voorganger_code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("raming", "0005_bronnen_fusies_uitzondering")]

    operations = [migrations.RunPython(vastleggen, verwijderen)]
