from django.http import HttpRequest, HttpResponse
from django.urls import path

app_name = "referrals"


def case(request: HttpRequest, reference: str) -> HttpResponse:  # replaced by the app's own views
    return HttpResponse(status=404)


urlpatterns = [path("<str:reference>/", case, name="case")]
