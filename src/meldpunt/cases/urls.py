"""The back office at /behandeling/: each view module lists its own routes."""

from meldpunt.cases.views import case, queue

app_name = "cases"
urlpatterns = [*queue.urlpatterns, *case.urlpatterns]
