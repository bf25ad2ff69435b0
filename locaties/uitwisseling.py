"""The COA-style list of locations as a file: export (xlsx, CSV) and import with a preview.

One format both ways, so an exported file can be read back in (a round trip changes nothing).
Reading a file (:func:`lees`) writes nothing: it says which rows are new, which change a
location (field by field, old → new), which name an unknown gemeente and which are invalid
(row and column). :func:`import_toepassen` reads the same file again and writes every row in
one transaction, or nothing; a file with unknown gemeenten or invalid rows is refused whole.
A row is matched to a location by its COA reference, else by gemeente and name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from accounts.rechten import Handeling, vereist
from core import archief
from core.exports import veilige_cel
from core.xlsx import Werkboek
from raming.models import Gemeente

from . import services
from .models import Fase, Fasewijziging, Opvanglocatie, Soort, fase_index

MAX_BYTES = 5 * 1024 * 1024
MAX_RIJEN = 10_000

#: (column header, field) in file order.
KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("COA-referentie", "coa_referentie"),
    ("Gemeentecode", "gemeentecode"),
    ("Gemeente", "gemeentenaam"),
    ("Naam", "naam"),
    ("Straat en huisnummer", "straat_huisnummer"),
    ("Postcode", "postcode"),
    ("Plaats", "plaats"),
    ("Soort", "soort"),
    ("Fase", "fase"),
    ("Fase sinds", "fase_sinds"),
    ("Capaciteit regulier", "capaciteit_regulier"),
    ("Capaciteit amv", "capaciteit_amv"),
    ("Bestuursovereenkomst gesloten op", "overeenkomst_gesloten_op"),
    ("Beschikbaar vanaf", "beschikbaar_vanaf"),
    ("Beschikbaar tot", "beschikbaar_tot"),
    ("Duurzaam", "duurzaam"),
)
KOP = [k for k, _ in KOLOMMEN]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
VELD_LABEL = dict((v, k) for k, v in KOLOMMEN)
DATUMVELDEN = ("fase_sinds", "overeenkomst_gesloten_op", "beschikbaar_vanaf", "beschikbaar_tot")
VERPLICHT = ("gemeentecode", "naam", "soort", "fase", "fase_sinds", "capaciteit_regulier")
#: The fields of a location an import compares (and may change).
VERGELEKEN = tuple(services.GEGEVENS) + ("fase", "fase_sinds")

_SOORT = {**{s.value: s.value for s in Soort}, **{s.label.casefold(): s.value for s in Soort}}
_FASE = {**{f.value: f.value for f in Fase}, **{f.label.casefold(): f.value for f in Fase}}


# --- export --------------------------------------------------------------------------------


#: the fields an exported row reads (one ``values()`` query: no model instances)
_EXPORTVELDEN = (
    "coa_referentie",
    "gemeente__code",
    "gemeente__naam",
    "naam",
    "straat_huisnummer",
    "postcode",
    "plaats",
    "soort",
    "fase",
    "fase_sinds",
    "capaciteit_regulier",
    "capaciteit_amv",
    "overeenkomst_gesloten_op",
    "beschikbaar_vanaf",
    "beschikbaar_tot",
    "duurzaam",
)


def _rijen(locaties, *, als_tekst: bool):
    """The file's rows of ``locaties``. The labels of soort and fase are looked up once (a
    model's ``get_FOO_display()`` translates every choice again on each call: most of the
    time of an export of 2,000 locations)."""
    soorten = {waarde: str(label) for waarde, label in Soort.choices}
    fasen = {waarde: str(label) for waarde, label in Fase.choices}

    def datum(d):
        if d is None:
            return ""
        return d.isoformat() if als_tekst else d

    for (
        coa_referentie,
        gemeentecode,
        gemeentenaam,
        naam,
        straat_huisnummer,
        postcode,
        plaats,
        soort,
        fase,
        fase_sinds,
        regulier,
        amv,
        overeenkomst,
        vanaf,
        tot,
        duurzaam,
    ) in locaties.values_list(*_EXPORTVELDEN):
        yield [
            veilige_cel(coa_referentie),
            gemeentecode,
            veilige_cel(gemeentenaam),
            veilige_cel(naam),
            veilige_cel(straat_huisnummer),
            postcode,
            veilige_cel(plaats),
            soorten.get(soort, soort),
            fasen.get(fase, fase),
            datum(fase_sinds),
            regulier,
            amv,
            datum(overeenkomst),
            datum(vanaf),
            datum(tot),
            "ja" if duurzaam else "nee",
        ]


def als_csv(locaties) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOP)
    schrijver.writerows(_rijen(locaties, als_tekst=True))
    return uit.getvalue()


def als_xlsx(locaties) -> bytes:
    boek = Werkboek()
    boek.blad("Opvanglocaties", KOP, _rijen(locaties, als_tekst=False))
    return boek.opslaan()


# --- reading -------------------------------------------------------------------------------


@dataclass
class Fout:
    rij: int
    kolom: str  # the column's header ("" for the whole row)
    cel: str  # e.g. "K7" ("" when not one cell)
    melding: str


@dataclass
class Wijziging:
    rij: int
    locatie: Opvanglocatie
    verschillen: list[tuple[str, object, object]]  # (label, old, new)
    gegevens: dict


@dataclass
class Nieuw:
    rij: int
    gemeente: Gemeente
    gegevens: dict


@dataclass
class Voorbeeld:
    nieuw: list[Nieuw] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)
    ongewijzigd: int = 0
    onbekende_gemeente: list[tuple[int, str, str]] = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)

    @property
    def toepasbaar(self) -> bool:
        return (
            not self.fouten and not self.onbekende_gemeente and bool(self.nieuw or self.gewijzigd)
        )


def _rijen_uit_bestand(inhoud: bytes, naam: str) -> list[list]:
    if len(inhoud) > MAX_BYTES:
        raise ValidationError(
            f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB.", code="te_groot"
        )
    if naam.lower().endswith(".xlsx"):
        try:
            # the directory first: sizes (zip bombs), encrypted members, exotic compression
            archief.controleren(io.BytesIO(inhoud), "Excel-bestanden (xlsx) en CSV-bestanden")
        except archief.ArchiefFout as fout:
            if not fout.beschadigd:
                raise ValidationError(" ".join(fout.messages), code="archief") from None
        try:
            boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError) as fout:
            raise ValidationError(
                "Het bestand is geen leesbaar Excel-bestand (xlsx).", code="onleesbaar"
            ) from fout
        blad = boek.worksheets[0]
        rijen = []
        for rij in blad.iter_rows(values_only=True):
            rijen.append(list(rij))
            if len(rijen) > MAX_RIJEN + 1:
                break
        boek.close()
        return rijen
    if naam.lower().endswith(".csv"):
        try:
            tekst = inhoud.decode("utf-8-sig")
        except UnicodeDecodeError as fout:
            raise ValidationError(
                "Het CSV-bestand is niet in UTF-8 opgeslagen.", code="onleesbaar"
            ) from fout
        regels = tekst.splitlines()
        scheiding = ";" if regels and regels[0].count(";") >= regels[0].count(",") else ","
        return [list(r) for r in csv.reader(regels, delimiter=scheiding)]
    raise ValidationError("Kies een bestand van het soort .xlsx of .csv.", code="soort")


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    tekst = str(waarde).strip()
    return tekst[1:] if tekst.startswith("'") else tekst


def _datum(waarde) -> dt.date | None | str:
    """A date, None for empty, or the text that could not be read."""
    if waarde in (None, ""):
        return None
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    tekst = _tekst(waarde)
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    return tekst


def _getal(waarde) -> int | None | str:
    if waarde in (None, ""):
        return None
    if isinstance(waarde, bool):
        return str(waarde)
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    tekst = _tekst(waarde).replace(".", "")
    return int(tekst) if tekst.isdigit() and len(tekst) <= 9 else _tekst(waarde)


def lees(inhoud: bytes, naam: str) -> Voorbeeld:
    """What importing this file would do; writes nothing."""
    rijen = _rijen_uit_bestand(inhoud, naam)
    if not rijen:
        raise ValidationError("Het bestand is leeg.", code="leeg")
    kop = [_tekst(k).casefold() for k in rijen[0]]
    posities = {}
    ontbrekend = []
    for label, veld in KOLOMMEN:
        if label.casefold() in kop:
            posities[veld] = kop.index(label.casefold())
        elif veld in VERPLICHT or veld == "coa_referentie":
            ontbrekend.append(label)
    if ontbrekend:
        raise ValidationError(
            "De eerste rij mist de kolom(men): " + ", ".join(ontbrekend) + ".", code="kop"
        )
    if len(rijen) - 1 > MAX_RIJEN:
        raise ValidationError(f"Het bestand heeft meer dan {MAX_RIJEN} rijen.", code="te_groot")

    gemeenten = {g.code: g for g in Gemeente.objects.all()}
    bestaand = list(Opvanglocatie.objects.select_related("gemeente"))
    per_referentie = {b.coa_referentie: b for b in bestaand if b.coa_referentie}
    per_naam = {(b.gemeente_id, b.naam.casefold()): b for b in bestaand}
    voorbeeld = Voorbeeld()
    gezien_referenties: dict[str, int] = {}

    for nummer, ruw in enumerate(rijen[1:], start=2):
        if all(_tekst(c) == "" for c in ruw):
            continue

        def cel(veld, ruw=ruw):
            i = posities.get(veld)
            return ruw[i] if i is not None and i < len(ruw) else None

        def adres(veld, nummer=nummer):
            i = posities.get(veld)
            return f"{LETTERS[i]}{nummer}" if i is not None and i < len(LETTERS) else ""

        rijfouten: list[Fout] = []

        def fout(veld, melding, nummer=nummer, rijfouten=rijfouten, adres=adres):
            rijfouten.append(Fout(nummer, VELD_LABEL.get(veld, ""), adres(veld), melding))

        code = _tekst(cel("gemeentecode")).upper()
        gemeente = gemeenten.get(code)
        if not code:
            fout("gemeentecode", "Vul de gemeentecode in (bijvoorbeeld GM0202).")
        elif gemeente is None:
            voorbeeld.onbekende_gemeente.append((nummer, code, _tekst(cel("gemeentenaam"))))
            continue
        gegevens: dict = {}
        for veld in ("naam", "straat_huisnummer", "postcode", "plaats", "coa_referentie"):
            gegevens[veld] = _tekst(cel(veld))
        soort = _SOORT.get(_tekst(cel("soort")).casefold())
        if soort is None:
            fout("soort", "Onbekende soort; kies uit: " + ", ".join(map(str, Soort.labels)) + ".")
        gegevens["soort"] = soort
        fase = _FASE.get(_tekst(cel("fase")).casefold())
        if fase is None:
            fout("fase", "Onbekende fase; kies uit: " + ", ".join(map(str, Fase.labels)) + ".")
        for veld in DATUMVELDEN:
            waarde = _datum(cel(veld))
            if isinstance(waarde, str):
                fout(veld, f"‘{waarde[:40]}’ is geen datum (jjjj-mm-dd of dd-mm-jjjj).")
                waarde = None
            gegevens[veld] = waarde
        for veld in ("capaciteit_regulier", "capaciteit_amv"):
            waarde = _getal(cel(veld))
            if isinstance(waarde, str):
                fout(veld, f"‘{waarde[:40]}’ is geen heel getal.")
                waarde = None
            gegevens[veld] = waarde
        if gegevens["capaciteit_amv"] is None and not any(
            f.kolom == VELD_LABEL["capaciteit_amv"] for f in rijfouten
        ):
            gegevens["capaciteit_amv"] = 0
        duurzaam = _tekst(cel("duurzaam")).casefold()
        if duurzaam not in ("", "ja", "nee", "true", "false", "1", "0", "waar", "onwaar"):
            fout("duurzaam", "Vul ja of nee in.")
        gegevens["duurzaam"] = duurzaam in ("ja", "true", "1", "waar")

        referentie = gegevens["coa_referentie"]
        locatie = per_referentie.get(referentie) if referentie else None
        if locatie is None and gemeente is not None:
            locatie = per_naam.get((gemeente.pk, gegevens["naam"].casefold()))
        if referentie:
            if referentie in gezien_referenties:
                fout(
                    "coa_referentie",
                    f"Deze COA-referentie staat ook al in rij {gezien_referenties[referentie]}.",
                )
            gezien_referenties[referentie] = nummer
        if locatie is not None and gemeente is not None and locatie.gemeente_id != gemeente.pk:
            fout(
                "gemeentecode",
                f"De locatie met deze COA-referentie hoort bij {locatie.gemeente.naam}; een "
                "locatie verhuist niet naar een andere gemeente.",
            )
        gecontroleerd = {k: gegevens[k] for k in services.GEGEVENS}
        _, servicefouten = services.gegevens_fouten(
            gecontroleerd, locatie_id=locatie.pk if locatie else None
        )
        for veld, berichten in servicefouten.items():
            if not any(f.kolom == VELD_LABEL.get(veld) for f in rijfouten):
                for bericht in berichten:
                    fout(veld, bericht)
        if gegevens["fase_sinds"] is None and not any(
            f.kolom == VELD_LABEL["fase_sinds"] for f in rijfouten
        ):
            fout("fase_sinds", "Vul de datum in waarop de fase begon.")
        elif gegevens["fase_sinds"] and gegevens["fase_sinds"] > timezone.localdate():
            fout("fase_sinds", "De datum waarop de fase begon kan niet in de toekomst liggen.")
        if rijfouten:
            voorbeeld.fouten.extend(rijfouten)
            continue
        schoon, _ = services.gegevens_fouten(
            gecontroleerd, locatie_id=locatie.pk if locatie else None
        )
        schoon["fase"], schoon["fase_sinds"] = fase, gegevens["fase_sinds"]
        if locatie is None:
            voorbeeld.nieuw.append(Nieuw(nummer, gemeente, schoon))
            continue
        verschillen = [
            (VELD_LABEL[veld], getattr(locatie, veld), schoon[veld])
            for veld in VERGELEKEN
            if getattr(locatie, veld) != schoon[veld]
        ]
        if verschillen:
            voorbeeld.gewijzigd.append(Wijziging(nummer, locatie, verschillen, schoon))
        else:
            voorbeeld.ongewijzigd += 1
    return voorbeeld


# --- applying ------------------------------------------------------------------------------


@transaction.atomic
def import_toepassen(*, door, inhoud: bytes, naam: str) -> Voorbeeld:
    """Read the file again and write every new and changed location, or nothing. COA's own
    list confirms what it states; another importer's change of capacity or phase clears the
    confirmation."""
    vereist(door, Handeling.LOCATIES_IMPORTEREN)
    voorbeeld = lees(inhoud, naam)
    if voorbeeld.fouten or voorbeeld.onbekende_gemeente:
        raise ValidationError(
            "Het bestand heeft onbekende gemeenten of ongeldige rijen; verbeter die eerst. "
            "Er is niets ingelezen.",
            code="ongeldig",
        )
    nu = timezone.now()
    door_coa = bool(getattr(door, "is_coa", False))
    bron = Fasewijziging.Bron.COA if door_coa else Fasewijziging.Bron.IMPORT
    toelichting = f"Uit de import van {naam[:100]}."
    for rij in voorbeeld.nieuw:
        gegevens = dict(rij.gegevens)
        locatie = Opvanglocatie(gemeente=rij.gemeente, **gegevens)
        if door_coa:
            locatie.coa_bevestigd_op, locatie.coa_bevestigd_door = nu, door
        locatie._history_user = door
        locatie.save()
        Fasewijziging.objects.create(
            locatie=locatie,
            van_fase="",
            naar_fase=locatie.fase,
            datum=locatie.fase_sinds,
            gemeld_door=door,
            bron=bron,
            toelichting=toelichting,
        )
    for rij in voorbeeld.gewijzigd:
        locatie = Opvanglocatie.objects.select_for_update().get(pk=rij.locatie.pk)
        oude_fase = locatie.fase
        bevestigd_veranderd = any(
            getattr(locatie, v) != rij.gegevens[v]
            for v in ("capaciteit_regulier", "capaciteit_amv", "fase", "fase_sinds")
        )
        for veld, waarde in rij.gegevens.items():
            setattr(locatie, veld, waarde)
        if door_coa:
            locatie.coa_bevestigd_op, locatie.coa_bevestigd_door = nu, door
        elif bevestigd_veranderd:
            locatie.coa_bevestigd_op, locatie.coa_bevestigd_door = None, None
        locatie._history_user = door
        locatie.save()
        if oude_fase != locatie.fase:
            terug = fase_index(locatie.fase) < fase_index(oude_fase)
            Fasewijziging.objects.create(
                locatie=locatie,
                van_fase=oude_fase,
                naar_fase=locatie.fase,
                datum=locatie.fase_sinds,
                gemeld_door=door,
                bron=bron,
                toelichting=toelichting
                + (" Terug naar een eerdere fase volgens de lijst." if terug else ""),
            )
    return voorbeeld
