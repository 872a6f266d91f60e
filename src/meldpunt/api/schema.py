"""`GET /api/v1/schema`: the OpenAPI document (CONTRACT.md), the same text as docs/openapi.yaml."""

from django.http import HttpRequest, HttpResponse

from meldpunt.api.jsonio import json_endpoint
from meldpunt.api.openapi import openapi_text


@json_endpoint("GET", "HEAD")
def schema_view(request: HttpRequest) -> HttpResponse:
    # The text is JSON and YAML 1.2 at once; `?format=yaml` only changes the media type, for tools that ask.
    content_type = "application/yaml" if request.GET.get("format") == "yaml" else "application/json"
    return HttpResponse(openapi_text(), content_type=f"{content_type}; charset=utf-8")
