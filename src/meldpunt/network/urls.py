from django.urls import path

from meldpunt.network import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
]
