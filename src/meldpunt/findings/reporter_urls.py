"""The reporter's findings page, mounted at /mijn-melding/bevindingen/ (behind the portal's session)."""

from django.urls import path

from meldpunt.findings import reporter_views

app_name = "findings_reporter"

urlpatterns = [
    path("", reporter_views.findings_page, name="page"),
    path("bevindingen.pdf", reporter_views.pdf, name="pdf"),
]
