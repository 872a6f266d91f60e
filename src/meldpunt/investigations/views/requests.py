from django.http import HttpRequest, HttpResponse
from django.urls import path


def case(request: HttpRequest, reference: str) -> HttpResponse:  # replaced by the workspace page
    return HttpResponse(status=404)


urlpatterns = [path("<str:reference>/", case, name="case")]
