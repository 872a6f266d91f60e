from django.urls import URLPattern

app_name = "findings_reporter"

urlpatterns: list[URLPattern] = []
