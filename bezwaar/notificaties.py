"""Who is told what about a bezwaar: on lodging the gemeente, its PRT and the ministry; on the
decision the gemeente and its PRT. The service records one outbox row in its transaction
(``bezwaar_ingediend`` and the others, ``meldingen.services.later_melden``); after commit the
worker runs ``bezwaar.tasks``'s task, which writes the notices and their mails (the
``*_melden`` functions, ``meldingen.services.melden``)."""

from __future__ import annotations

from django.urls import reverse

from meldingen import ontvangers
from meldingen.models import Soort
from meldingen.services import later_melden, melden

from .models import Bezwaar


def _belanghebbenden(bezwaar: Bezwaar) -> list:
    return [
        *ontvangers.gemeentegebruikers(gemeente_ids=[bezwaar.gemeente_id]),
        *ontvangers.secretarissen([bezwaar.gemeente.provincie_id]),
    ]


def bezwaar_ingediend(*, bezwaar: Bezwaar, door) -> None:
    """Told by the worker after commit (:func:`bezwaar_ingediend_melden`)."""
    later_melden(
        taak="bezwaar.tasks.bezwaar_ingediend_melden",
        sleutel=f"bezwaar-ingediend:{bezwaar.pk}",
        bezwaar_id=bezwaar.pk,
        door_id=door.pk if door is not None else None,
    )


def bezwaar_ingediend_melden(*, bezwaar: Bezwaar, door) -> None:
    link = reverse("bezwaar:detail", kwargs={"pk": bezwaar.pk})
    context = {"bezwaar": bezwaar}
    onderwerp = f"Bezwaar {bezwaar.kenmerk} tegen de beschikking van {bezwaar.gemeente}"
    melden(
        ontvangers=ontvangers.behalve(_belanghebbenden(bezwaar), door),
        soort=Soort.BEZWAAR_INGEDIEND,
        onderwerp=f"{onderwerp} ontvangen",
        template="bezwaar/meldingen/ingediend",
        context=context,
        link=link,
        sleutel=f"bezwaar-ingediend:{bezwaar.pk}",
    )
    melden(
        ontvangers=ontvangers.behalve(ontvangers.ministerie(), door),
        soort=Soort.BEZWAAR_INGEDIEND,
        onderwerp=f"{onderwerp}{' (na de termijn)' if bezwaar.te_laat else ''}: behandelen",
        template="bezwaar/meldingen/ingediend",
        context={**context, "ministerie": True},
        link=link,
        sleutel=f"bezwaar-ingediend-ministerie:{bezwaar.pk}",
    )


def bezwaar_ingetrokken(*, bezwaar: Bezwaar, door) -> None:
    """Told by the worker after commit (:func:`bezwaar_ingetrokken_melden`)."""
    later_melden(
        taak="bezwaar.tasks.bezwaar_ingetrokken_melden",
        sleutel=f"bezwaar-ingetrokken:{bezwaar.pk}",
        bezwaar_id=bezwaar.pk,
        door_id=door.pk if door is not None else None,
    )


def bezwaar_ingetrokken_melden(*, bezwaar: Bezwaar, door) -> None:
    """The gemeente, its PRT and the ministry: the case ends, its terms stop."""
    melden(
        ontvangers=ontvangers.behalve([*_belanghebbenden(bezwaar), *ontvangers.ministerie()], door),
        soort=Soort.BEZWAAR_INGETROKKEN,
        onderwerp=f"Bezwaar {bezwaar.kenmerk} tegen de beschikking van {bezwaar.gemeente} "
        "ingetrokken",
        template="bezwaar/meldingen/ingetrokken",
        context={"bezwaar": bezwaar},
        link=reverse("bezwaar:detail", kwargs={"pk": bezwaar.pk}),
        sleutel=f"bezwaar-ingetrokken:{bezwaar.pk}",
    )


def bezwaar_beslist(*, bezwaar: Bezwaar, door) -> None:
    """Told by the worker after commit (:func:`bezwaar_beslist_melden`)."""
    later_melden(
        taak="bezwaar.tasks.bezwaar_beslist_melden",
        sleutel=f"bezwaar-beslist:{bezwaar.pk}",
        bezwaar_id=bezwaar.pk,
        door_id=door.pk if door is not None else None,
    )


def bezwaar_beslist_melden(*, bezwaar: Bezwaar, door) -> None:
    melden(
        ontvangers=ontvangers.behalve(_belanghebbenden(bezwaar), door),
        soort=Soort.BEZWAAR_BESLIST,
        onderwerp=(
            f"Beslissing op bezwaar {bezwaar.kenmerk}: {bezwaar.get_uitkomst_display().lower()}"
        ),
        template="bezwaar/meldingen/beslist",
        context={"bezwaar": bezwaar},
        link=reverse("bezwaar:detail", kwargs={"pk": bezwaar.pk}),
        sleutel=f"bezwaar-beslist:{bezwaar.pk}",
    )
