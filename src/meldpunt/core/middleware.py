"""Request handling that every page shares: language from ?lang=, headers Django does not set itself."""

from collections.abc import Callable
from typing import Literal, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """The visitor chooses the language; we never guess it from the browser.

    Dutch is the default (CONTRACT.md: `/` is `lang="nl"`). `?lang=en` switches and is remembered in a
    cookie, so the switch works as a plain link without JavaScript. Replaces Django's LocaleMiddleware,
    which would follow the browser's Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.GET.get("lang")
        remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in self.supported:
            language = chosen
        elif remembered in self.supported:
            language = remembered
        else:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Scoped to this request: a worker thread must not carry one visitor's language to the next.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        if chosen in self.supported and chosen != remembered:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=cast(Literal["Lax", "Strict"], settings.LANGUAGE_COOKIE_SAMESITE),
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        return response


class SecurityHeadersMiddleware:
    """Headers for data about children: never cached by shared caches, no browser features we do not use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        if not request.path.startswith(settings.STATIC_URL):
            response.setdefault("Cache-Control", "no-store")
        return response
