"""Issue 5's done-when, end to end through the pages: an agreement goes overdue and shows in the handler's
queue; the case is closed; the 4-week question reaches the reporter, who reports retaliation against a
sibling; the linked urgent case tops the coordinator's queue."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from meldpunt.cases.models import Case
from meldpunt.cases.services import (
    case_close,
    case_derived_refresh,
    case_start_follow_up,
    case_start_intake,
    case_start_intervention,
    case_start_investigation,
)
from meldpunt.cases.tasks import deadline_reminders_send
from meldpunt.cases.tests.case_helpers import REPORT, case_assigned
from meldpunt.cases.tests.queue_factories import case_make
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)  # Monday
CLOSE = dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC)  # two weeks later
FIRST_QUESTION = dt.datetime(2026, 4, 13, 5, 0, tzinfo=dt.UTC)  # four weeks after closing, the daily run
QUEUE = "/behandeling/"


def _queue_references(html: str) -> list[str]:
    return re.findall(r'scope="row"><a [^>]*>(MSV-\d{4}-\d{6})</a>', html)


def test_overdue_agreement_closing_follow_up_retaliation_and_the_coordinators_queue(
    staff_client, school, django_capture_on_commit_callbacks
):
    """The whole follow-up story of issue 5, through the handler's, the reporter's and the coordinator's pages."""
    handler = staff_client("handler")
    coordinator = staff_client("coordinator")
    with time_machine.travel(START, tick=False):
        report, errors = report_validate(
            {**REPORT, "school": school.code}, today=START.date(), school_lookup=lambda c: SchoolFacts(c, "po")
        )
        assert errors == {}
        submitted = report_submit(report=report)
        case = case_assigned(submitted.case, handler.user)
        case = case_start_intake(case=case, actor=handler.user)
        case = case_start_investigation(case=case, actor=handler.user)
        case = case_start_intervention(case=case, actor=handler.user, reason="Afspraken met de school gemaakt.")
        # Another open case of the coordinator's queue, urgent on every other count.
        case_make(
            attendance="not_attending", absent_since=dt.date(2026, 1, 5), acute_danger=True, reporter_role="pupil"
        )

    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        # The interventions app counts the agreement of the action plan that passed its due date.
        Case.objects.filter(pk=case.pk).update(agreements_overdue=1)
        case_derived_refresh(case=Case.objects.get(pk=case.pk))
        mine = handler.get(QUEUE).content.decode()
        assert _queue_references(mine) == [case.reference]
        assert "1 afspraak over tijd" in mine

    with time_machine.travel(CLOSE, tick=False):
        case = case_start_follow_up(case=case, actor=handler.user)
        case_close(case=case, actor=handler.user, reason="Afspraken lopen.", outcome="resolved", back_in_education=True)

    mail.outbox.clear()
    with time_machine.travel(FIRST_QUESTION, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send.call()["follow_ups_asked"] == 1
    question = next(m for m in mail.outbox if m.to == [REPORT["contact"]["email"]])
    assert "Hoe gaat het nu?" in question.subject and case.reference not in question.body

    reporter = Client()
    with time_machine.travel(FIRST_QUESTION + dt.timedelta(hours=4), tick=False):
        reporter.post("/mijn-melding/", {"reference": case.reference, "access_code": submitted.access_code})
        assert "/mijn-melding/nazorg/" in reporter.get("/mijn-melding/melding").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            answered = reporter.post(
                "/mijn-melding/nazorg/",
                {
                    "still_safe": "yes",
                    "agreements_kept": "partly",
                    "consequences": "yes",
                    "consequences_for": "sibling",
                    "detail": "Mijn broertje mag niet meer mee op schoolreis.",
                },
                follow=True,
            )
        new = Case.objects.get(linked_case=case)
        assert new.reference in answered.content.decode()

        queue = coordinator.get(QUEUE).content.decode()
        assert _queue_references(queue)[0] == new.reference
        assert "Gevolgen na eerdere melding" in queue
