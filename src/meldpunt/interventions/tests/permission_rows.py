"""Permission-matrix rows of the interventions pages (see accounts/tests/matrix.py): the assigned handler
only; the supervision signals for coordinators and analysts; the reporter's pages for the portal session."""

import datetime as dt
from typing import Any

from django.utils import timezone

from meldpunt.accounts.tests.matrix import Row, World, reference_kwargs
from meldpunt.interventions.models import Agreement, MediationMeeting
from meldpunt.interventions.services import AgreementFields, agreement_add, mediation_plan

HANDLER_ONLY = frozenset({"handler"})


def _meeting(world: World, user: Any) -> None:
    mediation_plan(
        case=world.case,
        user=world.users["handler"],
        planned_at=timezone.now() - dt.timedelta(hours=2),
        participants="De melder, de directeur en de behandelaar.",
    )


def _meeting_pk(world: World) -> int:
    return MediationMeeting.objects.get(case=world.case).pk


def _agreement(world: World, user: Any) -> None:
    agreement_add(
        case=world.case,
        user=world.users["handler"],
        fields=AgreementFields(
            description="De school maakt een plan tegen pesten.",
            owner="school_board",
            due_on=timezone.localdate() + dt.timedelta(days=14),
        ),
    )


def _agreement_pk(world: World) -> int:
    return Agreement.objects.get(case=world.case).pk


def _with_pk(pk: Any) -> Any:
    return lambda w, u: {"reference": w.case.reference, "pk": pk(w)}


def _tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def _yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


BACK_OFFICE: dict[str, Row] = {
    "interventions:signals": Row("get", frozenset({"coordinator", "analyst"})),
    "interventions:case": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "interventions:mediation_plan": Row(
        "post",
        HANDLER_ONLY,
        kwargs=reference_kwargs,
        data=lambda w: {
            "plan-planned_on": _tomorrow(),
            "plan-planned_time": "14:30",
            "plan-participants": "De melder en de directeur.",
            "plan-shared": "on",
        },
    ),
    "interventions:mediation_record": Row(
        "post",
        HANDLER_ONLY,
        kwargs=_with_pk(_meeting_pk),
        setup=_meeting,
        data=lambda w: {
            f"record-{_meeting_pk(w)}-held_on": _yesterday(),
            f"record-{_meeting_pk(w)}-held_time": "10:00",
            f"record-{_meeting_pk(w)}-outcome": "Er is een plan afgesproken.",
        },
    ),
    "interventions:mediation_cancel": Row("post", HANDLER_ONLY, kwargs=_with_pk(_meeting_pk), setup=_meeting),
    "interventions:agreement_add": Row(
        "post",
        HANDLER_ONLY,
        kwargs=reference_kwargs,
        data=lambda w: {
            "agreement-description": "De mentor belt elke week.",
            "agreement-owner": "school_board",
            "agreement-due_on": _tomorrow(),
            "agreement-shared_with_school": "on",
            "agreement-shared_with_reporter": "on",
        },
    ),
    "interventions:agreement_edit": Row("get", HANDLER_ONLY, kwargs=_with_pk(_agreement_pk), setup=_agreement),
    "interventions:agreement_status": Row(
        "post",
        HANDLER_ONLY,
        kwargs=_with_pk(_agreement_pk),
        setup=_agreement,
        data=lambda w: {f"status-{_agreement_pk(w)}-status": "done"},
    ),
    "interventions:escalate": Row(
        "post",
        HANDLER_ONLY,
        kwargs=reference_kwargs,
        data=lambda w: {
            "escalate-reason": "De school houdt zich niet aan de afspraken.",
            "escalate-summary": "Het bestuur komt afspraken over pesten niet na.",
        },
    ),
    # The reporter's pages need the portal session; a staff account opens nothing there.
    "interventions_reporter:page": Row("get", frozenset()),
    "interventions_reporter:answer": Row(
        "post", frozenset(), kwargs=lambda w, u: {"pk": _agreement_pk(w)}, setup=_agreement
    ),
}
