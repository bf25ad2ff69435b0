from uitruil.models import Richting, Taak
from uitruil.services import PartijInvoer, voorstellen

from .conftest import gemeente


def rij(naam, taak, richting, aantal):
    return PartijInvoer(gemeente=gemeente(naam), taak=taak, richting=richting, aantal=aantal)


def zaanstad_purmerend(cyclus, door, aantal=300, **kwargs):
    """Zaanstad takes asielopvang from Purmerend; Purmerend takes Ukrainians in return."""
    return voorstellen(
        door=door,
        cyclus=cyclus,
        partijen=[
            rij("Zaanstad", Taak.ASIELOPVANG, Richting.NEEMT_OP, aantal),
            rij("Zaanstad", Taak.OEKRAINE, Richting.GEEFT_AF, aantal),
            rij("Purmerend", Taak.ASIELOPVANG, Richting.GEEFT_AF, aantal),
            rij("Purmerend", Taak.OEKRAINE, Richting.NEEMT_OP, aantal),
        ],
        motivatie="Zaanstad heeft een locatie, Purmerend heeft woonruimte voor Oekraïners.",
        **kwargs,
    )


def uitruil_pks(antwoord) -> list[int]:
    """The exchanges a list page shows, in their order (read from the rendered page)."""
    import re

    return [int(pk) for pk in re.findall(r">Uitruil (\d+)</a></th>", antwoord.content.decode())]
