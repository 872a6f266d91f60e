"""The handler's findings pages, mounted at /behandeling/bevindingen/ (the case page links to `findings:case`)."""

from django.urls import path

from meldpunt.findings import views

app_name = "findings"

urlpatterns = [
    path("<str:reference>/", views.case_findings, name="case"),
    path("<str:reference>/concept", views.draft_save, name="draft_save"),
    path("<str:reference>/voorbeeld", views.preview, name="preview"),
    path("<str:reference>/versturen", views.send, name="send"),
    path("<str:reference>/definitief", views.finalise, name="finalise"),
    path("<str:reference>/pdf/<int:round_number>", views.pdf, name="pdf"),
]
