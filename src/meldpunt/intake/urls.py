"""The wizard's pages. A path names the page, never an answer."""

from django.urls import path

from meldpunt.intake import views, wizard

app_name = "intake"

_QUESTION_PATHS = {
    "danger": "gevaar",
    "role": "wie",
    "sector": "soort-school",
    "categories": "onderwerp",
    "description": "wat-er-is-gebeurd",
    "started_on": "sinds-wanneer",
    "steps_taken": "al-gedaan",
    "attendance": "naar-school",
    "absent_since": "niet-naar-school-sinds",
    "accused_is_staff": "medewerker",
    "share_identity": "school-mag-weten",
    "consent_referral": "steun",
    "contact": "contact",
}

urlpatterns = [
    path("", views.start, name="start"),
    *(path(slug, views.question, {"name": name}, name=name) for name, slug in _QUESTION_PATHS.items()),
    path("school", views.school, name="school"),
    path("bestanden", views.attachments, name="attachments"),
    path("hulp-nu", views.interstitial, {"name": wizard.HELP_NOW}, name=wizard.HELP_NOW),
    path("eerst-de-school", views.interstitial, {"name": wizard.GUIDANCE}, name=wizard.GUIDANCE),
    path("controleren", views.check, name=wizard.CHECK),
    path("verstuurd", views.confirmation, name="confirmation"),
    path("ontvangstbewijs", views.receipt, name="receipt"),
    path("vanuit-wegwijzer", views.from_guide, name="from_guide"),
]
