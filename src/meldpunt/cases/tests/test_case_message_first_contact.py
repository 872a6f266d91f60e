import datetime as dt

import pytest
import time_machine

from meldpunt.cases.selectors import case_deadlines
from meldpunt.cases.services import case_message_from_handler_send
from meldpunt.cases.tests.case_helpers import case_assigned, case_submitted

pytestmark = pytest.mark.django_db
FRIDAY_EVENING = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC)


def test_the_first_message_meets_the_urgent_contact_term(staff_user):
    """For a child out of school, the handler's first message is the contact: the term is met and stays so."""
    handler = staff_user("handler")
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        case = case_assigned(case_submitted(attendance="not_attending", absent_since="2026-11-02"), handler)
        assert case.next_due_code == "urgent_contact"
    first = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(first, tick=False):
        case_message_from_handler_send(case=case, author=handler, body="Kunnen we bellen?")
    with time_machine.travel(first + dt.timedelta(days=2), tick=False):
        case_message_from_handler_send(case=case, author=handler, body="Nog een vraag.")
    case.refresh_from_db()
    assert case.first_contact_at == first
    contact = next(d for d in case_deadlines(case=case, now=first) if d.code == "urgent_contact")
    assert contact.state == "met" and case.next_due_code != "urgent_contact"
