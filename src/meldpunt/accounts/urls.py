from django.urls import path

from meldpunt.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen", views.sign_in, name="login"),
    path("inloggen/code", views.sign_in_code, name="login_code"),
    path("inloggen/herstelcode", views.sign_in_recovery, name="login_recovery"),
    path("inloggen/instellen", views.enrol, name="enrol"),
    path("herstelcodes", views.recovery_codes, name="recovery_codes"),
    path("herstelcodes/nieuw", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("uitloggen", views.sign_out, name="logout"),
    path("uitgelogd", views.signed_out, name="signed_out"),
]
