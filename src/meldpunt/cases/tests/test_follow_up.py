import datetime as dt

import pytest
import time_machine
from django.core import mail

from meldpunt.accounts.constants import Role
from meldpunt.cases.models import Case, FollowUp
from meldpunt.cases.queue import PagePosition, QueueFilters, Sort
from meldpunt.cases.selectors import case_deadlines, case_follow_ups_for_reporter, case_queue
from meldpunt.cases.services import (
    case_close,
    case_start_follow_up,
    case_start_intervention,
    follow_up_answer,
    follow_ups_ask,
)
from meldpunt.cases.tests.case_helpers import REPORT, case_in_investigation
from meldpunt.cases.tests.queue_factories import case_make
from meldpunt.cases.workflow import WorkflowError
from meldpunt.core.errors import NotFound
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
CLOSED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday
FIRST_DUE = dt.date(2026, 3, 30)
SECOND_DUE = dt.date(2026, 6, 1)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def handler_client(staff_client):
    return staff_client("handler")


@pytest.fixture
def handler(handler_client):
    return handler_client.user


@pytest.fixture
def closed(handler, school):
    """A case worked through to closing at CLOSED_AT, about the school of the `school` fixture."""
    with time_machine.travel(CLOSED_AT, tick=False):
        case = case_in_investigation(handler, school=school.code)
        case = case_start_intervention(case=case, actor=handler, reason="Afspraken gemaakt.")
        case = case_start_follow_up(case=case, actor=handler)
        case = case_close(case=case, actor=handler, reason="Het gaat goed.", outcome="resolved", back_in_education=True)
    mail.outbox.clear()
    return case


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Run the daily question round on a day; the emails go out as after the commit."""

    def run(day: dt.date = FIRST_DUE) -> int:
        with time_machine.travel(_at(day), tick=False), django_capture_on_commit_callbacks(execute=True):
            return follow_ups_ask(today=day)

    return run


@pytest.fixture
def answer(django_capture_on_commit_callbacks):
    """The reporter answers the open question of a case, later on the given day."""

    def run(case: Case, *, day: dt.date = FIRST_DUE, **answers) -> object:
        with django_capture_on_commit_callbacks(execute=True):
            return _answer(case, day=day, **answers)

    return run


def _answer(case: Case, *, day: dt.date, **answers) -> object:
    question = case_follow_ups_for_reporter(case=case).open_question
    assert question is not None
    values = {
        "still_safe": True,
        "agreements_kept": "yes",
        "consequences": False,
        "consequences_for": "",
        "detail": "",
        **answers,
    }
    with time_machine.travel(_at(day) + dt.timedelta(hours=5), tick=False):
        return follow_up_answer(case=case, follow_up_id=question.pk, actor=Actor.reporter(case.reference), **values)


def test_closing_plans_the_two_follow_ups_on_the_follow_up_terms(closed):
    """Closing makes the 4-week and 3-month checks, due when the deadline clock's follow-up terms end."""
    planned = {f.kind: f.due_on for f in closed.follow_ups.all()}
    assert planned == {"four_weeks": FIRST_DUE, "three_months": SECOND_DUE}
    due = {d.code: d.due for d in case_deadlines(case=closed, now=CLOSED_AT)}
    assert due["follow_up_4_weeks"] == FIRST_DUE and due["follow_up_3_months"] == SECOND_DUE


def test_a_due_question_is_asked_once_with_an_email_without_content(closed, ask):
    """On the due day the question goes out once: shown in the portal, an email that holds nothing of the case."""
    assert ask(FIRST_DUE - dt.timedelta(days=1)) == 0
    assert case_follow_ups_for_reporter(case=closed).open_question is None
    assert ask() == 1
    assert ask() == 0
    assert [m.to for m in mail.outbox] == [[REPORT["contact"]["email"]]]
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert "Hoe gaat het nu?" in text and "/mijn-melding/" in text
    for content in (closed.reference, REPORT["description"], "BBS de Verwondering", "MSV-"):
        assert content not in text
    assert case_follow_ups_for_reporter(case=closed).open_question.kind == "four_weeks"
    entry = AuditEntry.objects.get(action="case.follow_up_asked", object_pk=str(closed.pk))
    assert entry.actor_kind == "system"


def test_asking_meets_the_follow_up_term(closed, ask):
    """Once the question went out, the deadline clock counts the 4-week follow-up as met."""
    ask()
    state = {d.code: d.state for d in case_deadlines(case=closed, now=_at(FIRST_DUE + dt.timedelta(days=3)))}
    assert state["follow_up_4_weeks"] == "met" and state["follow_up_3_months"] == "running"


