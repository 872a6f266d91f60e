"""The school portal, mounted at /school/ (routes in views.py)."""

from meldpunt.schoolportal import views

app_name = "schoolportal"
urlpatterns = views.urlpatterns
