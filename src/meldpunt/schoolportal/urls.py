from django.urls import URLPattern

app_name = "schoolportal"

urlpatterns: list[URLPattern] = []
