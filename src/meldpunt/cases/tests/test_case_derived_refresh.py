import datetime as dt

import pytest
import time_machine

from meldpunt.cases.models import CaseType
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate


def _submit(body):
    report, errors = report_validate(body, today=dt.date(2026, 11, 27), school_lookup=lambda c: SchoolFacts(c, "po"))
    assert errors == {}
    return report_submit(report=report).case


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC), tick=False)
def test_a_new_report_gets_the_default_case_type_priority_and_next_due(school, valid_report):
    """A submitted report has the default case type, a triage priority and its first open deadline cached."""
    case = _submit(valid_report)
    case.refresh_from_db()
    assert case.case_type == CaseType.objects.get(is_default=True)
    assert case.case_type.terms.count() == 6
    assert case.priority >= 25  # out of school
    assert case.next_due_code == "urgent_contact"  # out of school is urgent: contact within one working day
    assert case.next_due_on == dt.date(2026, 11, 30)
    assert case.region == "Drenthe" and case.primary_category == "bullying_psychological"


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC), tick=False)
def test_an_ordinary_report_is_due_for_its_intake_decision(school, valid_report):
    """Without urgency the next deadline is the intake decision, five working days on."""
    case = _submit({**valid_report, "attendance": "attending", "absent_since": None})
    case.refresh_from_db()
    assert case.next_due_code == "intake_decision"
    assert case.next_due_on == dt.date(2026, 12, 4)
