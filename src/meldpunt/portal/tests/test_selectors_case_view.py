import datetime as dt
import io

import pytest
from django.utils import translation
from PIL import Image

from meldpunt.cases.models import Case
from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.intake.attachments import attachment_check
from meldpunt.portal.selectors import reporter_case_view
from meldpunt.portal.services import reporter_attachments_add, reporter_message_send, support_access_invite
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.models import AuditEntry
from meldpunt.privacy.services import audit_read

from .factories import DESCRIPTION

pytestmark = pytest.mark.django_db


def _view(case: Case):
    return reporter_case_view(case=case, actor=Actor.reporter(case.reference))


def test_received_case_shows_status_and_the_intake_decision_deadline(make_report, time_machine):
    """A report received on Friday 27 November 2026 must hear by Friday 4 December whether it is taken on."""
    time_machine.move_to("2026-11-27 15:00 +01:00", tick=False)
    case = make_report().case
    view = _view(case)
    assert (view.reference, view.status, view.status_label) == (case.reference, "received", "Ontvangen")
    assert "ontvangen" in view.status_explanation
    assert view.description == DESCRIPTION
    acknowledgement, decision = view.deadlines
    assert (acknowledgement.code, acknowledgement.state) == ("acknowledgement", "met")
    assert (decision.code, decision.due, decision.state) == ("intake_decision", dt.date(2026, 12, 4), "running")
    assert view.next_deadline == decision
    assert "in behandeling" in decision.explanation


def test_late_deadline_says_sorry(make_report, time_machine):
    """After the due date the next deadline is late and says so in plain words."""
    time_machine.move_to("2026-11-27 15:00 +01:00", tick=False)
    case = make_report().case
    time_machine.move_to("2026-12-07 09:00 +01:00", tick=False)
    view = _view(case)
    assert view.next_deadline.state == "late"
    assert "spijt" in view.next_deadline.explanation


def test_english_labels(make_report):
    """With English active, the status and deadline texts are English."""
    case = make_report().case
    with translation.override("en"):
        view = _view(case)
    assert view.status_label == "Received"
    assert view.next_deadline.label == "Decision whether we take on your report"


def test_timeline_and_messages_in_order(make_report, assigned_handler):
    """The timeline lists the status, messages both ways and the reporter's files, oldest first."""
    case = make_report().case
    handler = assigned_handler(case)
    case_message_from_handler_send(case=case, author=handler, body="Wil je vertellen wanneer het begon?")
    reporter = Visitor(case=case, kind=VisitorKind.REPORTER)
    reporter_message_send(visitor=reporter, body="Na de zomervakantie.")
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    reporter_attachments_add(
        visitor=reporter, attachments=[attachment_check(filename="bewijs.png", data=png.getvalue())]
    )
    view = _view(case)
    assert [m.sender for m in view.messages] == ["handler", "reporter"]
    assert view.messages[0].body == "Wil je vertellen wanneer het begon?"
    assert [item.kind for item in view.timeline] == ["status", "message_from_handler", "message_from_reporter", "file"]
    assert [f.filename for f in view.files] == ["bewijs.png"]


def test_school_knows_nothing_unless_the_reporter_agreed(make_report):
    """Without consent nothing is shared with the school; with it, only who the reporter is."""
    assert _view(make_report(share_identity_with_school=False).case).shared_with_school == []
    (item,) = _view(make_report(share_identity_with_school=True).case).shared_with_school
    assert item.code == "identity"


def test_every_view_is_audited_as_a_read(submitted):
    """Each call writes one read entry for the actor who looked."""
    before = AuditEntry.objects.filter(action="case.read").count()
    _view(submitted.case)
    reporter_case_view(case=submitted.case, actor=Actor.support_person("STP-AAAA-BBBB"))
    reads = AuditEntry.objects.filter(action="case.read").order_by("sequence")
    assert reads.count() == before + 2
    assert [r.actor_kind for r in reads][-2:] == ["reporter", "support_person"]


def test_who_saw_my_case_names_roles_never_staff_names(submitted, staff_user):
    """Staff reads show the role, not the name; support persons are shown; the reporter's own reads are not."""
    handler = staff_user("handler", first_name="Henk", last_name="de Vries")
    audit_read(actor=Actor.staff(handler), obj=submitted.case)
    reporter = Visitor(case=submitted.case, kind=VisitorKind.REPORTER)
    access, _code = support_access_invite(visitor=reporter)
    reporter_case_view(case=submitted.case, actor=Actor.support_person(access.public_id))
    view = _view(submitted.case)
    shown = " ".join(f"{s.who} {s.action}" for s in view.seen_by)
    assert "Henk" not in shown and "Vries" not in shown and handler.username not in shown
    assert "behandelaar" in shown and "Steunpersoon" in shown
    assert not any(s.actor_kind == "reporter" and s.action == "bekeek de melding" for s in view.seen_by)
    assert view.seen_by[0].at >= view.seen_by[-1].at


def test_urgent_case_promises_contact_within_a_working_day(make_report, time_machine):
    """A child out of school makes the case urgent: first contact is due the next working day, and comes first."""
    time_machine.move_to("2026-11-27 15:00 +01:00", tick=False)
    case = make_report(attendance="not_attending", absent_since="2026-11-02").case
    view = _view(case)
    assert "urgent_contact" in [d.code for d in view.deadlines]
    assert (view.next_deadline.code, view.next_deadline.due) == ("urgent_contact", dt.date(2026, 11, 30))
    assert "dringend" in view.next_deadline.explanation
