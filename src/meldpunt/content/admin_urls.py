from django.urls import path

from meldpunt.content import admin_views

app_name = "content_admin"

urlpatterns = [
    path("", admin_views.page_list, name="list"),
    path("nieuw/", admin_views.page_add, name="create"),
    path("<slug:slug>/", admin_views.page_edit, name="edit"),
    path("<slug:slug>/versies/", admin_views.page_history, name="history"),
    path("<slug:slug>/versies/<int:number>/", admin_views.page_version, name="version"),
    path("<slug:slug>/versies/<int:number>/terugzetten/", admin_views.page_restore, name="restore"),
]
