"""The confidentiality table for the kinds other apps make (issue 5, done-when): every role × kind × shared.

`test_confidentiality_table.py` checks the rule for every kind and the investigations app's selectors for
its own nine kinds. This file does the same for the rest: draft and final findings (findings app),
agreements, mediation and escalation (interventions app) and referrals (referrals app), through the real
selectors the reporter's and the school's pages call, and through those pages themselves.

One case gets an item of each of these kinds, made with the real services: with `shared`, each item is
shared (the draft sent and the final issued; agreements, meetings and the escalation flagged shared), else
none is (the draft only saved). A referral is always made with the reporter (with consent, or without it
on a legal ground); there is no "sharing" it with the school. Each item holds a marker text of its own;
a selector or page shows the item exactly when its marker is in what it returns. The case is built once
per value of "shared" and its outcomes (plain data) are kept for the other parametrised tests.
"""

import datetime as dt
import enum
import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import sign_in_client
from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import NotFound
from meldpunt.findings.constants import Side as PortalSide
from meldpunt.findings.selectors import findings_for_side, findings_pdf
from meldpunt.findings.services import draft_findings_save, draft_findings_send, findings_comment_add, findings_finalise
from meldpunt.findings.tests.conftest import texts
from meldpunt.findings.tests.helpers import CHANGES
from meldpunt.intake.codes import access_code_hash, access_code_new
from meldpunt.interventions.selectors import interventions_for_side, interventions_summary_for_side
from meldpunt.interventions.services import agreement_add, escalation_make, mediation_plan, mediation_record
from meldpunt.interventions.tests.conftest import fields
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, ItemKind, Side, may_see
from meldpunt.investigations.constants import PartyAccess, PartyRole
from meldpunt.investigations.selectors.shared import SchoolVisitor, school_request_view, school_requests_list
from meldpunt.investigations.services.parties import PartyDetails, parties_ensure, party_update
from meldpunt.investigations.tests.request_helpers import request_sent, school_contact
from meldpunt.portal.services import support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.referrals.selectors import ReferralInput, reporter_referrals
from meldpunt.referrals.services import referral_send
from meldpunt.schoolportal.selectors import school_findings_cases

pytestmark = pytest.mark.django_db

OTHER_KINDS = [
    ItemKind.DRAFT_FINDINGS,
    ItemKind.FINAL_FINDINGS,
    ItemKind.AGREEMENT,
    ItemKind.MEDIATION,
    ItemKind.ESCALATION,
    ItemKind.REFERRAL,
]
# A text that only the item of that kind holds. An escalation's reason and its summary for supervision are
# never shown to anyone outside the meldpunt: the reporter only learns the date (see ESCALATED_PAGE_MARK).
MARKS = {
    ItemKind.DRAFT_FINDINGS: "MARKDRAFTFINDINGS",
    ItemKind.FINAL_FINDINGS: "MARKFINALFINDINGS",
    ItemKind.AGREEMENT: "MARKAGREEMENT",
    ItemKind.MEDIATION: "MARKMEDIATION",
    ItemKind.ESCALATION: "MARKESCALATION",
    ItemKind.REFERRAL: "MARKREFERRAL",
}
ESCALATION_SUMMARY = "MARKSIGNAL: pesten in groep 7, de school grijpt niet in."
# The reporter's agreements page has a section with this id when it tells of an escalation.
ESCALATED_PAGE_MARK = 'id="toezicht"'


class Viewer(enum.StrEnum):
    REPORTER = "reporter"
    SUPPORT_PERSON = "support_person"
    SCHOOL = "school"


