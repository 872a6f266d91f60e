"""Writes of hearing both sides: write the draft, send it to both sides at once, comment, make it final.

Sending locks the draft; the reporter and the school board get the same text, at the same moment,
with the same due date, in one call. The final findings are a new record with what changed and why,
rendered to a tagged PDF that is stored encrypted. The reporter is only ever "de melder" in texts that
go to the school, unless the reporter agreed that the school may know who they are.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_findings_record
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import MeldpuntError
from meldpunt.findings.constants import Side
from meldpunt.findings.models import DraftFindings, FinalFindings, FindingsComment
from meldpunt.findings.pdf import findings_pdf_render, pdf_associated_data
from meldpunt.findings.rules import (
    COMMENT_MAX_CHARS,
    FindingsRefused,
    comments_due_on,
    comments_open,
    may_finalise_before_due,
    names_mentioned,
    text_clean,
)
from meldpunt.findings.selectors import (
    final_of,
    handler_check,
    latest_draft,
    latest_sent_draft,
    send_blockers,
    side_access,
    side_role,
    sides_commented,
)
from meldpunt.findings.tasks import StaffNotice, school_contacts_notify, staff_notify
from meldpunt.investigations.confidentiality import ItemKind, may_see
from meldpunt.investigations.constants import PartyRole
from meldpunt.investigations.models import Party
from meldpunt.portal.tasks import reporter_news_announce
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.crypto import encrypt_bytes
from meldpunt.privacy.services import audit_record


@dataclass(frozen=True)
class FindingsTexts:
    """The four parts of (draft or final) findings."""

    facts_established: str
    facts_disputed: str
    assessment: str
    recommendations: str

    def cleaned(self) -> "FindingsTexts":
        return FindingsTexts(
            facts_established=text_clean(
                self.facts_established,
                field="facts_established",
                required=True,
                missing=_("Schrijf welke feiten zijn vastgesteld."),
            ),
            facts_disputed=text_clean(self.facts_disputed, field="facts_disputed", required=False, missing=""),
            assessment=text_clean(
                self.assessment, field="assessment", required=True, missing=_("Schrijf uw beoordeling.")
            ),
            recommendations=text_clean(self.recommendations, field="recommendations", required=False, missing=""),
        )

    def all_text(self) -> str:
        return "\n".join((self.facts_established, self.facts_disputed, self.assessment, self.recommendations))


def _case_locked(case: Case) -> Case:
    """The case row, locked until the transaction ends: two steps on one case's findings never interleave."""
    return Case.objects.select_for_update(of=("self",)).select_related("school__board").get(pk=case.pk)


def _open_check(case: Case) -> None:
    if case.status not in OPEN_STATES:
        raise FindingsRefused(_("Deze zaak is afgesloten. Heropen de zaak eerst."))


def reporter_names_hidden_from_school(*, case: Case) -> list[str]:
    """The reporter's recorded names, when the school may not know who the reporter is (else nothing)."""
    if case.share_identity_with_school:
        return []
    parties = Party.objects.filter(case=case, role=PartyRole.REPORTER, identity_shared_with_school=False)
    return [party.name for party in parties if party.name]


def identity_check(
    *, case: Case, text: str, field: str | None = None, error: type[MeldpuntError] = FindingsRefused
) -> None:
    """Refuse a text for the school (or supervision) that names a reporter who did not agree to be known there."""
    if names_mentioned(text, reporter_names_hidden_from_school(case=case)):
        raise error(
            _("De tekst noemt de naam van de melder. De school mag niet weten wie de melder is: schrijf ‘de melder’."),
            field=field,
        )


def _account(actor: Actor) -> User | None:
    return actor.user if isinstance(actor.user, User) else None


def _school_notify(case: Case, notice: StaffNotice) -> None:
    board_id = case.school_board_id
    if board_id is not None:
        transaction.on_commit(lambda: school_contacts_notify.enqueue(board_id=board_id, notice=notice.value))


