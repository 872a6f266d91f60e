from django.urls import URLPattern

app_name = "network_admin"

urlpatterns: list[URLPattern] = []
