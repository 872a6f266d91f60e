"""Reads of the school portal that are not the request pages: who a link's visitor is, and the board's
cases with findings to read. The findings themselves are read through `findings.selectors` (audited)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.models import Case
from meldpunt.core.errors import NotFound
from meldpunt.findings.constants import Side
from meldpunt.findings.models import DraftFindings
from meldpunt.findings.selectors import findings_stage_for_side
from meldpunt.investigations.models import SchoolAccessLink
from meldpunt.investigations.selectors.shared import SchoolVisitor

FINDINGS_CASES_SHOWN = 100


def link_visitor(*, link_id: int, now: datetime | None = None) -> SchoolVisitor | None:
    """The visitor a redeemed, unexpired link stands for; None once the link has expired or was revoked."""
    now = now or timezone.now()
    link = SchoolAccessLink.objects.filter(pk=link_id, used_at__isnull=False, expires_at__gt=now).first()
    return SchoolVisitor(link=link) if link is not None else None


@dataclass(frozen=True)
class FindingsCaseRow:
    reference: str
    school_name: str
    sent_at: datetime
    comments_due_on: date
    comments_open: bool
    final: bool


def school_findings_cases(*, visitor: SchoolVisitor, now: datetime | None = None) -> list[FindingsCaseRow]:
    """The board's cases whose findings were sent to the school, newest first; dates only, no content."""
    user = visitor.user
    if user is None or user.board_id is None or not user.is_active:
        return []
    case_ids = (
        DraftFindings.objects.filter(case__school__board_id=user.board_id, sent_at__isnull=False)
        .order_by("-sent_at")
        .values_list("case_id", flat=True)
    )
    seen: list[int] = []
    for case_id in case_ids:
        if case_id not in seen:
            seen.append(case_id)
        if len(seen) >= FINDINGS_CASES_SHOWN:
            break
    # select_related: each row names the school; the permission check reads its board.
    cases = Case.objects.select_related("school__board").in_bulk(seen)
    rows = []
    for case_id in seen:
        case = cases[case_id]
        if not role_may(user, Action.SCHOOL_VIEW_SHARED, case):
            continue
        stage = findings_stage_for_side(case=case, side=Side.SCHOOL, actor=visitor.actor, now=now)
        if stage is None:
            continue
        rows.append(
            FindingsCaseRow(
                reference=case.reference,
                school_name=case.school.name if case.school else "",
                sent_at=stage.sent_at,
                comments_due_on=stage.comments_due_on,
                comments_open=stage.comments_open,
                final=stage.issued_at is not None,
            )
        )
    return rows


def school_findings_case(*, reference: str, visitor: SchoolVisitor) -> Case:
    """A case of the school contact's board, for its findings page; NotFound for any other case."""
    user = visitor.user
    case = Case.objects.select_related("school__board").filter(reference=reference).first()
    if case is None or user is None or not user.is_active or not role_may(user, Action.SCHOOL_VIEW_SHARED, case):
        raise NotFound(_("Deze zaak bestaat niet, of u kunt haar niet openen."))
    return case
