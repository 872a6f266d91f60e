"""The confidentiality rules as a table (issue 5, done-when): every party role × every item kind × shared or not.

Three tables in one file:

1. The rule itself (`confidentiality.may_see`) against what DESIGN.md says each side may see, written out
   here by hand, for every item kind, including the kinds other apps own (findings, agreements,
   mediation, escalation, referral): for those the rule is what is checked; their own selectors apply it.
2. The selector every page, preview and PDF for the school and the reporter reads through
   (`selectors.shared.case_items_visible`), on a case with one real item of each kind this app and the
   cases app make: visible exactly when `may_see` says so.
3. The views built on it: the school portal's request view and the reporter's portal section contain
   an item's text exactly when the table lets that side see it.

Building the case is the slow part, so it is built once per value of "shared" and its outcomes (plain
data) are kept for the other parametrised tests.
"""

import enum
from dataclasses import dataclass

import pytest
from django.utils import timezone

from meldpunt.cases.deadlines import local_date
from meldpunt.cases.services import case_note_add
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, ItemKind, Side, may_see
from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole
from meldpunt.investigations.selectors.shared import (
    SchoolVisitor,
    case_items_visible,
    reporter_shared_view,
    school_request_view,
)
from meldpunt.investigations.services.chronology import chronology_entry_add
from meldpunt.investigations.services.parties import PartyDetails, consent_record, party_update
from meldpunt.investigations.services.requests import (
    information_request_answers_save,
    information_request_share_with_reporter,
    information_request_withdraw,
)
from meldpunt.investigations.tests.permission_rows_evidence import evidence_add, interview_add
from meldpunt.investigations.tests.request_helpers import reporter_named, request_sent, school_contact
from meldpunt.privacy.actors import Actor

pytestmark = pytest.mark.django_db


class Rule(enum.Enum):
    NEVER = "never"
    SHARED = "when shared"
    ALWAYS = "always"


# DESIGN.md, written out: the reporter's side sees their own story and identity and every referral made
# with their consent, and the rest when shared with them; the school sees only what was shared with it;
# parties without a portal (pupil, staff member accused, witness, the school's confidential person)
# see nothing through the system. Nobody outside the meldpunt reads interviews, the chronology or notes.
EXPECTED: dict[Side, dict[ItemKind, Rule]] = {
    Side.REPORTER: {
        ItemKind.REPORT: Rule.ALWAYS,
        ItemKind.REPORTER_IDENTITY: Rule.ALWAYS,
        ItemKind.SHARED_SUMMARY: Rule.ALWAYS,
        ItemKind.QUESTION: Rule.SHARED,
        ItemKind.ANSWER: Rule.SHARED,
        ItemKind.DOCUMENT: Rule.SHARED,
        ItemKind.INTERVIEW: Rule.NEVER,
        ItemKind.CHRONOLOGY: Rule.NEVER,
        ItemKind.NOTE: Rule.NEVER,
        ItemKind.DRAFT_FINDINGS: Rule.SHARED,
        ItemKind.FINAL_FINDINGS: Rule.SHARED,
        ItemKind.AGREEMENT: Rule.SHARED,
        ItemKind.MEDIATION: Rule.SHARED,
        ItemKind.ESCALATION: Rule.SHARED,
        ItemKind.REFERRAL: Rule.ALWAYS,
    },
    Side.SCHOOL: {
        ItemKind.REPORT: Rule.NEVER,
        ItemKind.REPORTER_IDENTITY: Rule.SHARED,
        ItemKind.SHARED_SUMMARY: Rule.SHARED,
        ItemKind.QUESTION: Rule.SHARED,
        ItemKind.ANSWER: Rule.SHARED,
        ItemKind.DOCUMENT: Rule.SHARED,
        ItemKind.INTERVIEW: Rule.NEVER,
        ItemKind.CHRONOLOGY: Rule.NEVER,
        ItemKind.NOTE: Rule.NEVER,
        ItemKind.DRAFT_FINDINGS: Rule.SHARED,
        ItemKind.FINAL_FINDINGS: Rule.SHARED,
        ItemKind.AGREEMENT: Rule.SHARED,
        ItemKind.MEDIATION: Rule.SHARED,
        ItemKind.ESCALATION: Rule.NEVER,
        ItemKind.REFERRAL: Rule.NEVER,
    },
    Side.NONE: dict.fromkeys(ItemKind, Rule.NEVER),
}

# The kinds this app and the cases app make; the others belong to findings, interventions and referrals.
BUILT_KINDS = [
    ItemKind.REPORT,
    ItemKind.REPORTER_IDENTITY,
    ItemKind.SHARED_SUMMARY,
    ItemKind.QUESTION,
    ItemKind.ANSWER,
    ItemKind.DOCUMENT,
    ItemKind.INTERVIEW,
    ItemKind.CHRONOLOGY,
    ItemKind.NOTE,
]
REPORTER_NAME = "Fatima Zwaan"
# A text that only the item of that kind holds; a view shows the item exactly when its text is in it.
MARKS = {
    ItemKind.REPORT: "MARKREPORT",
    ItemKind.REPORTER_IDENTITY: REPORTER_NAME,
    ItemKind.SHARED_SUMMARY: "MARKSUMMARY",
    ItemKind.QUESTION: "MARKQUESTION",
    ItemKind.ANSWER: "MARKANSWER",
    ItemKind.DOCUMENT: "MARKDOCUMENT",
    ItemKind.INTERVIEW: "MARKINTERVIEW",
    ItemKind.CHRONOLOGY: "MARKCHRONOLOGY",
    ItemKind.NOTE: "MARKNOTE",
}
# The reporter's portal section shows these; the report and the reporter's own identity are on the portal page itself.
REPORTER_SECTION_KINDS = [k for k in BUILT_KINDS if k not in (ItemKind.REPORT, ItemKind.REPORTER_IDENTITY)]


