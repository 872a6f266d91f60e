import pytest
from django.core import mail

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_refer, case_start_intake
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted
from meldpunt.cases.workflow import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler):
    return case_start_intake(case=case_assigned(case_submitted(), handler), actor=handler)


def test_refer_records_the_target_and_takes_the_intake_decision(case, handler, django_capture_on_commit_callbacks):
    """intake → referred stores the organisation, meets the intake decision, closes as referred, tells the reporter."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = case_refer(case=case, actor=handler, reason="Past beter elders.", referral_target=" Veilig Thuis ")
    case.refresh_from_db()
    assert (case.status, case.referral_target, case.outcome) == ("referred", "Veilig Thuis", "referred")
    assert case.intake_decided_at is not None and case.closed_at == case.intake_decided_at
    decision = next(d for d in case_deadlines(case=case) if d.code == "intake_decision")
    assert decision.state == "met"
    assert case.status_changes.last().reason == "Past beter elders."
    assert len(mail.outbox) == 1


def test_refer_needs_a_target(case, handler):
    """Without the organisation the step is refused, and the error names the field."""
    with pytest.raises(WorkflowError) as refused:
        case_refer(case=case, actor=handler, reason="Elders beter.", referral_target="  ")
    assert refused.value.field == "referral_target"


def test_refer_needs_a_reason(case, handler):
    """Without a reason the step is refused on the reason field."""
    with pytest.raises(WorkflowError) as refused:
        case_refer(case=case, actor=handler, referral_target="Veilig Thuis")
    assert refused.value.field == "reason"


def test_a_target_longer_than_the_column_is_refused(case, handler):
    """The organisation's name is at most 200 characters."""
    with pytest.raises(WorkflowError) as refused:
        case_refer(case=case, actor=handler, reason="Elders beter.", referral_target="x" * 201)
    assert refused.value.field == "referral_target"


def test_a_received_case_cannot_be_referred(handler):
    """Referral is an intake decision: a case not yet in intake is refused."""
    case = case_assigned(case_submitted(), handler)
    with pytest.raises(WorkflowError, match="kan niet bij een zaak met status"):
        case_refer(case=case, actor=handler, reason="Elders beter.", referral_target="Veilig Thuis")
