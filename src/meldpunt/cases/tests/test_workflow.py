import itertools
from datetime import UTC, datetime, timedelta

import pytest

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import Status
from meldpunt.cases.workflow import TRANSITIONS, Attempt, WorkflowError, transition_check, transitions_allowed

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

# The lifecycle of DESIGN.md, written out once more by hand so the table in workflow.py is checked.
ALLOWED = {
    ("start_intake", Status.RECEIVED),
    ("refer", Status.INTAKE),
    ("decline", Status.INTAKE),
    ("start_investigation", Status.INTAKE),
    ("start_investigation", Status.REOPENED),
    ("start_intervention", Status.INVESTIGATION),
    ("start_follow_up", Status.INTERVENTION),
    ("close", Status.FOLLOW_UP),
    *{
        ("withdraw", s)
        for s in (
            Status.RECEIVED,
            Status.INTAKE,
            Status.INVESTIGATION,
            Status.INTERVENTION,
            Status.FOLLOW_UP,
            Status.REOPENED,
        )
    },
    ("reopen", Status.CLOSED),
    ("reopen", Status.REFERRED),
    ("reopen", Status.NOT_TAKEN),
}
SATISFIED_FIELDS = {"referral_target": "Veilig Thuis", "outcome": "resolved", "back_in_education": True}


def satisfied(current: Status) -> Attempt:
    return Attempt(
        current=current,
        role=Role.HANDLER,
        is_assigned=True,
        reason="omdat",
        fields=SATISFIED_FIELDS,
        closed_at=NOW - timedelta(days=30),
        now=NOW,
    )


@pytest.mark.parametrize(("name", "current"), list(itertools.product(TRANSITIONS, Status)))
def test_every_pair_is_allowed_exactly_when_the_lifecycle_says(name, current):
    """Every allowed transition succeeds with its guard satisfied; every other pair is refused with a clear error."""
    if (name, current) in ALLOWED:
        assert transition_check(name, satisfied(current)).name == name
    else:
        with pytest.raises(WorkflowError) as refused:
            transition_check(name, satisfied(current))
        assert "kan niet bij een zaak met status" in refused.value.message


@pytest.mark.parametrize(("name", "current"), sorted(ALLOWED))
@pytest.mark.parametrize("role", [Role.SCHOOL_CONTACT, Role.PARTNER, Role.ANALYST, Role.ADMINISTRATOR])
def test_roles_without_case_work_are_refused(name, current, role):
    """Only handlers and coordinators move cases; school, partner, analyst and administrator never do."""
    attempt = satisfied(current)
    with pytest.raises(WorkflowError):
        transition_check(name, Attempt(**{**attempt.__dict__, "role": role}))


@pytest.mark.parametrize(("name", "current"), sorted(ALLOWED))
def test_an_unassigned_handler_is_refused(name, current):
    """A handler who is not assigned to the case cannot move it."""
    attempt = satisfied(current)
    with pytest.raises(WorkflowError, match="behandelaar van deze zaak"):
        transition_check(name, Attempt(**{**attempt.__dict__, "is_assigned": False}))


def test_an_unassigned_coordinator_may_reopen_only():
    """Coordinators may reopen any case; other steps need the assignment."""
    base = satisfied(Status.CLOSED)
    assert transition_check("reopen", Attempt(**{**base.__dict__, "role": Role.COORDINATOR, "is_assigned": False}))
    with pytest.raises(WorkflowError):
        transition_check(
            "start_intake",
            Attempt(**{**satisfied(Status.RECEIVED).__dict__, "role": Role.COORDINATOR, "is_assigned": False}),
        )


@pytest.mark.parametrize(
    ("name", "current", "change", "field"),
    [
        ("refer", Status.INTAKE, {"reason": "  "}, "reason"),
        ("refer", Status.INTAKE, {"fields": {}}, "referral_target"),
        ("decline", Status.INTAKE, {"reason": ""}, "reason"),
        ("close", Status.FOLLOW_UP, {"fields": {"back_in_education": True}}, "outcome"),
        ("close", Status.FOLLOW_UP, {"fields": {"outcome": "great", "back_in_education": True}}, "outcome"),
        ("close", Status.FOLLOW_UP, {"fields": {"outcome": "resolved"}}, "back_in_education"),
        (
            "close",
            Status.FOLLOW_UP,
            {"fields": {"outcome": "resolved", "back_in_education": "ja"}},
            "back_in_education",
        ),
    ],
)
def test_guards_name_the_missing_field(name, current, change, field):
    """A guard that fails names the reason or field that is missing."""
    attempt = Attempt(**{**satisfied(current).__dict__, **change})
    with pytest.raises(WorkflowError) as refused:
        transition_check(name, attempt)
    assert refused.value.field == field


def test_reopen_only_within_twelve_months():
    """A closed case can be reopened within 12 months of closing, not after."""
    late = Attempt(**{**satisfied(Status.CLOSED).__dict__, "closed_at": NOW - timedelta(days=366)})
    with pytest.raises(WorkflowError, match="12 maanden"):
        transition_check("reopen", late)


def test_unknown_transition_is_refused():
    """A step that does not exist is refused."""
    with pytest.raises(WorkflowError):
        transition_check("teleport", satisfied(Status.RECEIVED))


def test_transitions_allowed_lists_what_the_case_page_offers():
    """The case page offers exactly the steps whose source and actor rule fit."""
    names = {t.name for t in transitions_allowed(current=Status.INTAKE, role=Role.HANDLER, is_assigned=True)}
    assert names == {"refer", "decline", "start_investigation", "withdraw"}
    assert transitions_allowed(current=Status.INTAKE, role=Role.ANALYST, is_assigned=True) == []


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_the_system_itself_may_only_reopen(name):
    """The meldpunt's own processes (a follow-up answer) may reopen a closed case and take no other step."""
    transition = TRANSITIONS[name]
    current = next(iter(transition.sources))
    attempt = Attempt(
        current=current,
        role="",
        is_assigned=False,
        reason="De melder is niet meer veilig.",
        fields=SATISFIED_FIELDS,
        closed_at=NOW - timedelta(days=30),
        now=NOW,
        system=True,
    )
    if name == "reopen":
        assert transition_check(name, attempt).name == "reopen"
    else:
        with pytest.raises(WorkflowError, match="Alleen de behandelaar"):
            transition_check(name, attempt)
