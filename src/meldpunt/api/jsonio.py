"""JSON in and out for every endpoint under /api/v1/ (CONTRACT.md), so they all refuse bad bodies alike.

- `json_endpoint("POST")` decorates a view: other methods get `405` with `Allow`; CSRF is off because
  the API trusts no cookie, and a cross-site form cannot send `application/json` without a CORS preflight.
- `json_body(request)` returns the parsed body or raises `BodyRefused` (status 400 or 413, message in the
  active language). A body must be UTF-8 JSON sent as `application/json`, at most `MAX_BODY_BYTES`,
  complete (as long as its Content-Length says), without duplicate keys, NaN/Infinity or lone surrogates.
- `json_response(data, status=...)` and `errors_response({field: [messages]}, status=...)` answer with
  `Cache-Control: no-store`; `errors_response` gives CONTRACT.md's `{"errors": {...}}` shape.
- `request_language(request, data)`: the body's `language` when valid, else `?lang=`, else Dutch.
"""

import json
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

# The largest valid report is a 20,000-character description; even written as \uXXXX surrogate pairs
# (12 bytes a character) it stays under this with room for the other fields.
MAX_BODY_BYTES = 256 * 1024

View = Callable[..., HttpResponse]


class BodyRefused(Exception):
    """A request body the API will not read; `message` is safe to show and already translated."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def json_response(data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    # Answers carry access codes and case data: no browser or proxy may keep them.
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def errors_response(
    errors: Mapping[str, list[str]], *, status: int = 400, headers: Mapping[str, str] | None = None
) -> JsonResponse:
    return json_response({"errors": dict(errors)}, status=status, headers=headers)


def json_endpoint(*methods: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                allowed = ", ".join(methods)
                message = _("Gebruik %(methods)s voor dit adres.") % {"methods": allowed}
                return errors_response({"__all__": [message]}, status=405, headers={"Allow": allowed})
            return view(request, *args, **kwargs)

        return csrf_exempt(wrapper)

    return decorate


def request_language(request: HttpRequest, data: Any = None) -> str:
    """The body's `language` when valid, else `?lang=`, else Dutch; never guessed from Accept-Language."""
    supported = {code for code, _name in settings.LANGUAGES}
    if isinstance(data, Mapping):
        chosen = data.get("language")
        if isinstance(chosen, str) and chosen in supported:
            return chosen
    chosen = request.GET.get("lang")
    if chosen in supported:
        return str(chosen)
    return str(settings.LANGUAGE_CODE)


def _not_json() -> BodyRefused:
    return BodyRefused(_("Stuur geldige JSON in UTF-8."))


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # With a key twice, which value counts would depend on the parser: refuse instead of guessing.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise BodyRefused(_("Het veld ‘%(name)s’ staat meer dan één keer in het bericht.") % {"name": key[:40]})
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _not_json()


def json_body(request: HttpRequest, *, max_bytes: int = MAX_BODY_BYTES) -> Any:
    """The parsed JSON body (any JSON value); raises BodyRefused for anything CONTRACT.md does not accept."""
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if request.content_type != "application/json" or charset not in {"utf-8", "utf8"}:
        raise BodyRefused(_("Stuur het bericht als JSON, met de header Content-Type: application/json."))
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BodyRefused(_("De header Content-Length is ongeldig.")) from None
    # Checked before reading, so an oversized body is never held in memory.
    if declared > max_bytes:
        raise BodyRefused(
            _("Het bericht is te groot. Stuur ten hoogste %(size)s kB.") % {"size": max_bytes // 1024}, status=413
        )
    try:
        raw = request.body
    except UnreadablePostError:
        raise BodyRefused(_("Het bericht is niet helemaal aangekomen. Er is niets bewaard.")) from None
    # A client that went away mid-body leaves fewer bytes than it announced; what arrived may even be
    # valid JSON, so only a complete body counts.
    if len(raw) != declared:
        raise BodyRefused(_("Het bericht is niet helemaal aangekomen. Er is niets bewaard."))
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_refuse_constant)
        # A lone surrogate (an unpaired "\ud800" escape) is no Unicode text and could not be stored.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, ValueError, RecursionError):
        raise _not_json() from None
    return data
