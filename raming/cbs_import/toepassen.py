"""Applying (or cancelling) a prepared CBS import atomically, and preparing one from a file."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from accounts.rechten import Handeling, als_gebruiker, vereist

from ..models import CbsImport, Gemeente, Gemeentefusie, Inwonertal, Provincie, SesWoaScore
from .lezen import INWONERS, SES, ImportFout, tekst_uit_bytes
from .voorbeeld import Voorbeeld, voorbeeld_maken

# ------------------------------------------------------------------------------- applying


def bron_tekst(imp: CbsImport) -> str:
    delen = ["CBS StatLine"]
    if imp.tabel:
        delen.append(imp.tabel)
    if imp.periode:
        delen.append(f"periode {imp.periode}")
    if imp.downloaddatum:
        delen.append(f"gedownload {imp.downloaddatum:%d-%m-%Y}")
    return ", ".join(delen)


@transaction.atomic
def toepassen(imp: CbsImport, *, door) -> Voorbeeld:
    """Apply a previewed import: everything or nothing. The preview is made again from the
    stored file, so what is written is what the database says now. ``door``: the ministry
    user, or ``accounts.rechten.SYSTEEM`` in a management command (recorded as nobody)."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    door = als_gebruiker(door)
    imp = CbsImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status != CbsImport.Status.VOORBEELD:
        raise ImportFout([f"Deze import is al {imp.get_status_display().lower()}."])
    vb = voorbeeld_van(imp)
    if not vb.kan_toepassen:
        raise ImportFout(vb.fouten or ["Er valt niets toe te passen."])
    bron = bron_tekst(imp)
    ontstaan = {o["opvolger_code"]: o["datum"] for o in vb.opgeheven}
    for nieuw in vb.nieuwe_gemeenten:
        g = Gemeente(
            code=nieuw["code"],
            naam=nieuw["naam"],
            provincie=Provincie.objects.get(code=nieuw["provincie"]),
            slug=_uniek_slug(nieuw["naam"], nieuw["code"]),
            # formed by a merger that this indeling carries out
            ontstaan_per=ontstaan.get(nieuw["code"]),
        )
        g._history_user = door
        g.save()
    for h in vb.hernoemd:
        g = Gemeente.objects.get(code=h["code"])
        g.naam = h["nieuw"]
        g._history_user = door
        g.save(update_fields=["naam"])
    for v in vb.verplaatst:
        g = Gemeente.objects.get(code=v["code"])
        g.provincie = Provincie.objects.get(code=v["provincie"])
        g._history_user = door
        g.save(update_fields=["provincie"])
    for o in vb.opgeheven:
        opheffen(o, door=door)
    ids = dict(Gemeente.objects.values_list("code", "pk"))
    model = SesWoaScore if imp.soort == SES else Inwonertal
    waardeveld = "score" if imp.soort == SES else "aantal"
    sleutel = {"jaar": vb.jaar} if imp.soort == SES else {"peildatum": vb.peildatum}
    bestaand = {o.gemeente_id: o for o in model.objects.filter(**sleutel)}
    for w in vb.waarden:
        velden = {
            waardeveld: w.waarde,
            "bron": bron,
            "tabel": imp.tabel,
            "periode": imp.periode,
            "downloaddatum": imp.downloaddatum,
            "voorlopig": w.voorlopig,
            "afleiding": w.afleiding,
        }
        obj = bestaand.get(ids[w.code])
        if obj is None:
            model.objects.create(gemeente_id=ids[w.code], cbs_import=imp, **sleutel, **velden)
        elif any(getattr(obj, k) != v for k, v in velden.items()):
            # a changed value or source; the same file twice writes nothing (no history rows)
            for k, v in velden.items():
                setattr(obj, k, v)
            obj.cbs_import = imp
            obj.save()
    # the mergers' population, with a history row each (a plain update() would skip it)
    fusies = list(Gemeentefusie.objects.filter(voorganger_code__in=list(vb.fusie_inwoners)))
    for fusie in fusies:
        fusie.inwoners = vb.fusie_inwoners[fusie.voorganger_code]
        fusie.inwoners_peildatum = vb.peildatum
    bulk_update_with_history(
        fusies, Gemeentefusie, ["inwoners", "inwoners_peildatum"], default_user=door
    )
    imp.status = CbsImport.Status.TOEGEPAST
    imp.jaar = vb.jaar
    imp.peildatum = vb.peildatum
    imp.samenvatting = vb.samenvatting
    imp.afgehandeld_door = door
    imp.afgehandeld_op = timezone.now()
    imp.save()
    return vb


def opheffen(opheffing: dict, *, door) -> Gemeente:
    """Retire one gemeente per its merger date, with its successor; never delete it. Its last
    population before the merger is kept in the merger table as the weight of its SES-WOA
    score in the successor's mean (unless a population import recorded one already)."""
    g = Gemeente.objects.get(code=opheffing["code"])
    g.opgeheven_per = opheffing["datum"]
    g.opvolger = Gemeente.objects.get(code=opheffing["opvolger_code"])
    g._history_user = door
    g.save(update_fields=["opgeheven_per", "opvolger"])
    fusie = Gemeentefusie.objects.get(voorganger_code=g.code)
    if fusie.inwoners is None:
        laatste = (
            Inwonertal.objects.filter(gemeente=g, peildatum__lt=fusie.datum)
            .order_by("-peildatum")
            .first()
        )
        if laatste is not None:
            fusie.inwoners = laatste.aantal
            fusie.inwoners_peildatum = laatste.peildatum
            fusie._history_user = door
            fusie.save(update_fields=["inwoners", "inwoners_peildatum"])
    return g


