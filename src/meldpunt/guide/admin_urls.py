from django.urls import path

from meldpunt.guide import admin_views

app_name = "guide_admin"

urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("bewerken", admin_views.edit, name="edit"),
    path("versies", admin_views.history, name="history"),
    path("versies/<int:number>", admin_views.version, name="version"),
    path("versies/<int:number>/terugzetten", admin_views.restore, name="restore"),
]
