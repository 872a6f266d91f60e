from django.urls import URLPattern

app_name = "content_admin"

urlpatterns: list[URLPattern] = []
