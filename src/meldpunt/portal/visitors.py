"""Who is looking at a case in the portal: the reporter, or a support person the reporter invited."""

import enum
from dataclasses import dataclass

from meldpunt.cases.models import Case
from meldpunt.privacy.actors import Actor


class VisitorKind(enum.StrEnum):
    REPORTER = "reporter"
    SUPPORT_PERSON = "support_person"


@dataclass(frozen=True)
class Visitor:
    case: Case
    kind: VisitorKind
    support_id: str = ""  # the support person's own id; empty for the reporter

    @property
    def read_only(self) -> bool:
        """A support person sees what the reporter sees, but cannot write or upload (DESIGN.md)."""
        return self.kind is VisitorKind.SUPPORT_PERSON

    @property
    def actor(self) -> Actor:
        if self.kind is VisitorKind.SUPPORT_PERSON:
            return Actor.support_person(self.support_id)
        return Actor.reporter(self.case.reference)
