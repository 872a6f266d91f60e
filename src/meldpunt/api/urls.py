"""The JSON API of CONTRACT.md. Each resource's views live in their own module."""

from django.urls import path

from meldpunt.api import reporter, reports, schema

app_name = "api"
urlpatterns = [
    path("reports", reports.reports_create, name="reports"),
    path("reporter/session", reporter.session_create, name="reporter_session"),
    path("reporter/case", reporter.case_detail, name="reporter_case"),
    path("reporter/messages", reporter.messages_create, name="reporter_messages"),
    path("schema", schema.schema_view, name="schema"),
]
