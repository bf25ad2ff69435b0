"""Demo exchanges for `make run` (cycle 2026), each step at its moment (see ``core.demo``):
proposals from April 2026, reactions weeks later, the PRT's confirmation in June; nothing
before the 2026 raming of 26 February 2026. Idempotent: each demo exchange is recognised by
its motivation; a step already taken is not repeated. Quantities are illustrative; the
Noord-Holland cases follow public reporting (Zaanstad–Purmerend agreed; Amsterdam's
1,200 : 1,200 offer refused)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Gebruiker, Rol
from core.demo import Klok
from raming.demo_gebruikers import DEMO_WACHTWOORD
from raming.models import Gemeente, Wetscyclus
from raming.selectors import geldende_raming

from . import services
from .models import Richting, Taak, Taakstelling, Uitruil, UitruilPartij

D = dt.date
TAAKSTELLING_OP = D(2026, 3, 16)

NEEMT, GEEFT = Richting.NEEMT_OP, Richting.GEEFT_AF
ASIEL, AMV, SH, OEK = Taak.ASIELOPVANG, Taak.AMV, Taak.STATUSHOUDERS, Taak.OEKRAINE

DEMO_BRON = "Illustratief (demogegevens)"
TAAKSTELLINGEN = [
    ("Zaanstad", OEK, 450),
    ("Purmerend", OEK, 280),
    ("Amsterdam", SH, 2400),
    ("Haarlem", SH, 420),
    ("Haarlemmermeer", SH, 450),
    ("Arnhem", SH, 380),
    ("Nijmegen", SH, 430),
]

# (motivation = demo key, proposer, proposed on, rows, reactions, PRT confirms on/with)
# reactions: list of (gemeente, "accepteren" | "afwijzen", reason, on)
UITRUILEN = [
    {
        "motivatie": "Zaanstad heeft een geschikte locatie voor 300 extra opvangplekken; "
        "Purmerend vangt in ruil 300 extra Oekraïense ontheemden op.",
        "door": "Zaanstad",
        "op": D(2026, 4, 14),
        "rijen": [
            ("Zaanstad", ASIEL, NEEMT, 300),
            ("Zaanstad", OEK, GEEFT, 300),
            ("Purmerend", ASIEL, GEEFT, 300),
            ("Purmerend", OEK, NEEMT, 300),
        ],
        "reacties": [("Purmerend", "accepteren", "", D(2026, 4, 28))],
        "bevestigen": ("Besproken en akkoord in de regietafel van juni.", D(2026, 6, 18)),
    },
    {
        "motivatie": "Amsterdam biedt 1.200 extra asielopvangplekken als andere Noord-Hollandse "
        "gemeenten samen 1.200 extra statushouders huisvesten (1 : 1).",
        "door": "Amsterdam",
        "op": D(2026, 5, 12),
        "rijen": [
            ("Amsterdam", ASIEL, NEEMT, 1200),
            ("Amsterdam", SH, GEEFT, 1200),
            ("Haarlem", SH, NEEMT, 600),
            ("Haarlemmermeer", SH, NEEMT, 600),
        ],
        "reacties": [
            (
                "Haarlem",
                "afwijzen",
                "Onvoldoende woningen beschikbaar voor extra statushouders.",
                D(2026, 5, 26),
            ),
            (
                "Haarlemmermeer",
                "afwijzen",
                "De woningmarkt laat 600 extra statushouders niet toe.",
                D(2026, 6, 2),
            ),
        ],
    },
    {
        "motivatie": "Arnhem neemt 150 asielopvangplekken van Nijmegen over; Nijmegen huisvest "
        "150 statushouders van Arnhem.",
        "door": "Arnhem",
        "op": D(2026, 9, 8),
        "rijen": [
            ("Arnhem", ASIEL, NEEMT, 150),
            ("Arnhem", SH, GEEFT, 150),
            ("Nijmegen", ASIEL, GEEFT, 150),
            ("Nijmegen", SH, NEEMT, 150),
        ],
        "reacties": [("Nijmegen", "accepteren", "", D(2026, 9, 22))],
        "bevestigen": ("Besproken en akkoord in de regietafel van oktober.", D(2026, 10, 8)),
    },
    {
        "motivatie": "Nijmegen heeft een kleinschalige amv-voorziening; Arnhem vangt in ruil "
        "40 Oekraïense ontheemden op.",
        "door": "Nijmegen",
        "op": D(2026, 6, 9),
        "rijen": [
            ("Nijmegen", AMV, NEEMT, 40),
            ("Arnhem", AMV, GEEFT, 40),
            ("Arnhem", OEK, NEEMT, 40),
        ],
        "reacties": [("Arnhem", "accepteren", "", D(2026, 6, 23))],
        "bevestigen": ("Besproken en akkoord in de regietafel van juli.", D(2026, 7, 9)),
    },
    {
        "motivatie": "Arnhem en Ede verkennen het verschuiven van 80 asielopvangplekken naar "
        "Arnhem tegen 80 statushouders in Ede.",
        "door": "Arnhem",
        "op": D(2026, 11, 17),
        "rijen": [
            ("Arnhem", ASIEL, NEEMT, 80),
            ("Ede", ASIEL, GEEFT, 80),
            ("Ede", SH, NEEMT, 80),
        ],
        "reacties": [
            (
                "Ede",
                "afwijzen",
                "Na het verdeelbesluit van december niet meer nodig.",
                D(2027, 1, 12),
            )
        ],
    },
]


def _gebruiker(gemeente: Gemeente) -> Gebruiker:
    """The demo user of a gemeente; made (as a demo account) if raming.demo_gebruikers has none."""

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


def laad(*, stdout, klok: Klok | None = None) -> None:
    klok = klok or Klok()
    cyclus = Wetscyclus.objects.filter(jaar=2026).first()
    if cyclus is None or geldende_raming(cyclus) is None:
        stdout.write("Uitruil: geen cyclus 2026 met geldende raming; demo overgeslagen.")
        return
    namen = {naam for u in UITRUILEN for naam, *_ in u["rijen"]}
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(naam__in=namen)}
    if not {"Zaanstad", "Purmerend", "Amsterdam"} <= gemeenten.keys():
        stdout.write("Uitruil: gemeenten ontbreken (eerst import_gemeenten); demo overgeslagen.")
        return

    if klok.gebeurd(TAAKSTELLING_OP):
        with klok.op(TAAKSTELLING_OP):
            for naam, taak, aantal in TAAKSTELLINGEN:
                if (
                    naam in gemeenten
                    and not Taakstelling.objects.filter(
                        gemeente=gemeenten[naam], cyclus=cyclus, taak=taak
                    ).exists()
                ):
                    Taakstelling.objects.create(
                        gemeente=gemeenten[naam],
                        cyclus=cyclus,
                        taak=taak,
                        aantal=aantal,
                        bron=DEMO_BRON,
                    )

    nieuw = stappen = 0
    for spec in UITRUILEN:
        if not all(naam in gemeenten for naam, *_ in spec["rijen"]):
            stdout.write(f"Uitruil: gemeente ontbreekt voor '{spec['motivatie'][:40]}…'.")
            continue
        uitruil = Uitruil.objects.filter(cyclus=cyclus, motivatie=spec["motivatie"]).first()
        try:
            with transaction.atomic():
                if uitruil is None:
                    if not klok.gebeurd(spec["op"]):
                        continue
                    with klok.op(spec["op"]):
                        uitruil = _voorstellen(cyclus, gemeenten, spec)
                    nieuw += 1
                stappen += _vervolg(uitruil, gemeenten, spec, klok)
        except ValidationError as exc:
            stdout.write(f"Uitruil: demo-uitruil overgeslagen: {' '.join(exc.messages)}")
            continue
    stdout.write(f"Uitruil: {nieuw} demo-uitruilafspraken aangemaakt, {stappen} reactie(s).")


def _voorstellen(cyclus, gemeenten, spec) -> Uitruil:
    return services.voorstellen(
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


def _vervolg(uitruil: Uitruil, gemeenten, spec, klok: Klok) -> int:
    """The reactions and the PRT's confirmation whose moment has passed and that are not
    taken yet."""
    stappen = 0
    for naam, reactie, reden, op in spec["reacties"]:
        uitruil.refresh_from_db()
        open_ = uitruil.partijen.filter(
            gemeente=gemeenten[naam], instemming=UitruilPartij.Instemming.OPEN
        ).exists()
        if not open_ or not klok.gebeurd(op):
            continue
        with klok.op(op):
            door = _gebruiker(gemeenten[naam])
            if reactie == "accepteren":
                services.accepteren(uitruil=uitruil, door=door)
            else:
                services.afwijzen(uitruil=uitruil, door=door, reden=reden)
        stappen += 1
    uitruil.refresh_from_db()
    if spec.get("bevestigen") and uitruil.status == Uitruil.Status.GEACCEPTEERD:
        toelichting, op = spec["bevestigen"]
        prt = (
            Gebruiker.objects.filter(rol=Rol.PRT_SECRETARIS, provincie_id=uitruil.provincie_id)
            .order_by("pk")
            .first()
        )
        if prt is not None and klok.gebeurd(op):
            with klok.op(op):
                services.bevestigen(uitruil=uitruil, door=prt, toelichting=toelichting)
            stappen += 1
    return stappen
