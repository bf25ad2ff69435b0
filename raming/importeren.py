"""Importers for CBS reference data: all-or-nothing, idempotent, errors in Dutch per line."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .cbs_import import ImportFout  # one error type for every CBS import
from .models import Gemeente, Inwonertal, Provincie
from .provincies import CBS_NAMEN

__all__ = ["ImportFout", "ImportResultaat", "import_gemeenten", "import_ses_woa"]

GM_CODE = re.compile(r"^GM\d{4}$")
INWONERS_KOLOM = re.compile(r"^inwoners_(\d{4})_(\d{2})_(\d{2})$")


@dataclass
class ImportResultaat:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    meldingen: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return self.nieuw + self.gewijzigd + self.ongewijzigd


def _lees_csv(pad: Path, delimiter: str) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        tekst = Path(pad).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ImportFout([f"Bestand niet gevonden: {pad}"]) from exc
    except UnicodeDecodeError as exc:
        raise ImportFout([f"Bestand is geen UTF-8: {pad}"]) from exc
    reader = csv.DictReader(tekst.splitlines(), delimiter=delimiter)
    kolommen = [k.strip() for k in (reader.fieldnames or [])]
    reader.fieldnames = kolommen
    rijen = [(nummer, rij) for nummer, rij in enumerate(reader, start=2)]
    return kolommen, rijen


def import_gemeenten(pad: Path | str, *, peildatum: dt.date | None = None) -> ImportResultaat:
    """Read the CBS gemeenten file (gm_code, gemeentenaam, provincie, inwoners_YYYY_MM_DD)."""
    kolommen, rijen = _lees_csv(Path(pad), ",")
    verplicht = {"gm_code", "gemeentenaam", "provincie"}
    ontbrekend = verplicht - set(kolommen)
    inwoners_kolom = next((k for k in kolommen if INWONERS_KOLOM.match(k)), None)
    if ontbrekend or inwoners_kolom is None:
        namen = ", ".join(
            sorted(ontbrekend | ({"inwoners_JJJJ_MM_DD"} if not inwoners_kolom else set()))
        )
        raise ImportFout([f"Regel 1: kolommen ontbreken: {namen}."])
    if peildatum is None:
        jaar, maand, dag = (int(x) for x in INWONERS_KOLOM.match(inwoners_kolom).groups())
        peildatum = dt.date(jaar, maand, dag)
    if not rijen:
        raise ImportFout(["Het bestand bevat geen gemeenten."])

    provincies = {p.code: p for p in Provincie.objects.all()}
    fouten: list[str] = []
    gezien: dict[str, int] = {}
    geldig = []
    for nummer, rij in rijen:
        code = (rij.get("gm_code") or "").strip().upper()
        naam = (rij.get("gemeentenaam") or "").strip()
        prov_naam = (rij.get("provincie") or "").strip()
        ruw = (rij.get(inwoners_kolom) or "").strip()
        if not GM_CODE.match(code):
            fouten.append(
                f"Regel {nummer}: ongeldige gemeentecode {code!r} "
                "(verwacht GM gevolgd door vier cijfers)."
            )
            continue
        if code in gezien:
            fouten.append(
                f"Regel {nummer}: gemeentecode {code} komt ook voor op regel {gezien[code]}."
            )
            continue
        gezien[code] = nummer
        if not naam:
            fouten.append(f"Regel {nummer}: gemeentenaam ontbreekt bij {code}.")
            continue
        prov_code = CBS_NAMEN.get(prov_naam.casefold())
        if prov_code is None or prov_code not in provincies:
            fouten.append(f"Regel {nummer}: provincie {prov_naam!r} bestaat niet.")
            continue
        try:
            inwoners = int(ruw)
        except ValueError:
            fouten.append(f"Regel {nummer}: inwonertal {ruw!r} van {naam} is geen geheel getal.")
            continue
        if inwoners < 0:
            fouten.append(f"Regel {nummer}: inwonertal van {naam} is negatief ({inwoners}).")
            continue
        geldig.append((code, naam, provincies[prov_code], inwoners))
    if fouten:
        raise ImportFout(fouten)

    resultaat = ImportResultaat()
    with transaction.atomic():
        bestaand = {g.code: g for g in Gemeente.objects.select_related("provincie")}
        tallen = {i.gemeente_id: i for i in Inwonertal.objects.filter(peildatum=peildatum)}
        for code, naam, provincie, inwoners in geldig:
            gemeente = bestaand.get(code)
            gewijzigd = False
            if gemeente is None:
                gemeente = Gemeente.objects.create(
                    code=code, naam=naam, provincie=provincie, slug=_uniek_slug(naam, code)
                )
                resultaat.nieuw += 1
            elif gemeente.naam != naam or gemeente.provincie_id != provincie.pk:
                gemeente.naam = naam
                gemeente.provincie = provincie
                gemeente.save(update_fields=["naam", "provincie"])
                gewijzigd = True
            tal = tallen.get(gemeente.pk)
            if tal is None:
                Inwonertal.objects.create(gemeente=gemeente, peildatum=peildatum, aantal=inwoners)
                gewijzigd = gewijzigd or code in bestaand
            elif tal.aantal != inwoners:
                tal.aantal = inwoners
                tal.save(update_fields=["aantal"])
                gewijzigd = True
            if code in bestaand:
                if gewijzigd:
                    resultaat.gewijzigd += 1
                else:
                    resultaat.ongewijzigd += 1
    return resultaat


def _uniek_slug(naam: str, code: str) -> str:
    slug = slugify(naam)[:90] or code.lower()
    if Gemeente.objects.filter(slug=slug).exists():
        slug = f"{slug}-{code.lower()}"
    return slug


def import_ses_woa(
    pad: Path | str,
    *,
    jaar: int,
    tabel: str = "",
    downloaddatum: dt.date | None = None,
    door=None,
) -> ImportResultaat:
    """Import a CBS StatLine export of SES-WOA scores in one go (preview + apply), as the
    import page does in two steps (``raming.cbs_import``). All or nothing: a malformed line
    stops the import; unknown codes, codes of merged gemeenten and missing values do not, and
    are reported in ``meldingen``."""
    from . import cbs_import

    try:
        inhoud = Path(pad).read_bytes()
    except FileNotFoundError as exc:
        raise ImportFout([f"Bestand niet gevonden: {pad}"]) from exc
    with transaction.atomic():
        imp, vb = cbs_import.import_voorbereiden(
            soort=cbs_import.SES,
            inhoud=inhoud,
            bestandsnaam=Path(pad).name,
            tabel=tabel,
            downloaddatum=downloaddatum,
            jaar=jaar,
            door=door,
        )
        if vb.fouten:
            raise ImportFout(vb.fouten)
        if not vb.waarden:
            raise ImportFout(
                [f"Regel {o['regel']}: onbekende gemeentecode {o['code']}." for o in vb.onbekend]
                + ["Het bestand bevat geen enkele waarde voor een gemeente van Regietafel."]
            )
        cbs_import.toepassen(imp, door=door)
    return ImportResultaat(
        nieuw=vb.aantal("nieuw"),
        gewijzigd=vb.aantal("gewijzigd"),
        ongewijzigd=vb.aantal("ongewijzigd"),
        meldingen=cbs_import.meldingen(vb),
    )
