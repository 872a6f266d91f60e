"""The investigation workspace of a case, /behandeling/onderzoek/<reference>/: each view module lists its routes."""

from meldpunt.investigations.views import evidence, parties, requests

app_name = "investigations"
urlpatterns = [*requests.urlpatterns, *parties.urlpatterns, *evidence.urlpatterns]
