"""Pure rules of the coordinator's work: why a declared tie blocks an assignment, the bounds of a priority
override, and the errors the assignment, override, board-link and saved-filter services raise.

No database. The messages never name the case's content: only the kind of tie the handler declared.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from meldpunt.cases.constants import BoardLinkKind
from meldpunt.core.errors import MeldpuntError

PRIORITY_OVERRIDE_MIN = 0
PRIORITY_OVERRIDE_MAX = 200
REASON_MAX_CHARS = 1000
SAVED_FILTERS_MAX = 20
SAVED_FILTER_NAME_MAX_CHARS = 80  # SavedFilter.name


class AssignmentRefused(MeldpuntError):
    """The case cannot go to this handler (a declared tie to the board, an inactive account, ...)."""


class PriorityOverrideRefused(MeldpuntError):
    """A priority override without a reason, or outside the allowed range."""


class BoardLinkRefused(MeldpuntError):
    """A board tie that cannot be declared or removed."""


class SavedFilterRefused(MeldpuntError):
    """A saved filter without a name, or one too many."""


def conflict_explanation(kind: str) -> str:
    """The tie in the third person, for the coordinator: "heeft er gewerkt" (the declaration form says "Heb
    er gewerkt")."""
    texts: dict[str, str] = {
        BoardLinkKind.WORKED_THERE: _("heeft gewerkt bij dit schoolbestuur"),
        BoardLinkKind.CHILD_THERE: _("heeft een kind op een school van dit bestuur"),
        BoardLinkKind.FAMILY_THERE: _("heeft familie die bij dit bestuur werkt of op een van de scholen zit"),
        BoardLinkKind.BOARD_MEMBER: _("is lid van het bestuur of de raad van toezicht"),
        BoardLinkKind.OTHER: _("heeft een andere band met dit schoolbestuur"),
    }
    return texts.get(kind, texts[BoardLinkKind.OTHER])


def conflict_message(*, handler_name: str, kinds: list[str]) -> str:
    """Why the assignment is refused: who, and which declared tie; never anything about the case itself."""
    ties = "; ".join(conflict_explanation(kind) for kind in kinds)
    return _("%(name)s kan deze zaak niet krijgen: %(ties)s.") % {"name": handler_name, "ties": ties}


def reason_clean(reason: str, *, error: type[MeldpuntError]) -> str:
    text = reason.strip()
    if not text:
        raise error(_("Geef een reden."), field="reason")
    if len(text) > REASON_MAX_CHARS:
        raise error(
            _("De reden is te lang: gebruik hoogstens %(max)d tekens.") % {"max": REASON_MAX_CHARS}, field="reason"
        )
    if "\x00" in text:
        raise error(_("De reden bevat een teken dat niet kan."), field="reason")
    return text


def priority_override_check(priority: int) -> int:
    if not PRIORITY_OVERRIDE_MIN <= priority <= PRIORITY_OVERRIDE_MAX:
        raise PriorityOverrideRefused(
            _("Kies een prioriteit van %(min)d tot en met %(max)d.")
            % {"min": PRIORITY_OVERRIDE_MIN, "max": PRIORITY_OVERRIDE_MAX},
            field="priority",
        )
    return priority


def week_end(today: date) -> date:
    """The Sunday that ends the week of `today`: "due this week" in the workload counts."""
    return today + timedelta(days=6 - today.weekday())
