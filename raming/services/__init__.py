"""Actions on cycles and ramingen. Every write of the raming goes through here.

Refusals raise :class:`RamingFout` (a Django ``ValidationError``) with a Dutch message that names
what is missing, so pages show it on the form and the API answers 400 in its one error shape.
``from raming import services`` gives all of them, one module per part of the work.
"""

from .cyclus import *  # noqa: F403
from .gedeeld import *  # noqa: F403
from .publicatie import *  # noqa: F403
from .raming import *  # noqa: F403
