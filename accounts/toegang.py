"""One way for a page to say who may open it, checked with the rules of ``accounts.rechten``.

Every view of the site carries exactly one of these decorators (or Django's
``login_not_required`` for a public page); ``tests/foundation/test_toegang_views.py`` walks every
URL pattern and fails on a view without one:

- ``@toegang(handeling=Handeling.X)``: the page takes an act; the roles of the act in
  ``RECHTEN`` may open it (the service checks the scope again when it acts);
- ``@toegang(Rol.MINISTERIE, Rol.COA, ...)``: a page that shows something to these roles;
- ``@toegang(IEDEREEN)``: any logged-in user (their own notices, account, home page).

A refusal raises ``accounts.rechten.GeenToegang`` (a ``PermissionDenied``): a 403 page. Inside
a view, a check that depends on the request (a POST that acts, an object's province) calls
``accounts.rechten.vereist`` or ``rol_vereist`` itself, never a role comparison of its own.
"""

from __future__ import annotations

from functools import wraps

from .models import Rol
from .rechten import Handeling, rol_vereist, rollen_voor, vereist

IEDEREEN = frozenset(Rol.values)


def toegang(*rollen, handeling: Handeling | None = None):
    if handeling is not None and rollen:
        raise TypeError("Geef rollen of een handeling, niet beide.")
    if handeling is None and not rollen:
        raise TypeError("Geef de rollen of de handeling die de pagina vereist.")
    toegestaan = frozenset().union(*(r if isinstance(r, frozenset) else {r} for r in rollen))

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if handeling is not None:
                vereist(request.user, handeling)
            else:
                rol_vereist(request.user, toegestaan)
            return view(request, *args, **kwargs)

        wrapper.toegang = (
            {"handeling": Handeling(handeling), "rollen": rollen_voor(handeling)}
            if handeling is not None
            else {"handeling": None, "rollen": toegestaan}
        )
        return wrapper

    return decorator
