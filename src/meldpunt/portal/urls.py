from django.urls import path

from meldpunt.portal import views

app_name = "portal"
urlpatterns = [path("", views.sign_in, name="sign_in")]
