from django.urls import path

from meldpunt.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy", views.privacy, name="privacy"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("contact", views.contact, name="contact"),
    path("wegwijzer/", views.start, name="start"),
    path("wegwijzer/vraag/<slug:slug>", views.question, name="question"),
    path("wegwijzer/advies", views.advice, name="advice"),
    path("wegwijzer/advies/afdrukken", views.advice_print, name="advice_print"),
    path("wegwijzer/advies/mailen", views.advice_email, name="advice_email"),
    path("wegwijzer/opnieuw", views.restart, name="restart"),
]
