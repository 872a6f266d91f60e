"""The partner portal, under /partner/: referrals to the signed-in partner's own organisation only."""

from django.urls import path

from meldpunt.referrals import partner_views

app_name = "partner"

urlpatterns = [
    path("", partner_views.inbox, name="referrals"),
    path("<int:referral_id>/", partner_views.detail, name="referral"),
    path("<int:referral_id>/aannemen", partner_views.accept, name="accept"),
    path("<int:referral_id>/afwijzen", partner_views.decline, name="decline"),
    path("<int:referral_id>/terugmelden", partner_views.report, name="report"),
]
