"""The reporter's agreements page, mounted at /mijn-melding/afspraken/ (behind the portal's session)."""

from django.urls import path

from meldpunt.interventions import reporter_views

app_name = "interventions_reporter"

urlpatterns = [
    path("", reporter_views.agreements_page, name="page"),
    path("<int:pk>", reporter_views.answer, name="answer"),
]
