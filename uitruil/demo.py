"""Demo exchanges for `make run` (cycle 2026). Idempotent: each demo exchange is recognised by
its motivation and made only once. Quantities are illustrative; the Noord-Holland cases follow
public reporting (Zaanstad–Purmerend agreed; Amsterdam's 1,200 : 1,200 offer refused)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Gebruiker, Rol
from raming.models import Gemeente, Wetscyclus
from raming.selectors import geldende_raming

from . import services
from .models import Richting, Taak, Taakstelling, Uitruil

NEEMT, GEEFT = Richting.NEEMT_OP, Richting.GEEFT_AF
ASIEL, AMV, SH, OEK = Taak.ASIELOPVANG, Taak.AMV, Taak.STATUSHOUDERS, Taak.OEKRAINE

DEMO_BRON = "Demogegevens (fictief)"
TAAKSTELLINGEN = [
    ("Zaanstad", OEK, 450),
    ("Purmerend", OEK, 280),
    ("Amsterdam", SH, 2400),
    ("Haarlem", SH, 420),
    ("Haarlemmermeer", SH, 450),
    ("Arnhem", SH, 380),
    ("Nijmegen", SH, 430),
]

# (motivation = demo key, proposer, rows, reactions, PRT confirms)
# reactions: list of (gemeente, "accepteren" | "afwijzen", reason)
UITRUILEN = [
    {
        "motivatie": "Zaanstad heeft een geschikte locatie voor 300 extra opvangplekken; "
        "Purmerend vangt in ruil 300 extra Oekraïense ontheemden op.",
        "door": "Zaanstad",
        "rijen": [
            ("Zaanstad", ASIEL, NEEMT, 300),
            ("Zaanstad", OEK, GEEFT, 300),
            ("Purmerend", ASIEL, GEEFT, 300),
            ("Purmerend", OEK, NEEMT, 300),
        ],
        "reacties": [("Purmerend", "accepteren", "")],
        "bevestigen": "Besproken en akkoord in de regietafel van juni.",
    },
    {
        "motivatie": "Amsterdam biedt 1.200 extra asielopvangplekken als andere Noord-Hollandse "
        "gemeenten samen 1.200 extra statushouders huisvesten (1 : 1).",
        "door": "Amsterdam",
        "rijen": [
            ("Amsterdam", ASIEL, NEEMT, 1200),
            ("Amsterdam", SH, GEEFT, 1200),
            ("Haarlem", SH, NEEMT, 600),
            ("Haarlemmermeer", SH, NEEMT, 600),
        ],
        "reacties": [
            ("Haarlem", "afwijzen", "Onvoldoende woningen beschikbaar voor extra statushouders."),
            ("Haarlemmermeer", "afwijzen", "De woningmarkt laat 600 extra statushouders niet toe."),
        ],
    },
    {
        "motivatie": "Arnhem neemt 150 asielopvangplekken van Nijmegen over; Nijmegen huisvest "
        "150 statushouders van Arnhem.",
        "door": "Arnhem",
        "rijen": [
            ("Arnhem", ASIEL, NEEMT, 150),
            ("Arnhem", SH, GEEFT, 150),
            ("Nijmegen", ASIEL, GEEFT, 150),
            ("Nijmegen", SH, NEEMT, 150),
        ],
        "reacties": [],
    },
    {
        "motivatie": "Nijmegen heeft een kleinschalige amv-voorziening; Arnhem vangt in ruil "
        "40 Oekraïense ontheemden op.",
        "door": "Nijmegen",
        "rijen": [
            ("Nijmegen", AMV, NEEMT, 40),
            ("Arnhem", AMV, GEEFT, 40),
            ("Arnhem", OEK, NEEMT, 40),
        ],
        "reacties": [("Arnhem", "accepteren", "")],
    },
    {
        "motivatie": "Arnhem en Ede verkennen het verschuiven van 80 asielopvangplekken naar "
        "Arnhem tegen 80 statushouders in Ede.",
        "door": "Arnhem",
        "rijen": [
            ("Arnhem", ASIEL, NEEMT, 80),
            ("Ede", ASIEL, GEEFT, 80),
            ("Ede", SH, NEEMT, 80),
        ],
        "reacties": [],
    },
]


def _gebruiker(gemeente: Gemeente) -> Gebruiker:
    """The demo user of a gemeente; made (as a demo account) if raming.demo_gebruikers has none."""
    from raming.demo_gebruikers import DEMO_WACHTWOORD

    user = Gebruiker.objects.filter(rol=Rol.GEMEENTE, gemeente=gemeente).order_by("pk").first()
    if user is None:
        user = Gebruiker(
            username=f"gemeente-{gemeente.slug}",
            rol=Rol.GEMEENTE,
            gemeente=gemeente,
            first_name="Gemeente",
            last_name=gemeente.naam,
            email=f"gemeente-{gemeente.slug}@regietafel.example",
            is_demo=True,
        )
        user.set_password(DEMO_WACHTWOORD)
        user.save()
    return user


def laad(*, stdout) -> None:
    cyclus = Wetscyclus.objects.filter(jaar=2026).first()
    if cyclus is None or geldende_raming(cyclus) is None:
        stdout.write("Uitruil: geen cyclus 2026 met geldende raming; demo overgeslagen.")
        return
    namen = {naam for u in UITRUILEN for naam, *_ in u["rijen"]}
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(naam__in=namen)}
    if not {"Zaanstad", "Purmerend", "Amsterdam"} <= gemeenten.keys():
        stdout.write("Uitruil: gemeenten ontbreken (eerst import_gemeenten); demo overgeslagen.")
        return

    for naam, taak, aantal in TAAKSTELLINGEN:
        if (
            naam in gemeenten
            and not Taakstelling.objects.filter(
                gemeente=gemeenten[naam], cyclus=cyclus, taak=taak
            ).exists()
        ):
            Taakstelling.objects.create(
                gemeente=gemeenten[naam], cyclus=cyclus, taak=taak, aantal=aantal, bron=DEMO_BRON
            )

    nieuw = 0
    for spec in UITRUILEN:
        if Uitruil.objects.filter(cyclus=cyclus, motivatie=spec["motivatie"]).exists():
            continue
        if not all(naam in gemeenten for naam, *_ in spec["rijen"]):
            stdout.write(f"Uitruil: gemeente ontbreekt voor '{spec['motivatie'][:40]}…'.")
            continue
        try:
            with transaction.atomic():
                _maak(cyclus, gemeenten, spec)
        except ValidationError as exc:
            stdout.write(f"Uitruil: demo-uitruil overgeslagen: {' '.join(exc.messages)}")
            continue
        nieuw += 1
    stdout.write(f"Uitruil: {nieuw} demo-uitruilafspraken aangemaakt.")


def _maak(cyclus, gemeenten, spec) -> None:
    uitruil = services.voorstellen(
        door=_gebruiker(gemeenten[spec["door"]]),
        cyclus=cyclus,
        partijen=[
            services.PartijInvoer(
                gemeente=gemeenten[naam], taak=taak, richting=richting, aantal=aantal
            )
            for naam, taak, richting, aantal in spec["rijen"]
        ],
        motivatie=spec["motivatie"],
    )
    for naam, reactie, reden in spec["reacties"]:
        door = _gebruiker(gemeenten[naam])
        if reactie == "accepteren":
            services.accepteren(uitruil=uitruil, door=door)
        else:
            services.afwijzen(uitruil=uitruil, door=door, reden=reden)
    if spec.get("bevestigen"):
        prt = (
            Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS, provincie_id=uitruil.provincie_id)
            .order_by("pk")
            .first()
        )
        if prt is not None:
            services.bevestigen(uitruil=uitruil, door=prt, toelichting=spec["bevestigen"])
