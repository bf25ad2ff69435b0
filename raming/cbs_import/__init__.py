"""CBS StatLine imports: read a CSV export, preview what it would change, then apply it
atomically (or cancel). Used by the ministry's import pages and by the management commands.

What a StatLine export may look like (both are read):

* semicolon or comma separated, values quoted or not, codes padded with spaces, a BOM;
* decimal point or decimal comma ("0,153"); "." (or empty) for a missing value;
* a provisional period marked with "*" ("2022*"): stored, and the value marked ``voorlopig``;
* rows of wijken (WK…) and buurten (BU…) and other regions: skipped and counted.

Codes of gemeenten that no longer exist are mapped with the merger table
(:class:`raming.models.Gemeentefusie`, "Bron: CBS"). A successor that has no row of its own
gets the population-weighted mean score of its predecessors (population: the sum), and the
stored value says so; without the predecessors' population it gets no score (never a mean
weighted otherwise). Codes that are neither known nor in the merger table are listed, not
fatal; so are known gemeenten that get no value.

A population file with a ``provincie`` column is a gemeentelijke indeling (``manage.py
import_gemeenten`` and the import page read it the same way): gemeenten in it that Regietafel
does not know are added, and gemeenten that Regietafel knows but the indeling no longer has
are retired ``opgeheven per`` the date of their merger, with their successor (from the merger
table; without a recorded merger the import stops). Nothing is deleted: cycles already
decided keep their gemeenten.
"""

from .lezen import *  # noqa: F403
from .toepassen import *  # noqa: F403
from .voorbeeld import *  # noqa: F403