@transaction.atomic
def draft_findings_save(*, case: Case, user: User, texts: FindingsTexts, now: datetime | None = None) -> DraftFindings:
    """Write the draft findings of the current round; until it is sent the draft can be changed.

    After final findings a save starts the next round (a reopened case). A sent draft is locked.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    cleaned = texts.cleaned()
    draft = latest_draft(case=locked)
    if draft is not None and draft.is_sent and final_of(draft) is None:
        raise FindingsRefused(
            _(
                "De conceptbevindingen zijn al verstuurd en kunnen niet meer veranderen. "
                "Verwerk de reacties in de definitieve bevindingen."
            )
        )
    if draft is None or draft.is_sent:
        draft = DraftFindings(case=locked, round=(draft.round + 1 if draft else 1), created_at=now, created_by=user)
    draft.facts_established = cleaned.facts_established
    draft.facts_disputed = cleaned.facts_disputed
    draft.assessment = cleaned.assessment
    draft.recommendations = cleaned.recommendations
    draft.updated_at = now
    draft.updated_by = user
    draft.save()
    audit_record(actor=Actor.staff(user), action="findings.draft_saved", obj=locked, details={"round": draft.round})
    return draft


@transaction.atomic
def draft_findings_send(*, case: Case, user: User, now: datetime | None = None) -> DraftFindings:
    """Send the draft to the reporter and the school board at once, with one due date for both; lock it.

    The reporter hears through the portal's news email, the board's contacts through a content-free
    email with a link to the school portal. Both go out after the commit.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    draft = latest_draft(case=locked)
    if draft is None or (draft.is_sent and final_of(draft) is not None):
        raise FindingsRefused(_("Schrijf en bewaar eerst de conceptbevindingen."))
    if draft.is_sent:
        raise FindingsRefused(_("Deze conceptbevindingen zijn al naar beide kanten verstuurd."))
    blockers = send_blockers(case=locked)
    if blockers:
        raise FindingsRefused(blockers[0])
    texts = FindingsTexts(draft.facts_established, draft.facts_disputed, draft.assessment, draft.recommendations)
    identity_check(case=locked, text=texts.cleaned().all_text())
    draft.sent_at = now
    draft.sent_by = user
    draft.comments_due_on = comments_due_on(local_date(now))
    draft.save(update_fields=["sent_at", "sent_by", "comments_due_on"])
    audit_record(
        actor=Actor.staff(user),
        action="findings.draft_sent",
        obj=locked,
        details={"round": draft.round, "comments_due_on": draft.comments_due_on, "sides": [s.value for s in Side]},
    )
    reporter_news_announce(case=locked)
    _school_notify(locked, StaffNotice.DRAFT_SENT)
    return draft


@transaction.atomic
def findings_comment_add(
    *, case: Case, side: Side, body: str, actor: Actor, user: User | None = None, now: datetime | None = None
) -> FindingsComment:
    """A side's comment on the draft it was sent, stored against that draft; the handler hears of it.

    Refused after the due date, once the findings are final, or when nothing was sent to that side.
    A support person reads along but does not comment.
    """
    now = now or timezone.now()
    side = Side(side)
    role = side_role(case=case, side=side, actor=actor, write=True)
    draft = latest_sent_draft(case=case)
    if draft is None or not may_see(
        role=role, item=ItemKind.DRAFT_FINDINGS, shared=True, access=side_access(case=case, role=role)
    ):
        raise FindingsRefused(
            _("Er zijn nog geen conceptbevindingen naar u gestuurd. Reageren kan pas als u ze heeft.")
        )
    # The draft row is locked so a comment and the final findings never cross.
    draft = DraftFindings.objects.select_for_update().get(pk=draft.pk)
    if final_of(draft) is not None:
        raise FindingsRefused(_("De bevindingen zijn al definitief. Reageren kan niet meer."))
    due_on = draft.comments_due_on
    assert due_on is not None  # a sent draft has its due date (a check constraint)
    if not comments_open(today=local_date(now), due_on=due_on, finalised=False):
        raise FindingsRefused(
            _("U kon reageren tot en met %(date)s. Die termijn is voorbij, dus reageren kan niet meer.")
            % {"date": formats.date_format(due_on, "j F Y")}
        )
    text = text_clean(body, field="body", required=True, missing=_("Schrijf uw reactie."), max_chars=COMMENT_MAX_CHARS)
    comment = FindingsComment.objects.create(
        draft=draft, side=side, body=text, at=now, author_kind=actor.kind, author=user or _account(actor)
    )
    audit_record(
        actor=actor, action="findings.comment_added", obj=case, details={"round": draft.round, "side": side.value}
    )
    handler_id = case.assigned_handler_id
    if handler_id is not None:
        transaction.on_commit(
            lambda: staff_notify.enqueue(user_id=handler_id, notice=StaffNotice.COMMENT_RECEIVED.value)
        )
    return comment