@dataclass(frozen=True)
class Outcomes:
    visible: dict[PartyRole, frozenset[ItemKind]]
    visible_with_access_nothing: dict[PartyRole, frozenset[ItemKind]]
    school_view: str
    reporter_view: str


_OUTCOMES: dict[bool, Outcomes] = {}


def _build(shared: bool, staff_user, school) -> Outcomes:
    """One case with an item of every kind; with `shared`, each item is shared with both sides, else with none."""
    handler = staff_user("handler")
    case = case_in_investigation(
        handler, school=school.code, description=f"{MARKS[ItemKind.REPORT]}: mijn zoon wordt gepest in de pauze."
    )
    contact = school_contact(case)
    reporter = reporter_named(case, handler, REPORTER_NAME)
    if shared:
        consent = consent_record(case=case, user=handler, subject=ConsentSubject.IDENTITY_WITH_SCHOOL, how_given="ja")
        party_update(
            party=reporter,
            user=handler,
            details=PartyDetails(name=REPORTER_NAME, access=PartyAccess.SHARED, identity_shared_with_school=True),
            consent=consent,
        )
    request = request_sent(
        case,
        handler,
        summary=f"{MARKS[ItemKind.SHARED_SUMMARY]} over de pauzes.",
        questions=[f"{MARKS[ItemKind.QUESTION]} wat weet u?"],
    ).request
    question = request.questions.get()
    information_request_answers_save(
        request_id=request.pk,
        visitor=SchoolVisitor(user=contact),
        answers={question.pk: MARKS[ItemKind.ANSWER]},
        submit=shared,
    )
    if shared:
        information_request_share_with_reporter(request=request, user=handler, shared=True)
    evidence_add(case, handler, title=MARKS[ItemKind.DOCUMENT], shared_with_school=shared, shared_with_reporter=shared)
    interview_add(case, handler, summary=MARKS[ItemKind.INTERVIEW])
    chronology_entry_add(
        case=case, user=handler, occurred_on=local_date(timezone.now()), description=MARKS[ItemKind.CHRONOLOGY]
    )
    case_note_add(case=case, author=handler, body=MARKS[ItemKind.NOTE])
    school_view = school_request_view(request_id=request.pk, visitor=SchoolVisitor(user=contact))
    if not shared:
        # Unshared for the school: the request it saw is withdrawn, so its summary, questions and answers are hidden.
        information_request_withdraw(request=request, user=handler)
        school_view = school_request_view(request_id=request.pk, visitor=SchoolVisitor(user=contact))
    return Outcomes(
        visible={
            role: frozenset(i.kind for i in case_items_visible(case=case, role=role, access=PartyAccess.SHARED))
            for role in PartyRole
        },
        visible_with_access_nothing={
            role: frozenset(i.kind for i in case_items_visible(case=case, role=role, access=PartyAccess.NOTHING))
            for role in PartyRole
        },
        school_view=repr(school_view),
        reporter_view=repr(reporter_shared_view(case=case, actor=Actor.reporter(case.reference))),
    )


@pytest.fixture
def outcomes(staff_user, school):
    def get(shared: bool) -> Outcomes:
        if shared not in _OUTCOMES:
            _OUTCOMES[shared] = _build(shared, staff_user, school)
        return _OUTCOMES[shared]

    return get


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", list(ItemKind))
@pytest.mark.parametrize("role", list(PartyRole))
def test_the_rule_says_what_the_design_says(role, kind, shared):
    """may_see(role, kind, shared) is the DESIGN.md table for the role's side, for every kind of every app."""
    rule = EXPECTED[SIDE_OF_ROLE[role]][kind]
    expected = rule is Rule.ALWAYS or (rule is Rule.SHARED and shared)
    assert may_see(role=role, item=kind, shared=shared) is expected
    assert may_see(role=role, item=kind, shared=shared, access=PartyAccess.NOTHING) is False


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", BUILT_KINDS)
@pytest.mark.parametrize("role", list(PartyRole))
def test_the_selector_shows_an_item_exactly_when_the_rule_allows(outcomes, role, kind, shared):
    """The selector behind every school and reporter page lists a real item of this kind iff may_see allows it."""
    result = outcomes(shared)
    assert (kind in result.visible[role]) is may_see(role=role, item=kind, shared=shared)
    assert kind not in result.visible_with_access_nothing[role]


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", BUILT_KINDS)
def test_the_school_portal_view_shows_an_item_exactly_when_the_rule_allows(outcomes, kind, shared):
    """The school's request page (and the preview, the same view) holds the item's text iff the board may see it."""
    result = outcomes(shared)
    expected = may_see(role=PartyRole.SCHOOL_BOARD, item=kind, shared=shared)
    assert (MARKS[kind] in result.school_view) is expected


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", REPORTER_SECTION_KINDS)
def test_the_reporters_portal_section_shows_an_item_exactly_when_the_rule_allows(outcomes, kind, shared):
    """The reporter's "what the school got" section holds the item's text iff the reporter may see it."""
    result = outcomes(shared)
    expected = may_see(role=PartyRole.REPORTER, item=kind, shared=shared)
    assert (MARKS[kind] in result.reporter_view) is expected
