"""Replaced within this session by the real endpoints."""

from django.http import HttpRequest, HttpResponse


def _unavailable(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=503)


reports_create = session_create = case_detail = messages_create = schema_view = _unavailable
