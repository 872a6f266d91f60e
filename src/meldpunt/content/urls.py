from django.urls import path

from meldpunt.content import views

app_name = "content"

urlpatterns = [
    path("", views.page_index, name="index"),
    path("<slug:slug>/", views.page_detail, name="page"),
]
