"""Pure rules of hearing both sides: the comment term, when comments are open, and names that must not show.

No database: the services pass in dates and texts, and these answer.
"""

import re
from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from meldpunt.cases.deadlines import add_working_days
from meldpunt.core.errors import MeldpuntError

# Both sides get ten working days to comment on draft findings (the same term, from the same day).
COMMENT_WORKING_DAYS = 10
TEXT_MAX_CHARS = 50_000
COMMENT_MAX_CHARS = 20_000
# Parts of Dutch surnames that are words on their own ("van", "de", "der"): never a sign of a name.
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "la", "le", "el"})
NAME_PART_MIN_CHARS = 3


class FindingsRefused(MeldpuntError):
    """A step on draft or final findings that the rules of hearing both sides do not allow."""


def comments_due_on(sent_on: date) -> date:
    """The last day to comment on draft findings sent on `sent_on`: ten working days later."""
    return add_working_days(sent_on, COMMENT_WORKING_DAYS)


def comments_open(*, today: date, due_on: date | None, finalised: bool) -> bool:
    """A side may comment from the day the draft was sent up to and including the due date, until the final."""
    return due_on is not None and not finalised and today <= due_on


def may_finalise_before_due(*, today: date, due_on: date, sides_commented: set[str], sides: set[str]) -> bool:
    """Final findings wait for the comment term, unless every side has already commented."""
    return today > due_on or sides <= sides_commented


def text_clean(
    value: str,
    *,
    field: str,
    required: bool,
    missing: str,
    max_chars: int = TEXT_MAX_CHARS,
    error: type[MeldpuntError] = FindingsRefused,
) -> str:
    """A text as stored: trimmed; refused (as `error`) when required and empty, too long, or holding a NUL."""
    text = value.strip()
    if required and not text:
        raise error(missing, field=field)
    if "\x00" in text:
        raise error(_("Deze tekst bevat een teken dat niet is toegestaan."), field=field)
    if len(text) > max_chars:
        raise error(
            _("Schrijf hier hoogstens %(max)d tekens. Het zijn er nu %(count)d.")
            % {"max": max_chars, "count": len(text)},
            field=field,
        )
    return text


def name_parts(names: Iterable[str]) -> list[str]:
    """The full names and the parts of them that identify someone on their own (not "van", not "Jo")."""
    parts: list[str] = []
    for name in names:
        full = " ".join(name.split())
        if not full:
            continue
        parts.append(full)
        parts.extend(
            word
            for word in re.split(r"[\s\-]+", full)
            if len(word) >= NAME_PART_MIN_CHARS and word.lower() not in NAME_PARTICLES
        )
    return list(dict.fromkeys(parts))


def names_mentioned(text: str, names: Iterable[str]) -> list[str]:
    """Which of `names` (or their identifying parts) appear in `text` as whole words, ignoring case."""
    found = []
    for part in name_parts(names):
        if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, flags=re.IGNORECASE):
            found.append(part)
    return found
