"""Reads of hearing both sides: what each side may see of the findings, and the handler's page.

The reporter's and the school's reads go through `investigations.confidentiality.may_see`, and every
read that returns findings is written to the audit log (on the case, so the reporter sees it back in
"who saw my case").
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import Status
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.findings.constants import Side
from meldpunt.findings.models import DraftFindings, FinalFindings, FindingsComment
from meldpunt.findings.pdf import pdf_associated_data, pdf_filename
from meldpunt.findings.rules import comments_open
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, ItemKind, may_see
from meldpunt.investigations.confidentiality import Side as ConfidentialitySide
from meldpunt.investigations.constants import PartyAccess, PartyRole
from meldpunt.investigations.selectors.shared import party_access
from meldpunt.portal.models import SupportAccess
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.crypto import decrypt_bytes
from meldpunt.privacy.services import audit_read

# Draft findings are written and sent during the investigation; a later stage may still see a next round.
FINDINGS_STATES = frozenset({Status.INVESTIGATION, Status.INTERVENTION, Status.FOLLOW_UP})


def side_role(*, case: Case, side: Side, actor: Actor, write: bool) -> PartyRole:
    """The party role `actor` speaks for on `side` of this case; PermissionDenied when it speaks for neither.

    The school side is a school contact of the case's board; the reporter side is the reporter, or
    (reading only) a support person the reporter invited and did not revoke.
    """
    if side == Side.SCHOOL:
        user = actor.user
        action = Action.SCHOOL_RESPOND if write else Action.SCHOOL_VIEW_SHARED
        if actor.kind != ActorKind.SCHOOL or not isinstance(user, User) or not user.is_active:
            raise PermissionDenied(_("U mag dit niet doen."))
        if not role_may(user, action, case):
            raise PermissionDenied(_("U mag dit niet doen."))
        return PartyRole.SCHOOL_BOARD
    if side == Side.REPORTER:
        if actor.kind == ActorKind.REPORTER and actor.ref == case.reference:
            return PartyRole.REPORTER
        if actor.kind == ActorKind.SUPPORT_PERSON:
            if write:
                raise PermissionDenied(_("Een steunpersoon kan meelezen, maar niet reageren."))
            if SupportAccess.objects.filter(case=case, public_id=actor.ref, revoked_at__isnull=True).exists():
                return PartyRole.SUPPORT_PERSON
    raise PermissionDenied(_("U mag dit niet doen."))


def side_access(*, case: Case, role: PartyRole) -> PartyAccess:
    """The "may see" setting of the party that speaks for `role`'s side: the reporter or the school board.

    A support person reads what the reporter may read; a board set to see nothing sees nothing here either.
    """
    principal = PartyRole.REPORTER if SIDE_OF_ROLE[role] == ConfidentialitySide.REPORTER else PartyRole.SCHOOL_BOARD
    return party_access(case, principal)


def handler_check(*, case: Case, user: User) -> None:
    """Only the assigned handler works on the findings of a case."""
    if not user.is_active or not role_may(user, Action.CASE_TRANSITION, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak mag dit doen."))


def latest_draft(*, case: Case) -> DraftFindings | None:
    return DraftFindings.objects.filter(case=case).order_by("-round").first()


def latest_sent_draft(*, case: Case) -> DraftFindings | None:
    return DraftFindings.objects.filter(case=case, sent_at__isnull=False).order_by("-round").first()


def final_of(draft: DraftFindings | None) -> FinalFindings | None:
    if draft is None or draft.pk is None:
        return None
    return FinalFindings.objects.filter(draft=draft).defer("pdf").first()


def sides_commented(draft: DraftFindings) -> set[str]:
    return set(FindingsComment.objects.filter(draft=draft).values_list("side", flat=True).distinct())


# What a side sees.


@dataclass(frozen=True)
class CommentView:
    side: str
    body: str
    at: datetime


@dataclass(frozen=True)
class DraftView:
    round: int
    facts_established: str
    facts_disputed: str
    assessment: str
    recommendations: str
    sent_at: datetime
    comments_due_on: date
    may_comment: bool
    own_comments: list[CommentView]


@dataclass(frozen=True)
class FinalView:
    facts_established: str
    facts_disputed: str
    assessment: str
    recommendations: str
    changes: str
    issued_at: datetime
    has_pdf: bool


@dataclass(frozen=True)
class FindingsView:
    side: str
    draft: DraftView | None
    final: FinalView | None

    @property
    def stage(self) -> str:
        """ "final", "comment" (the side may still comment) or "waiting" (the term is over, the final not there)."""
        if self.final is not None:
            return "final"
        if self.draft is not None and self.draft.may_comment:
            return "comment"
        return "waiting"


def findings_for_side(*, case: Case, side: Side, actor: Actor, now: datetime | None = None) -> FindingsView | None:
    """What `side` may see of the latest findings sent to it: the draft with its own comments, and the final.

    None when nothing was sent yet. PermissionDenied when `actor` does not speak for `side`. Audited.
    """
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=False)
    draft = latest_sent_draft(case=case)
    if draft is None or draft.sent_at is None or draft.comments_due_on is None:
        return None
    final = final_of(draft)
    today = local_date(now or timezone.now())
    draft_view = None
    if may_see(role=role, item=ItemKind.DRAFT_FINDINGS, shared=True, access=side_access(case=case, role=role)):
        may_write = role != PartyRole.SUPPORT_PERSON
        draft_view = DraftView(
            round=draft.round,
            facts_established=draft.facts_established,
            facts_disputed=draft.facts_disputed,
            assessment=draft.assessment,
            recommendations=draft.recommendations,
            sent_at=draft.sent_at,
            comments_due_on=draft.comments_due_on,
            may_comment=may_write
            and comments_open(today=today, due_on=draft.comments_due_on, finalised=final is not None),
            own_comments=[
                CommentView(side=c.side, body=c.body, at=c.at) for c in draft.comments.filter(side=side).order_by("at")
            ],
        )
    final_view = None
    if final is not None and may_see(
        role=role, item=ItemKind.FINAL_FINDINGS, shared=True, access=side_access(case=case, role=role)
    ):
        final_view = FinalView(
            facts_established=final.facts_established,
            facts_disputed=final.facts_disputed,
            assessment=final.assessment,
            recommendations=final.recommendations,
            changes=final.changes,
            issued_at=final.issued_at,
            has_pdf=final.pdf_size > 0,
        )
    if draft_view is None and final_view is None:
        return None
    audit_read(actor=actor, obj=case, details={"findings_round": draft.round, "side": str(side)})
    return FindingsView(side=str(side), draft=draft_view, final=final_view)


def _pdf_open(final: FinalFindings, *, reference: str) -> tuple[str, bytes]:
    stored = FinalFindings.objects.only("pdf", "pdf_sha256").get(pk=final.pk)
    data = decrypt_bytes(
        bytes(stored.pdf), associated_data=pdf_associated_data(reference=reference, round_number=final.draft.round)
    )
    if hashlib.sha256(data).hexdigest() != stored.pdf_sha256:
        raise MeldpuntError(_("Het bestand met de bevindingen is beschadigd. Neem contact op met het meldpunt."))
    return pdf_filename(reference=reference, round_number=final.draft.round), data


def findings_pdf(*, case: Case, side: Side, actor: Actor) -> tuple[str, bytes]:
    """The filename and bytes of the final findings PDF for `side`; NotFound when there is no final. Audited."""
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=False)
    final = final_of(latest_sent_draft(case=case))
    if final is None or not may_see(
        role=role, item=ItemKind.FINAL_FINDINGS, shared=True, access=side_access(case=case, role=role)
    ):
        raise NotFound(_("Er zijn nog geen definitieve bevindingen."))
    filename, data = _pdf_open(final, reference=case.reference)
    audit_read(actor=actor, obj=case, details={"findings_pdf": final.draft.round, "side": str(side)})
    return filename, data


# The handler's page.


@dataclass(frozen=True)
class FindingsPage:
    draft: DraftFindings | None  # the current round
    final: FinalFindings | None  # of the current round
    editable: bool  # the current draft may be written (or a new round started)
    new_round: bool  # saving starts a next round
    may_send: bool
    send_blockers: list[str]
    reporter_comments: list[FindingsComment]
    school_comments: list[FindingsComment]
    comments_open: bool
    may_finalise: bool
    earlier_finals: list[FinalFindings]
    school_contacts: int


def send_blockers(*, case: Case) -> list[str]:
    """Why a saved draft cannot be sent to both sides yet (empty when it can)."""
    blockers = []
    if case.status not in FINDINGS_STATES:
        blockers.append(_("Conceptbevindingen horen bij een zaak in onderzoek. Start eerst het onderzoek."))
    if case.school_id is None:
        blockers.append(
            _("Deze zaak heeft geen school. Hoor en wederhoor kan pas als bekend is om welke school het gaat.")
        )
    return blockers


def findings_page_get(*, case: Case, user: User, now: datetime | None = None) -> FindingsPage:
    """The findings of a case for its handler: the current round with both sides' comments. Audited."""
    handler_check(case=case, user=user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "findings"})
    draft = latest_draft(case=case)
    final = final_of(draft)
    today = local_date(now or timezone.now())
    comments = list(draft.comments.all()) if draft is not None and draft.is_sent else []
    is_open = bool(draft and comments_open(today=today, due_on=draft.comments_due_on, finalised=final is not None))
    earlier = list(
        FinalFindings.objects.filter(case=case)
        .exclude(draft=draft)
        .select_related("draft")
        .defer("pdf")
        .order_by("-issued_at")
    )
    blockers = send_blockers(case=case) if draft is not None and not draft.is_sent else []
    school_contacts = 0
    if case.school_board_id is not None:
        school_contacts = User.objects.filter(
            role=Role.SCHOOL_CONTACT, board_id=case.school_board_id, is_active=True
        ).count()
    return FindingsPage(
        draft=draft,
        final=final,
        editable=draft is None or not draft.is_sent or final is not None,
        new_round=final is not None,
        may_send=draft is not None and not draft.is_sent and not blockers,
        send_blockers=blockers,
        reporter_comments=[c for c in comments if c.side == Side.REPORTER],
        school_comments=[c for c in comments if c.side == Side.SCHOOL],
        comments_open=is_open,
        may_finalise=draft is not None and draft.is_sent and final is None,
        earlier_finals=earlier,
        school_contacts=school_contacts,
    )


