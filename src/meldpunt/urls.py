from django.contrib import admin
from django.urls import include, path

from meldpunt.core.views import health

admin.site.site_header = "Meldpunt beheer"
admin.site.site_title = "Meldpunt beheer"

urlpatterns = [
    path("health", health, name="health"),
    path("beheer/admin/", admin.site.urls),
    path("beheer/wegwijzer/", include("meldpunt.guide.admin_urls")),
    path("beheer/inhoud/", include("meldpunt.content.admin_urls")),
    path("beheer/organisaties/", include("meldpunt.network.admin_urls")),
    path("medewerkers/", include("meldpunt.accounts.urls")),
    path("scholen/", include("meldpunt.schools.urls")),
    path("behandeling/onderzoek/", include("meldpunt.investigations.urls")),
    path("behandeling/bevindingen/", include("meldpunt.findings.urls")),
    path("behandeling/interventies/", include("meldpunt.interventions.urls")),
    path("behandeling/doorverwijzingen/", include("meldpunt.referrals.urls")),
    path("behandeling/", include("meldpunt.cases.urls")),
    path("school/", include("meldpunt.schoolportal.urls")),
    path("partner/", include("meldpunt.referrals.partner_urls")),
    path("organisaties/", include("meldpunt.network.urls")),
    path("informatie/", include("meldpunt.content.urls")),
    path("zoeken/", include("meldpunt.content.search_urls")),
    path("api/v1/", include("meldpunt.api.urls")),
    path("mijn-melding/bevindingen/", include("meldpunt.findings.reporter_urls")),
    path("mijn-melding/afspraken/", include("meldpunt.interventions.reporter_urls")),
    path("mijn-melding/", include("meldpunt.portal.urls")),
    path("melden/", include("meldpunt.intake.urls")),
    path("", include("meldpunt.guide.urls")),
]

handler400 = "meldpunt.core.errorviews.bad_request"
handler403 = "meldpunt.core.errorviews.permission_denied"
handler404 = "meldpunt.core.errorviews.page_not_found"
handler500 = "meldpunt.core.errorviews.server_error"
