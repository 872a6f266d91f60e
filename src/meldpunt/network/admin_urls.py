from django.urls import path

from meldpunt.network import admin_views

app_name = "network_admin"

urlpatterns = [
    path("", admin_views.organisation_list, name="list"),
    path("nieuw/", admin_views.organisation_add, name="create"),
    path("<slug:slug>/", admin_views.organisation_edit, name="edit"),
]