# Who looks through a portal for a role. The portal knows two kinds of visitor on the reporter's side: the
# reporter (whoever holds the report's access code, so a parent who reported too) and an invited support
# person; the school side is a school contact of the board, which speaks for the board and its locations.
# Roles on side NONE (pupil, accused staff member, witness, the school's confidential person) have no
# portal: there is no selector to call for them, so only the rule is checked (it must say "never").
VIEWER_OF_ROLE: dict[PartyRole, Viewer] = {
    PartyRole.REPORTER: Viewer.REPORTER,
    PartyRole.PARENT: Viewer.REPORTER,
    PartyRole.SUPPORT_PERSON: Viewer.SUPPORT_PERSON,
    PartyRole.SCHOOL_BOARD: Viewer.SCHOOL,
    PartyRole.SCHOOL_LOCATION: Viewer.SCHOOL,
}
ROLE_OF_VIEWER = {
    Viewer.REPORTER: PartyRole.REPORTER,
    Viewer.SUPPORT_PERSON: PartyRole.SUPPORT_PERSON,
    Viewer.SCHOOL: PartyRole.SCHOOL_BOARD,
}


class Source(enum.StrEnum):
    FINDINGS = "findings_for_side"
    FINDINGS_PDF = "findings_pdf"
    INTERVENTIONS = "interventions_for_side"
    INTERVENTIONS_SUMMARY = "interventions_summary_for_side"
    REFERRALS = "reporter_referrals"
    SCHOOL_EVERYTHING = "every school-facing selector and page"


# The selectors that show a kind to a side. The school side has no referral selector at all: for it, every
# selector and page the school portal reads must hold no referral.
SOURCES: dict[tuple[Side, ItemKind], tuple[Source, ...]] = {
    (Side.REPORTER, ItemKind.DRAFT_FINDINGS): (Source.FINDINGS,),
    (Side.REPORTER, ItemKind.FINAL_FINDINGS): (Source.FINDINGS, Source.FINDINGS_PDF),
    (Side.REPORTER, ItemKind.AGREEMENT): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.REPORTER, ItemKind.MEDIATION): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.REPORTER, ItemKind.ESCALATION): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.REPORTER, ItemKind.REFERRAL): (Source.REFERRALS,),
    (Side.SCHOOL, ItemKind.DRAFT_FINDINGS): (Source.FINDINGS,),
    (Side.SCHOOL, ItemKind.FINAL_FINDINGS): (Source.FINDINGS, Source.FINDINGS_PDF),
    (Side.SCHOOL, ItemKind.AGREEMENT): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.SCHOOL, ItemKind.MEDIATION): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.SCHOOL, ItemKind.ESCALATION): (Source.INTERVENTIONS, Source.INTERVENTIONS_SUMMARY),
    (Side.SCHOOL, ItemKind.REFERRAL): (Source.SCHOOL_EVERYTHING,),
}
# The school portal has pages for the findings and for the agreements and mediation meetings: those kinds show
# there exactly when the rule allows. Escalations and referrals have no school page, so for them its pages are
# checked only for showing nothing the rule forbids.
SCHOOL_PAGE_KINDS = frozenset(
    {ItemKind.DRAFT_FINDINGS, ItemKind.FINAL_FINDINGS, ItemKind.AGREEMENT, ItemKind.MEDIATION}
)


@dataclass(frozen=True)
class Outcomes:
    seen: dict[Viewer, dict[Source, frozenset[ItemKind]]]  # what each selector returned to each viewer
    pages: dict[Viewer, frozenset[ItemKind]]  # what the viewer's portal pages (and PDF download) hold
    escalation_texts_anywhere: bool  # the escalation's reason or supervision summary, in any selector or page


_OUTCOMES: dict[bool, Outcomes] = {}


