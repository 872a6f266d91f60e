"""Pure rules of the action plan's follow-up: when an agreement is reminded of, and when it is overdue."""

from datetime import date

from meldpunt.cases.deadlines import add_working_days
from meldpunt.core.errors import MeldpuntError
from meldpunt.interventions.constants import AgreementStatus

# The owner and the handler hear of an agreement two working days before its due date.
REMINDER_WORKING_DAYS = 2


class InterventionRefused(MeldpuntError):
    """A step on mediation, agreements or escalation that the rules do not allow."""


def reminder_window_end(today: date) -> date:
    """The last due date that is reminded of today."""
    return add_working_days(today, REMINDER_WORKING_DAYS)


def reminder_due(*, today: date, due_on: date, status: str, reminded: bool) -> bool:
    """An open agreement is reminded of once, from two working days before its due date up to that date."""
    return status == AgreementStatus.OPEN and not reminded and today <= due_on <= reminder_window_end(today)


def is_overdue(*, today: date, due_on: date, status: str) -> bool:
    """Still open the day after its due date."""
    return status == AgreementStatus.OPEN and due_on < today
