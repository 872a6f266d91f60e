"""The handler's referral pages, under /behandeling/doorverwijzingen/ (linked from the case page)."""

from django.urls import path

from meldpunt.referrals import views

app_name = "referrals"

urlpatterns = [
    path("<str:reference>/", views.case_referrals, name="case"),
    path("<str:reference>/nieuw", views.referral_new, name="new"),
    path("<str:reference>/controleren", views.referral_preview_view, name="preview"),
    path("<str:reference>/versturen", views.referral_send_view, name="send"),
    path("<str:reference>/<int:referral_id>/afronden", views.referral_close_view, name="close"),
    path("<str:reference>/<int:referral_id>/buddy-koppelen", views.referral_buddy_link_view, name="buddy_link"),
]
