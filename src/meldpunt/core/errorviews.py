"""Error pages in the page frame, in the visitor's language, saying what to do next."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return render(request, "core/error.html", {"title": title, "text": text}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, _("Er ging iets mis met uw verzoek"), _("Ga terug en probeer het opnieuw."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request, 403, _("U mag deze pagina niet zien"), _("Log in met een account dat hier toegang toe heeft.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, _("Deze pagina bestaat niet"), _("Controleer het adres of ga naar de startpagina."))


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors here: the failure may lie in them.
    template = loader.get_template("core/error_500.html")
    return HttpResponse(template.render(), status=500)
