"""One error shape for the whole API.

{"type": "validatie", "titel": "…", "status": 400, "detail": "…", "velden": {"veld": ["…"]}}
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    412: "Voorwaarde niet vervuld",
    413: "Inhoud te groot",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Serverfout",
    503: "Dienst niet beschikbaar",
}
TYPES = {
    400: "validatie",
    401: "niet-ingelogd",
    403: "geen-toegang",
    404: "niet-gevonden",
    405: "methode",
    409: "conflict",
    406: "niet-aanvaardbaar",
    412: "conflict",
    413: "te-groot",
    415: "mediatype",
    429: "te-veel-verzoeken",
    500: "serverfout",
    503: "storing",
}

# DRF messages its Dutch catalogue lacks
VERTALINGEN = {
    "No data provided": "Er is geen inhoud meegestuurd.",
}

# the detail for an error that has no more to say than its status
STANDAARD_DETAIL = {
    400: "De aanvraag is ongeldig.",
    403: "U heeft geen toegang tot deze gegevens.",
    404: "Dit adres of object bestaat niet, of u heeft er geen toegang toe.",
    405: "Deze methode is hier niet toegestaan.",
    413: "De inhoud van het verzoek is te groot.",
    500: "Er ging iets mis op de server. Probeer het later opnieuw.",
}


def _tekst(d) -> str:
    tekst = str(d)
    return VERTALINGEN.get(tekst, tekst)


def _vlak(detail):
    if isinstance(detail, list):
        if any(isinstance(d, (dict, list)) for d in detail):
            # a list of nested objects (rows): flatten to "veld[i].sub" keys' messages
            return [_tekst(m) for d in detail for m in _alle(d)]
        return [_tekst(d) for d in detail]
    if isinstance(detail, dict):
        return {k: _vlak(v) for k, v in detail.items()}
    return [_tekst(detail)]


def _plat(detail, voorvoegsel: str = "") -> dict[str, list[str]]:
    """Field errors as one flat level, ``veld`` → messages; nested rows and objects get keys
    like ``partijen[0].aantal`` (the documented shape: a string → list of strings)."""
    uit: dict[str, list[str]] = {}

    def sleutel(k) -> str:
        if not voorvoegsel:
            return str(k)
        return f"{voorvoegsel}[{k}]" if str(k).isdigit() else f"{voorvoegsel}.{k}"

    if isinstance(detail, dict):
        for k, v in detail.items():
            if isinstance(v, (dict, list)) and not _alleen_teksten(v):
                uit.update(_plat(v, sleutel(k)))
            else:
                uit[sleutel(k)] = _vlak(v)
    elif isinstance(detail, list):
        for i, v in enumerate(detail):
            if v:
                uit.update(_plat(v, sleutel(i)) if isinstance(v, (dict, list)) else {})
    return uit


def _alleen_teksten(v) -> bool:
    return isinstance(v, list) and all(not isinstance(d, (dict, list)) for d in v)


def _alle(detail):
    if isinstance(detail, dict):
        for v in detail.values():
            yield from _alle(v)
    elif isinstance(detail, list):
        for v in detail:
            yield from _alle(v)
    else:
        yield detail


def api_fout(status_code: int, detail: str | None = None) -> JsonResponse:
    """An error in the API's shape outside DRF (Django's 404/500 handlers under /api/)."""
    return JsonResponse(
        fout_body(status_code, detail or STANDAARD_DETAIL.get(status_code, "Fout.")),
        status=status_code,
        json_dumps_params={"ensure_ascii": False},
    )


def fout_body(status_code: int, detail, velden=None) -> dict:
    body = {
        "type": TYPES.get(status_code, "fout"),
        "titel": TITELS.get(status_code, "Fout"),
        "status": status_code,
        "detail": _tekst(detail),
    }
    if velden:
        body["velden"] = velden
    return body


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response(fout_body(413, STANDAARD_DETAIL[413]), status=413)
    if isinstance(exc, DjangoValidationError):
        velden = getattr(exc, "message_dict", None)
        exc = exceptions.ValidationError(velden or {"non_field_errors": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        # DRF answers 403 when the first authentication class (session) sends no challenge;
        # a missing or invalid login is a 401 with a token challenge.
        response.status_code = status.HTTP_401_UNAUTHORIZED
        response["WWW-Authenticate"] = 'Token realm="api"'

    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        if isinstance(data, dict):
            velden = _plat(data)
            algemeen = velden.pop("non_field_errors", None) or velden.pop("detail", None)
            detail = " ".join(algemeen) if algemeen else "Controleer de gemarkeerde velden."
            body = fout_body(code, detail, velden or None)
        else:
            body = fout_body(code, " ".join(_vlak(data)))
    elif isinstance(exc, exceptions.Throttled):
        wacht = exc.wait
        seconden = int(wacht) if wacht is not None else 60
        detail = f"Te veel verzoeken. Probeer het over {seconden} seconden opnieuw."
        body = fout_body(status.HTTP_429_TOO_MANY_REQUESTS, detail)
    else:
        detail = getattr(exc, "detail", str(exc))
        body = fout_body(code, detail)
    return Response(body, status=code, headers=dict(response.items()))
