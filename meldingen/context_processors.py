from django.utils.functional import SimpleLazyObject

from .selectors import ongelezen_aantal


def meldingen(request):
    """The number of unread notices for the header, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"meldingen_ongelezen": SimpleLazyObject(lambda: ongelezen_aantal(user))}
