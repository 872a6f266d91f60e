from django.urls import path

from meldpunt.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.sign_in, name="sign_in"),
    path("inloglink", views.link_request, name="link_request"),
    path("inloglink/verstuurd", views.link_sent, name="link_sent"),
    path("inloglink/verlopen", views.link_invalid, name="link_invalid"),
    path("inloglink/<str:token>", views.link_landing, name="link_landing"),
    path("melding", views.case_detail, name="case"),
    path("bestanden", views.files_add, name="files"),
    path("nazorg/", views.follow_up, name="follow_up"),
    path("nazorg/bedankt", views.follow_up_done, name="follow_up_done"),
    path("steunpersoon", views.support, name="support"),
    path("steunpersoon/intrekken", views.support_revoke, name="support_revoke"),
    path("uitloggen", views.sign_out, name="sign_out"),
    path("uitgelogd", views.signed_out, name="signed_out"),
]