def test_retaliation_against_a_sibling_opens_a_linked_urgent_case_at_the_top_of_the_queue(
    closed, staff_user, ask, answer
):
    """A "yes" to consequences opens a new case: linked, acute, same school, reporter and access code, first
    in the coordinator's queue above a case with every other urgency factor."""
    coordinator = staff_user(Role.COORDINATOR)
    with time_machine.travel(_at(FIRST_DUE), tick=False):
        rival = case_make(
            attendance="not_attending",
            absent_since=dt.date(2025, 9, 1),
            acute_danger=True,
            accused_is_staff=True,
            categories=["sexual_abuse"],
            reporter_role="pupil",
        )
    ask()
    answered = answer(
        closed,
        agreements_kept="partly",
        consequences=True,
        consequences_for="sibling",
        detail="Mijn broertje krijgt nu strafwerk van dezelfde leraar.",
    )
    new = Case.objects.get(pk=answered.new_case.pk)
    assert new.linked_case_id == closed.pk and new.retaliation_reported and new.acute_danger
    assert (new.school_id, new.reporter_role, new.language, new.categories) == (
        closed.school_id,
        closed.reporter_role,
        closed.language,
        closed.categories,
    )
    assert new.contact_email == closed.contact_email and new.access_code_hash == closed.access_code_hash
    assert (
        new.description
        == f"Gevolgen na melding {closed.reference}: Mijn broertje krijgt nu strafwerk van dezelfde leraar."
    )
    assert new.status == "received" and new.next_due_code == "urgent_contact"
    follow_up = FollowUp.objects.get(pk=answered.follow_up.pk)
    assert follow_up.linked_case_id == new.pk and follow_up.consequences_for == "sibling"
    closed.refresh_from_db()
    assert closed.status == "closed" and not answered.reopened
    with time_machine.travel(_at(FIRST_DUE) + dt.timedelta(hours=6), tick=False):
        page = case_queue(viewer=coordinator, filters=QueueFilters(), sort=Sort.PRIORITY, page=PagePosition())
    assert [row.case.pk for row in page.rows[:2]] == [new.pk, rival.pk]
    assert page.rows[0].retaliation and page.rows[0].linked_reference == closed.reference
    assert page.rows[0].triage.factors[0].code == "retaliation"
    assert [m.subject for m in mail.outbox][-1] != ""  # the reporter's acknowledgement of the new case


def test_no_longer_safe_reopens_the_case_as_the_system_and_tells_the_handler(closed, handler, ask, answer):
    """A "no" to "still safe" reopens the case (audited as the system), cancels the open questions and emails
    the handler that a case of theirs was reopened, without saying which."""
    ask()
    answered = answer(closed, still_safe=False, agreements_kept="no", detail="Het pesten is weer begonnen.")
    closed.refresh_from_db()
    assert answered.reopened and answered.new_case is None
    assert closed.status == "reopened" and closed.closed_at is None
    assert closed.status_changes.last().by is None
    transition = AuditEntry.objects.filter(action="case.transition", object_pk=str(closed.pk)).last()
    assert transition.actor_kind == "system" and transition.details["to"] == "reopened"
    assert closed.follow_ups.get(kind="three_months").cancelled_at is not None
    to_handler = [m for m in mail.outbox if m.to == [handler.email]]
    assert len(to_handler) == 1
    text = to_handler[0].subject + to_handler[0].body
    assert "heropend" in text
    for content in (closed.reference, "pesten", "MSV-", "BBS"):
        assert content not in text


def test_no_longer_safe_after_twelve_months_opens_a_linked_case(closed, ask, answer):
    """Past the year in which a case can be reopened, "not safe" opens a new linked case instead."""
    ask(SECOND_DUE)
    late = CLOSED_AT.date() + dt.timedelta(days=400)
    answered = answer(closed, day=late, still_safe=False, agreements_kept="no")
    closed.refresh_from_db()
    assert closed.status == "closed" and not answered.reopened
    assert answered.new_case.linked_case_id == closed.pk and not answered.new_case.retaliation_reported
    assert answered.new_case.description == f"Niet meer veilig na melding {closed.reference}."


def test_a_question_is_answered_once(closed, ask, answer):
    """A second answer to the same question is refused; so is an answer before the question was asked."""
    with pytest.raises(NotFound):
        follow_up_answer(
            case=closed,
            follow_up_id=closed.follow_ups.get(kind="four_weeks").pk,
            actor=Actor.reporter(closed.reference),
            still_safe=True,
            agreements_kept="yes",
            consequences=False,
        )
    ask()
    first = answer(closed)
    with pytest.raises(NotFound):
        follow_up_answer(
            case=closed,
            follow_up_id=first.follow_up.pk,
            actor=Actor.reporter(closed.reference),
            still_safe=True,
            agreements_kept="yes",
            consequences=False,
        )


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"agreements_kept": "maybe"}, "agreements_kept"),
        ({"consequences": True, "consequences_for": ""}, "consequences_for"),
        ({"detail": "x" * 5001}, "detail"),
    ],
)
def test_an_incomplete_answer_names_its_field(closed, answers, field, ask, answer):
    """An unknown choice, consequences without saying for whom, or a too long text is refused on its field."""
    ask()
    with pytest.raises(WorkflowError) as refused:
        answer(closed, **answers)
    assert refused.value.field == field
    assert case_follow_ups_for_reporter(case=closed).open_question is not None


def test_the_case_pages_show_the_answers_and_the_link_both_ways(closed, handler_client, staff_client, ask, answer):
    """The handler sees the answer with the reporter's words and the new case; the new case names where it came
    from, also in the coordinator's summary view."""
    ask()
    answered = answer(closed, consequences=True, consequences_for="me", detail="Ik word buitengesloten.")
    new = answered.new_case
    old_page = handler_client.get(f"/behandeling/zaken/{closed.reference}").content.decode()
    for text in (
        "Nazorg na 4 weken",
        "Voor mij",
        "Ik word buitengesloten.",
        new.reference,
        "Nieuwe zaken uit deze zaak",
    ):
        assert text in old_page, text
    new_page = staff_client(Role.COORDINATOR).get(f"/behandeling/zaken/{new.reference}").content.decode()
    assert "Gevolgen na een eerdere melding." in new_page and "Voortgekomen uit zaak" in new_page
    assert closed.reference in new_page and "Ik word buitengesloten." not in new_page
