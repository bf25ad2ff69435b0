"""Actions on regietafels, verslagen, extensions, assessments, the verdeelbesluit and realisation.

Every state transition is enforced here (not in views): a frozen verslag cannot be edited,
assessment only follows submission, a verdeelbesluit is fixed once and only superseded by a new
version with a reason. Every public function checks the acting user's role and scope first
(``accounts.rechten.vereist``). Views, serializers, admin and commands call these functions;
``from regietafels import services`` gives all of them, one module per part of the cycle.
"""

from .bijlagen import *  # noqa: F403
from .gedeeld import *  # noqa: F403
from .gereedheid import *  # noqa: F403
from .realisatie import *  # noqa: F403
from .verdeelbesluit import *  # noqa: F403
from .verlenging import *  # noqa: F403
from .verslag import *  # noqa: F403
from .verslag import _wijzigingen_sinds  # noqa: F401 (the workbook names what changed)
from .verslag_locaties import *  # noqa: F403
