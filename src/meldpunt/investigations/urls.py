"""The investigation workspace of a case, /behandeling/onderzoek/<reference>/: each view module lists its routes."""

from meldpunt.investigations.views import evidence, requests

app_name = "investigations"
urlpatterns = [*requests.urlpatterns, *evidence.urlpatterns]
