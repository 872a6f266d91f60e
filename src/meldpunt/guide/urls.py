from django.urls import path

from meldpunt.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy", views.privacy, name="privacy"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("contact", views.contact, name="contact"),
]
