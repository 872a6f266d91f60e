"""Who did something, as the audit log records it: a kind, a staff account, or an opaque reference."""

import re
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext_lazy as _

ACTOR_REF_MAX_LENGTH = 64
# An opaque reference such as a case reference or a task name: no spaces, no "@", so never a
# name or an email address by accident.
ACTOR_REF_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Medewerker")
    REPORTER = "reporter", _("Melder")
    SUPPORT_PERSON = "support_person", _("Steunpersoon")
    SCHOOL = "school", _("School")
    PARTNER = "partner", _("Partnerorganisatie")
    SYSTEM = "system", _("Systeem")


# Kinds that act through a staff account (school contacts and partners have accounts too).
KINDS_WITH_ACCOUNT = frozenset({ActorKind.STAFF, ActorKind.SCHOOL, ActorKind.PARTNER})
# Kinds that have no account and are known only by a reference (the case they act on).
KINDS_NEEDING_REF = frozenset({ActorKind.REPORTER, ActorKind.SUPPORT_PERSON})


@dataclass(frozen=True)
class Actor:
    """Raises ValueError for a combination that would make the audit log ambiguous."""

    kind: ActorKind
    user: AbstractBaseUser | None = None
    ref: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ActorKind.values:
            raise ValueError(f"Unknown actor kind {self.kind!r}.")
        if self.user is not None and self.kind not in KINDS_WITH_ACCOUNT:
            raise ValueError(f"An actor of kind {self.kind!r} has no staff account.")
        if self.user is not None and self.user.pk is None:
            raise ValueError("The actor's account must be saved (it has no primary key).")
        if self.kind == ActorKind.STAFF and self.user is None:
            raise ValueError("A staff actor needs the staff account.")
        if self.kind in KINDS_NEEDING_REF and not self.ref:
            raise ValueError(f"An actor of kind {self.kind!r} needs a reference such as the case reference.")
        if self.ref and not ACTOR_REF_PATTERN.fullmatch(self.ref):
            raise ValueError(
                f"An actor reference has 1 to {ACTOR_REF_MAX_LENGTH} letters, digits or '.', '_', ':', '-' "
                "(an opaque reference, never a name or an email address)."
            )

    @classmethod
    def staff(cls, user: AbstractBaseUser) -> "Actor":
        return cls(kind=ActorKind.STAFF, user=user)

    @classmethod
    def reporter(cls, ref: str) -> "Actor":
        return cls(kind=ActorKind.REPORTER, ref=ref)

    @classmethod
    def support_person(cls, ref: str) -> "Actor":
        return cls(kind=ActorKind.SUPPORT_PERSON, ref=ref)

    @classmethod
    def system(cls, ref: str = "") -> "Actor":
        return cls(kind=ActorKind.SYSTEM, ref=ref)
