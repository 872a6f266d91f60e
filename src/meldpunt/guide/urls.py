from django.urls import path

from meldpunt.guide import views

app_name = "guide"
urlpatterns = [path("", views.home, name="home")]