def _pdf_context(*, case: Case, draft: DraftFindings, final: FinalFindings, commented: set[str]) -> dict[str, object]:
    school = case.school
    return {
        "reference": case.reference,
        "school": school.name if school else "",
        "place": school.place if school else "",
        "board": str(school.board) if school else "",
        "draft": draft,
        "final": final,
        "reporter_commented": Side.REPORTER.value in commented,
        "school_commented": Side.SCHOOL.value in commented,
    }


@transaction.atomic
def findings_finalise(
    *, case: Case, user: User, texts: FindingsTexts, changes: str, now: datetime | None = None
) -> FinalFindings:
    """Make the findings of the sent draft final: the final text, what changed and why, and the PDF.

    Waits for the comment term unless both sides have commented. The PDF goes to both sides, so no text
    may name a reporter whom the school may not know. Meets the case's findings term.
    """
    now = now or timezone.now()
    locked = _case_locked(case)
    handler_check(case=locked, user=user)
    _open_check(locked)
    draft = latest_draft(case=locked)
    if draft is None or not draft.is_sent or draft.comments_due_on is None:
        raise FindingsRefused(_("Stuur eerst de conceptbevindingen naar beide kanten. Zij mogen er eerst op reageren."))
    draft = DraftFindings.objects.select_for_update().get(pk=draft.pk)
    if final_of(draft) is not None:
        raise FindingsRefused(_("Deze bevindingen zijn al definitief."))
    due_on = draft.comments_due_on
    assert due_on is not None  # a sent draft has its due date (a check constraint)
    cleaned = texts.cleaned()
    change_text = text_clean(
        changes,
        field="changes",
        required=True,
        missing=_(
            "Schrijf wat er is veranderd ten opzichte van het concept, en waarom. "
            "Is er niets veranderd? Schrijf dan waarom niet."
        ),
    )
    commented = sides_commented(draft)
    if not may_finalise_before_due(
        today=local_date(now), due_on=due_on, sides_commented=commented, sides=set(Side.values)
    ):
        raise FindingsRefused(
            _(
                "Beide kanten mogen reageren tot en met %(date)s. Maak de bevindingen daarna definitief, "
                "of eerder als beide kanten al hebben gereageerd."
            )
            % {"date": formats.date_format(due_on, "j F Y")}
        )
    identity_check(case=locked, text=cleaned.all_text() + "\n" + change_text)
    final = FinalFindings(
        draft=draft,
        case=locked,
        facts_established=cleaned.facts_established,
        facts_disputed=cleaned.facts_disputed,
        assessment=cleaned.assessment,
        recommendations=cleaned.recommendations,
        changes=change_text,
        issued_at=now,
        issued_by=user,
    )
    pdf = findings_pdf_render(context=_pdf_context(case=locked, draft=draft, final=final, commented=commented))
    final.pdf = encrypt_bytes(
        pdf, associated_data=pdf_associated_data(reference=locked.reference, round_number=draft.round)
    )
    final.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    final.pdf_size = len(pdf)
    final.save()
    audit_record(
        actor=Actor.staff(user),
        action="findings.final_issued",
        obj=locked,
        details={"round": draft.round, "pdf_sha256": final.pdf_sha256},
    )
    case_findings_record(case=locked, at=now)
    reporter_news_announce(case=locked)
    _school_notify(locked, StaffNotice.FINAL_ISSUED)
    return final
