from django.urls import path

from meldpunt.content import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
]
