"""Reads for the regietafel pages, API and exports (constant numbers of queries).

``from regietafels import selectors`` gives all of them, one module per part of the cycle.
"""

from .overzicht import *  # noqa: F403
from .realisatie import *  # noqa: F403
from .verdeelbesluit import *  # noqa: F403
from .verslag import *  # noqa: F403