def _uniek_slug(naam: str, code: str) -> str:
    slug = slugify(naam)[:90] or code.lower()
    if Gemeente.objects.filter(slug=slug).exists():
        slug = f"{slug}-{code.lower()}"
    return slug


# ------------------------------------------------------------------------------- the import


def import_voorbereiden(
    *,
    soort: str,
    inhoud: bytes | str,
    bestandsnaam: str = "",
    tabel: str = "",
    downloaddatum: dt.date | None = None,
    jaar: int | None = None,
    peildatum: dt.date | None = None,
    door,
) -> tuple[CbsImport, Voorbeeld]:
    """Read the file and keep it with its preview (status ``voorbeeld``); nothing else is
    written until :func:`toepassen`. A file that cannot be read at all raises ImportFout.
    ``door``: the ministry user, or ``accounts.rechten.SYSTEEM`` in a management command."""
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    if soort not in CbsImport.Soort.values:
        raise ImportFout(["Kies wat het bestand bevat: SES-WOA-scores of inwonertallen."])
    tekst = tekst_uit_bytes(inhoud) if isinstance(inhoud, bytes) else inhoud
    vb = voorbeeld_maken(tekst, soort=soort, jaar=jaar, peildatum=peildatum)
    imp = CbsImport.objects.create(
        soort=soort,
        bestandsnaam=bestandsnaam[:200],
        inhoud=tekst.lstrip("\ufeff"),
        tabel=(tabel or "").strip()[:20],
        periode=vb.periode,
        jaar=vb.jaar,
        peildatum=vb.peildatum,
        downloaddatum=downloaddatum,
        samenvatting=vb.samenvatting,
        aangemaakt_door=als_gebruiker(door),
    )
    return imp, vb


@transaction.atomic
def annuleren(imp: CbsImport, *, door) -> CbsImport:
    vereist(door, Handeling.REFERENTIE_IMPORTEREN)
    imp = CbsImport.objects.select_for_update().get(pk=imp.pk)
    if imp.status != CbsImport.Status.VOORBEELD:
        raise ImportFout([f"Deze import is al {imp.get_status_display().lower()}."])
    imp.status = CbsImport.Status.GEANNULEERD
    imp.afgehandeld_door = als_gebruiker(door)
    imp.afgehandeld_op = timezone.now()
    imp.save()
    return imp


def voorbeeld_van(imp: CbsImport) -> Voorbeeld:
    return voorbeeld_maken(
        imp.inhoud,
        soort=imp.soort,
        jaar=imp.jaar,
        peildatum=imp.peildatum if imp.soort == INWONERS else None,
    )


def meldingen(vb: Voorbeeld) -> list[str]:
    """The preview in lines of Dutch text (management commands)."""
    regels = [
        f"{vb.gelezen} gemeenteregels gelezen; overgeslagen: {vb.wijken} wijken, "
        f"{vb.buurten} buurten, {vb.overig} andere regio's.",
    ]
    if vb.voorlopig:
        regels.append(f"{vb.voorlopig} voorlopige waarde(n) (periode {vb.periode}).")
    if len(vb.nieuwe_gemeenten) > 20:  # a first indeling: the count, not 342 lines
        regels.append(f"{len(vb.nieuwe_gemeenten)} nieuwe gemeenten.")
    else:
        for n in vb.nieuwe_gemeenten:
            regels.append(f"Nieuwe gemeente: {n['naam']} ({n['code']}, {n['provincie']}).")
    for h in vb.hernoemd:
        regels.append(f"Nieuwe naam: {h['oud']} ({h['code']}) heet nu {h['nieuw']}.")
    for v in vb.verplaatst:
        regels.append(f"{v['naam']} ({v['code']}) hoort nu bij provincie {v['provincie']}.")
    for o in vb.opgeheven:
        regels.append(
            f"Opgeheven per {o['datum']:%d-%m-%Y}: {o['naam']} ({o['code']}), opgegaan in "
            f"{o['opvolger_naam']} ({o['opvolger_code']}); eerdere cycli houden haar."
        )
    for f in vb.via_fusie:
        regels.append(
            f"{f['code']} {f['naam']} is per {f['datum']:%d-%m-%Y} opgegaan in "
            f"{f['opvolger_naam']} ({f['opvolger_code']})."
        )
    for w in vb.waarden:
        if w.afleiding:
            regels.append(f"{w.naam}: {w.waarde} — {w.afleiding}")
    for o in vb.onbekend:
        regels.append(f"Regel {o['regel']}: onbekende gemeentecode {o['code']} overgeslagen.")
    if vb.zonder_waarde:
        regels.append(f"{len(vb.zonder_waarde)} gemeente(n) zonder waarde:")
        regels += [f"  {z['naam']} ({z['code']}): {z['reden']}" for z in vb.zonder_waarde]
    return regels