def _marked(text: str, kinds: list[ItemKind] | None = None) -> frozenset[ItemKind]:
    return frozenset(kind for kind in kinds or OTHER_KINDS if MARKS[kind] in text)


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _selector_texts(case: Case, side: PortalSide, actor: Actor) -> tuple[dict[Source, frozenset[ItemKind]], str]:
    """What each selector of the findings and interventions apps returns to `actor`, and all of it as text."""
    findings = repr(findings_for_side(case=case, side=side, actor=actor))
    try:
        pdf = _pdf_text(findings_pdf(case=case, side=side, actor=actor)[1])
    except NotFound:
        pdf = ""
    view = interventions_for_side(case=case, side=side, actor=actor)
    summary = interventions_summary_for_side(case=case, side=side, actor=actor)
    listed = _marked(repr(view), [ItemKind.AGREEMENT, ItemKind.MEDIATION])
    # An escalation shows only as the date it happened: its reason stays in the case.
    escalated = frozenset({ItemKind.ESCALATION}) if view is not None and view.escalated_on else frozenset()
    counted = {
        ItemKind.AGREEMENT: summary is not None and summary.agreements > 0,
        ItemKind.MEDIATION: summary is not None and summary.next_meeting is not None,
        ItemKind.ESCALATION: summary is not None and summary.escalated,
    }
    seen = {
        Source.FINDINGS: _marked(findings, [ItemKind.DRAFT_FINDINGS, ItemKind.FINAL_FINDINGS]),
        Source.FINDINGS_PDF: _marked(pdf, [ItemKind.FINAL_FINDINGS]),
        Source.INTERVENTIONS: listed | escalated,
        Source.INTERVENTIONS_SUMMARY: frozenset(kind for kind, shown in counted.items() if shown),
    }
    return seen, "\n".join((findings, pdf, repr(view), repr(summary)))


def _page_texts(client: Client, urls: list[str]) -> str:
    """The pages (HTML, or a PDF's text) a signed-in visitor gets; a download not there yet is a 404."""
    texts_ = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 404 and url.endswith("pdf"):
            continue
        assert response.status_code == 200, (url, response.status_code)
        if response["Content-Type"] == "application/pdf":
            texts_.append(_pdf_text(response.content))
        else:
            texts_.append(response.content.decode())
    return "\n".join(texts_)


def _page_kinds(text: str) -> frozenset[ItemKind]:
    escalated = frozenset({ItemKind.ESCALATION}) if ESCALATED_PAGE_MARK in text else frozenset()
    return _marked(text, [k for k in OTHER_KINDS if k is not ItemKind.ESCALATION]) | escalated


def _portal_client(reference: str, code: str) -> Client:
    client = Client()
    response = client.post("/mijn-melding/", {"reference": reference, "access_code": code})
    assert response.status_code == 302, response
    return client


def _make_items(case: Case, handler: User, contact: User, shared: bool) -> None:
    """One item of each kind of the findings, interventions and referrals apps, shared with both sides or not."""
    draft_texts = texts(facts_established=f"{MARKS[ItemKind.DRAFT_FINDINGS]}: drie keer uitgescholden.")
    draft_findings_save(case=case, user=handler, texts=draft_texts)
    if shared:
        draft_findings_send(case=case, user=handler)
        findings_comment_add(
            case=case, side=PortalSide.REPORTER, body="Het was vaker.", actor=Actor.reporter(case.reference)
        )
        findings_comment_add(
            case=case,
            side=PortalSide.SCHOOL,
            body="Wij wisten het niet.",
            actor=Actor(kind=ActorKind.SCHOOL, user=contact),
        )
        findings_finalise(
            case=case,
            user=handler,
            texts=texts(facts_established=f"{MARKS[ItemKind.FINAL_FINDINGS]}: vier keer uitgescholden."),
            changes=CHANGES,
        )
    agreement_add(
        case=case,
        user=handler,
        fields=fields(
            description=f"{MARKS[ItemKind.AGREEMENT]}: een plan tegen pesten.",
            shared_with_school=shared,
            shared_with_reporter=shared,
        ),
    )
    now = timezone.now()
    held = mediation_plan(
        case=case, user=handler, planned_at=now - dt.timedelta(days=2), participants="Ouder, directeur", shared=shared
    )
    mediation_record(
        meeting=held,
        user=handler,
        held_at=now - dt.timedelta(days=2),
        outcome=f"{MARKS[ItemKind.MEDIATION]}: afspraken gemaakt.",
    )
    mediation_plan(
        case=case, user=handler, planned_at=now + dt.timedelta(days=7), participants="Ouder, directeur", shared=shared
    )
    escalation_make(
        case=case,
        user=handler,
        reason=f"{MARKS[ItemKind.ESCALATION]}: het bestuur reageert niet.",
        summary=ESCALATION_SUMMARY,
        shared_with_reporter=shared,
    )
    summary = f"{MARKS[ItemKind.REFERRAL]}: ouder zoekt steun bij gesprekken met de school."
    if shared:
        data = ReferralInput(
            kind="other",
            recipient_name="Stichting Steun",
            summary=summary,
            consent_choice="new",
            consent_how_given="Telefonisch",
        )
    else:
        data = ReferralInput(kind="police", summary=summary, legal_ground="Meldcode, stap 5")
    referral_send(case=case, user=handler, data=data)


