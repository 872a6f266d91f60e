"""The handler's interventions pages, mounted at /behandeling/interventies/ (the case page links to
`interventions:case`), and the supervision signals page for coordinators and analysts."""

from django.urls import path

from meldpunt.interventions import views

app_name = "interventions"

urlpatterns = [
    # Before the case routes: "signalen" would otherwise be read as a case reference.
    path("signalen/", views.signals, name="signals"),
    path("<str:reference>/", views.case_interventions, name="case"),
    path("<str:reference>/bemiddeling", views.mediation_plan_view, name="mediation_plan"),
    path("<str:reference>/bemiddeling/<int:pk>/verslag", views.mediation_record_view, name="mediation_record"),
    path("<str:reference>/bemiddeling/<int:pk>/gaat-niet-door", views.mediation_cancel_view, name="mediation_cancel"),
    path("<str:reference>/afspraken", views.agreement_add_view, name="agreement_add"),
    path("<str:reference>/afspraken/<int:pk>", views.agreement_edit_view, name="agreement_edit"),
    path("<str:reference>/afspraken/<int:pk>/stand", views.agreement_status_view, name="agreement_status"),
    path("<str:reference>/escalatie", views.escalate, name="escalate"),
]
