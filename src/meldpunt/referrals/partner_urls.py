from django.urls import URLPattern

app_name = "partner"

urlpatterns: list[URLPattern] = []
