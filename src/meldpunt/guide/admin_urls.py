from django.urls import URLPattern

app_name = "guide_admin"

urlpatterns: list[URLPattern] = []
