"""Rules of referrals that need no database: what a kind of referral needs, which steps its status
allows, and how contact details are taken out of the summary a partner gets."""

import enum
import re
from collections.abc import Callable, Iterable, Mapping

from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.referrals.constants import ReferralKind, ReferralStatus


class ReferralRefused(MeldpuntError):
    """The referral's kind or status does not allow this step."""


class Basis(enum.StrEnum):
    """Why the meldpunt may share: the reporter's consent, or a legal duty that does not wait for it."""

    CONSENT = "consent"
    LEGAL_GROUND = "legal_ground"


# The meldcode and the law let the meldpunt inform the police and Veilig Thuis without consent (it
# records the legal ground instead); every other referral needs the reporter's consent.
LEGAL_GROUND_KINDS = frozenset({ReferralKind.POLICE, ReferralKind.VEILIG_THUIS})
# Kinds where the recipient is not known by the kind alone: the handler names it.
NAMED_KINDS = frozenset({ReferralKind.COMPLAINTS_COMMITTEE, ReferralKind.OTHER})


def basis_of(kind: str) -> Basis:
    return Basis.LEGAL_GROUND if kind in LEGAL_GROUND_KINDS else Basis.CONSENT


def needs_organisation(kind: str) -> bool:
    """Only a network organisation is chosen from the directory, and only it answers in the partner portal."""
    return kind == ReferralKind.NETWORK_ORGANISATION


def needs_recipient_name(kind: str) -> bool:
    return kind in NAMED_KINDS


class Step(enum.StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    REPORT = "report"
    CLOSE = "close"
    LINK_BUDDY = "link_buddy"


# The statuses each step starts from. A partner reports back (and may correct the report) while the
# referral is accepted; the handler closes a referral that is still running or was declined.
STEP_SOURCES: Mapping[Step, frozenset[str]] = {
    Step.ACCEPT: frozenset({ReferralStatus.SENT}),
    Step.DECLINE: frozenset({ReferralStatus.SENT}),
    Step.REPORT: frozenset({ReferralStatus.ACCEPTED}),
    Step.CLOSE: frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    Step.LINK_BUDDY: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.CLOSED}),
}
PARTNER_STEPS = frozenset({Step.ACCEPT, Step.DECLINE, Step.REPORT})


def step_check(step: Step, *, status: str, kind: str) -> None:
    """Raise ReferralRefused, saying why, when `step` is not possible for a referral in `status`."""
    if step in PARTNER_STEPS and not needs_organisation(kind):
        raise ReferralRefused(_("Alleen een organisatie uit het netwerk reageert op een doorverwijzing."))
    if status in STEP_SOURCES[step]:
        return
    messages = {
        Step.ACCEPT: _("Op deze doorverwijzing is al gereageerd."),
        Step.DECLINE: _("Op deze doorverwijzing is al gereageerd."),
        Step.REPORT: _("U kunt alleen terugmelden over een doorverwijzing die u heeft aangenomen."),
        Step.CLOSE: _("Deze doorverwijzing is al afgerond."),
        Step.LINK_BUDDY: _("Een buddy kan alleen worden gekoppeld als de organisatie de doorverwijzing aannam."),
    }
    raise ReferralRefused(messages[step])


EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A Dutch number (0 and nine more digits) or an international one (+ or 00 and the country code),
# written with or without spaces, dashes, dots or "(0)". Numbers that start otherwise (years, dates,
# amounts) are left alone.
PHONE_PATTERN = re.compile(r"(?<![\w+])(?:\+|00|0)(?:[\s.\-]?(?:\(0\))?[\s.\-]?\d){8,13}(?!\w)")
# Parts of a name too common to take out on their own: "van", "de" and the like are ordinary words too.
NAME_PARTS_KEPT = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "la", "le", "von"})
NAME_PART_MIN_CHARS = 3
KNOWN_PHONE_MIN_DIGITS = 6


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    """The full names first, then each distinctive part, so "Jan" goes too when only the first name is used."""
    full: set[str] = set()
    parts: set[str] = set()
    for name in names:
        cleaned = " ".join(name.split())
        if not cleaned:
            continue
        full.add(cleaned)
        parts.update(
            part
            for part in re.split(r"[\s\-]+", cleaned)
            if len(part) >= NAME_PART_MIN_CHARS and part.lower() not in NAME_PARTS_KEPT
        )
    ordered = sorted(full, key=len, reverse=True) + sorted(parts - full, key=len, reverse=True)
    return [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE) for value in ordered]


def redact(text: str, *, names: Iterable[str] = (), emails: Iterable[str] = (), phones: Iterable[str] = ()) -> str:
    """`text` without the reporter's names, email addresses or phone numbers, each replaced by a marker.

    Any email address or phone number goes, not only the known ones: a summary for a partner never
    needs one unless the reporter agreed to share their contact details, which are added separately.
    """
    email_marker = _("[e-mailadres weggelaten]")
    phone_marker = _("[telefoonnummer weggelaten]")
    name_marker = _("[naam weggelaten]")
    patterns: list[tuple[re.Pattern[str], str]] = [
        (re.compile(re.escape(email), re.IGNORECASE), email_marker) for email in emails if email
    ]
    patterns.append((EMAIL_PATTERN, email_marker))
    patterns.append((PHONE_PATTERN, phone_marker))
    for phone in phones:
        digits = _digits(phone).lstrip("0")
        if len(digits) >= KNOWN_PHONE_MIN_DIGITS:
            # The reporter's own number written in a way the general pattern misses ("6-1234 5678").
            spaced = r"[\s.\-]?".join(digits)
            patterns.append((re.compile(rf"(?<!\d)(?:(?:(?:\+|00)31|0)[\s.\-]?)?{spaced}(?!\d)"), phone_marker))
    patterns.extend((pattern, name_marker) for pattern in _name_patterns(names))
    for pattern, marker in patterns:
        # A function as replacement: a marker is plain text, never a template with group references.
        text = pattern.sub(_constant(marker), text)
    # "Marieke Jansen" for "Marieke van Jansen" loses both parts: say once that a name went.
    return re.sub(rf"{re.escape(name_marker)}(?:\s+{re.escape(name_marker)})+", _constant(name_marker), text)


def _constant(marker: str) -> Callable[[re.Match[str]], str]:
    def replacement(match: re.Match[str]) -> str:
        return marker

    return replacement