def _build(shared: bool, staff_user, school) -> Outcomes:
    handler = staff_user("handler")
    case = case_in_investigation(handler, school=school.code)
    contact = school_contact(case)
    # A request too, so the school portal has a request page that could (and must not) show a referral.
    request = request_sent(case, handler).request
    _make_items(case, handler, contact, shared)

    code = access_code_new()
    Case.objects.filter(pk=case.pk).update(access_code_hash=access_code_hash(code))
    access, support_code = support_access_invite(visitor=Visitor(case, VisitorKind.REPORTER))
    school_actor = Actor(kind=ActorKind.SCHOOL, user=contact)
    school_visitor = SchoolVisitor(user=contact)
    reporter_urls = [
        "/mijn-melding/melding",
        "/mijn-melding/bevindingen/",
        "/mijn-melding/bevindingen/bevindingen.pdf",
        "/mijn-melding/afspraken/",
    ]
    school_urls = [
        "/school/",
        f"/school/verzoeken/{request.pk}",
        f"/school/zaken/{case.reference}/bevindingen",
        f"/school/zaken/{case.reference}/bevindingen/pdf",
        f"/school/zaken/{case.reference}/afspraken",
    ]

    seen: dict[Viewer, dict[Source, frozenset[ItemKind]]] = {}
    everything: list[str] = []
    for viewer, actor, show_invitation in (
        (Viewer.REPORTER, Actor.reporter(case.reference), True),
        (Viewer.SUPPORT_PERSON, Actor.support_person(access.public_id), False),
    ):
        seen[viewer], text = _selector_texts(case, PortalSide.REPORTER, actor)
        referrals = repr(reporter_referrals(case=case, show_invitation=show_invitation))
        seen[viewer][Source.REFERRALS] = _marked(referrals, [ItemKind.REFERRAL])
        everything += [text, referrals]
    seen[Viewer.SCHOOL], text = _selector_texts(case, PortalSide.SCHOOL, school_actor)
    school_lists = repr(
        (
            school_requests_list(visitor=school_visitor),
            school_request_view(request_id=request.pk, visitor=school_visitor),
            school_findings_cases(visitor=school_visitor),
        )
    )
    pages = {
        Viewer.REPORTER: _page_texts(_portal_client(case.reference, code), reporter_urls),
        Viewer.SUPPORT_PERSON: _page_texts(_portal_client(access.public_id, support_code), reporter_urls),
        Viewer.SCHOOL: _page_texts(sign_in_client(Client(), contact), school_urls),
    }
    seen[Viewer.SCHOOL][Source.SCHOOL_EVERYTHING] = _marked("\n".join((text, school_lists, pages[Viewer.SCHOOL])))
    everything += [text, school_lists, *pages.values()]
    everything_text = "\n".join(everything)
    return Outcomes(
        seen=seen,
        pages={viewer: _page_kinds(page) for viewer, page in pages.items()},
        escalation_texts_anywhere=MARKS[ItemKind.ESCALATION] in everything_text or "MARKSIGNAL" in everything_text,
    )


