from django.urls import path

from meldpunt.schools import views

app_name = "schools"
urlpatterns = [
    path("zoeken", views.search, name="search"),
    path("zoeken.json", views.search_json, name="search_json"),
]
