from django.urls import URLPattern

app_name = "interventions_reporter"

urlpatterns: list[URLPattern] = []