@pytest.fixture
def outcomes(staff_user, school):
    def get(shared: bool) -> Outcomes:
        if shared not in _OUTCOMES:
            _OUTCOMES[shared] = _build(shared, staff_user, school)
        return _OUTCOMES[shared]

    return get


def test_every_role_with_a_portal_has_a_viewer():
    """Exactly the roles on the reporter's or the school's side look through a portal."""
    assert set(VIEWER_OF_ROLE) == {role for role in PartyRole if SIDE_OF_ROLE[role] is not Side.NONE}
    assert all(SIDE_OF_ROLE[ROLE_OF_VIEWER[viewer]] is SIDE_OF_ROLE[role] for role, viewer in VIEWER_OF_ROLE.items())


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", OTHER_KINDS)
@pytest.mark.parametrize("role", list(PartyRole))
def test_the_selectors_show_an_item_exactly_when_the_rule_allows(outcomes, role, kind, shared):
    """Each selector behind the role's portal returns a real item of this kind iff may_see allows it."""
    side = SIDE_OF_ROLE[role]
    expected = may_see(role=role, item=kind, shared=shared)
    if side is Side.NONE:
        # No portal and so no selector for these parties: the rule itself must hide everything from them.
        assert expected is False
        return
    result = outcomes(shared).seen[VIEWER_OF_ROLE[role]]
    for source in SOURCES[(side, kind)]:
        assert (kind in result[source]) is expected, source
    assert may_see(role=role, item=kind, shared=shared, access=PartyAccess.NOTHING) is False


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", OTHER_KINDS)
@pytest.mark.parametrize("viewer", [Viewer.REPORTER, Viewer.SUPPORT_PERSON])
def test_the_reporters_pages_show_an_item_exactly_when_the_rule_allows(outcomes, viewer, kind, shared):
    """The portal's case, findings and agreements pages (and the PDF) hold the item iff the visitor may see it."""
    expected = may_see(role=ROLE_OF_VIEWER[viewer], item=kind, shared=shared)
    assert (kind in outcomes(shared).pages[viewer]) is expected


@pytest.mark.parametrize("shared", [True, False])
@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_the_school_portal_shows_nothing_the_rule_forbids(outcomes, kind, shared):
    """The school portal's pages never hold an item the board may not see; findings, agreements and meetings it may."""
    expected = may_see(role=PartyRole.SCHOOL_BOARD, item=kind, shared=shared)
    shown = kind in outcomes(shared).pages[Viewer.SCHOOL]
    if kind in SCHOOL_PAGE_KINDS:
        assert shown is expected
    else:
        assert not shown or expected


@pytest.mark.parametrize("shared", [True, False])
def test_an_escalations_reason_reaches_no_portal(outcomes, shared):
    """The reason for an escalation and its summary for supervision are in no selector result or page of either side."""
    assert outcomes(shared).escalation_texts_anywhere is False


@pytest.mark.parametrize("role", [PartyRole.SCHOOL_BOARD, PartyRole.REPORTER])
def test_a_side_whose_party_may_see_nothing_gets_no_findings_or_interventions(staff_user, school, role):
    """A board or reporter party set to "see nothing" sees no findings, agreements or meetings, however shared."""
    handler = staff_user("handler")
    case = case_in_investigation(handler, school=school.code)
    contact = school_contact(case)
    parties_ensure(case=case, user=handler)
    _make_items(case, handler, contact, shared=True)
    party = case.parties.get(role=role)
    party_update(party=party, user=handler, details=PartyDetails(name=party.name, access=PartyAccess.NOTHING))
    side, actor = (
        (PortalSide.SCHOOL, Actor(kind=ActorKind.SCHOOL, user=contact))
        if role == PartyRole.SCHOOL_BOARD
        else (PortalSide.REPORTER, Actor.reporter(case.reference))
    )
    findings = findings_for_side(case=case, side=side, actor=actor)
    assert findings is None or (findings.draft is None and findings.final is None)
    assert interventions_for_side(case=case, side=side, actor=actor) is None