def findings_pdf_for_staff(*, case: Case, user: User, round_number: int) -> tuple[str, bytes]:
    """The PDF of one round's final findings for the case's handler. NotFound when that round has none. Audited."""
    handler_check(case=case, user=user)
    final = FinalFindings.objects.filter(case=case, draft__round=round_number).select_related("draft").first()
    if final is None:
        raise NotFound(_("Er zijn geen definitieve bevindingen van deze ronde."))
    filename, data = _pdf_open(final, reference=case.reference)
    audit_read(actor=Actor.staff(user), obj=case, details={"findings_pdf": round_number})
    return filename, data


@dataclass(frozen=True)
class FindingsStage:
    """Where hearing both sides stands for a side, without any content (so no audited read)."""

    round: int
    sent_at: datetime
    comments_due_on: date
    comments_open: bool
    issued_at: datetime | None


def findings_stage_for_side(
    *, case: Case, side: Side, actor: Actor, now: datetime | None = None
) -> FindingsStage | None:
    """For a summary on a portal page: dates and stage of the latest findings sent to `side`, or None."""
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=False)
    draft = latest_sent_draft(case=case)
    if draft is None or draft.sent_at is None or draft.comments_due_on is None:
        return None
    if not may_see(role=role, item=ItemKind.DRAFT_FINDINGS, shared=True, access=side_access(case=case, role=role)):
        return None
    final = final_of(draft)
    visible_final = (
        final
        if final is not None
        and may_see(role=role, item=ItemKind.FINAL_FINDINGS, shared=True, access=side_access(case=case, role=role))
        else None
    )
    return FindingsStage(
        round=draft.round,
        sent_at=draft.sent_at,
        comments_due_on=draft.comments_due_on,
        comments_open=role != PartyRole.SUPPORT_PERSON
        and comments_open(
            today=local_date(now or timezone.now()), due_on=draft.comments_due_on, finalised=final is not None
        ),
        issued_at=visible_final.issued_at if visible_final else None,
    )
