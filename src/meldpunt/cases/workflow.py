"""The case lifecycle as data (DESIGN.md). Pure: no database. Services call `transition_check` before they act.

received ──► intake ──┬──► referred
                      ├──► not_taken
                      └──► investigation ──► intervention ──► follow_up ──► closed ──► reopened (≤ 12 months)
                                 ▲                                                        │
                                 └────────────────────────────────────────────────────────┘
A reporter may withdraw at any open stage: the case closes with outcome "withdrawn".
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meldpunt.accounts.constants import Role
from meldpunt.cases.constants import Status
from meldpunt.core.errors import MeldpuntError

REOPEN_WITHIN = timedelta(days=365)


class Outcome(enum.StrEnum):
    RESOLVED = "resolved"
    PARTLY_RESOLVED = "partly_resolved"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"
    REFERRED = "referred"


OUTCOME_LABELS = {
    Outcome.RESOLVED: gettext_lazy("Opgelost"),
    Outcome.PARTLY_RESOLVED: gettext_lazy("Deels opgelost"),
    Outcome.NOT_RESOLVED: gettext_lazy("Niet opgelost"),
    Outcome.WITHDRAWN: gettext_lazy("Ingetrokken door de melder"),
    Outcome.REFERRED: gettext_lazy("Doorverwezen"),
}


class WorkflowError(MeldpuntError):
    """A transition that the lifecycle or its guard does not allow."""


OPEN_STATES = frozenset(
    {Status.RECEIVED, Status.INTAKE, Status.INVESTIGATION, Status.INTERVENTION, Status.FOLLOW_UP, Status.REOPENED}
)
CASE_WORKERS = frozenset({Role.HANDLER, Role.COORDINATOR})


@dataclass(frozen=True)
class Transition:
    name: str
    sources: Collection[Status]
    target: Status
    label: str | Promise
    requires_reason: bool = False
    required_fields: tuple[str, ...] = ()
    # Who may: a case worker assigned to the case; `any_coordinator` also lets an unassigned coordinator;
    # `by_system` lets the meldpunt's own processes take the step (a reporter's follow-up answer).
    any_coordinator: bool = False
    by_system: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(self.sources))


TRANSITIONS: Mapping[str, Transition] = {
    t.name: t
    for t in (
        Transition("start_intake", {Status.RECEIVED}, Status.INTAKE, gettext_lazy("In behandeling nemen")),
        Transition(
            "refer",
            {Status.INTAKE},
            Status.REFERRED,
            gettext_lazy("Doorverwijzen"),
            requires_reason=True,
            required_fields=("referral_target",),
        ),
        Transition(
            "decline",
            {Status.INTAKE},
            Status.NOT_TAKEN,
            gettext_lazy("Niet in behandeling nemen"),
            requires_reason=True,
        ),
        Transition(
            "start_investigation",
            {Status.INTAKE, Status.REOPENED},
            Status.INVESTIGATION,
            gettext_lazy("Onderzoek starten"),
        ),
        Transition(
            "start_intervention",
            {Status.INVESTIGATION},
            Status.INTERVENTION,
            gettext_lazy("Naar oplossen"),
            requires_reason=True,
        ),
        Transition("start_follow_up", {Status.INTERVENTION}, Status.FOLLOW_UP, gettext_lazy("Naar nazorg")),
        Transition(
            "close",
            {Status.FOLLOW_UP},
            Status.CLOSED,
            gettext_lazy("Afsluiten"),
            requires_reason=True,
            required_fields=("outcome", "back_in_education"),
        ),
        Transition(
            "withdraw",
            OPEN_STATES,
            Status.CLOSED,
            gettext_lazy("Intrekken (op verzoek van de melder)"),
            requires_reason=True,
        ),
        Transition(
            "reopen",
            {Status.CLOSED, Status.REFERRED, Status.NOT_TAKEN},
            Status.REOPENED,
            gettext_lazy("Heropenen"),
            requires_reason=True,
            any_coordinator=True,
            by_system=True,
        ),
    )
}


@dataclass(frozen=True)
class Attempt:
    """Everything a guard needs to decide, gathered by the service."""

    current: Status
    role: str
    is_assigned: bool
    reason: str = ""
    fields: Mapping[str, object] | None = None
    closed_at: datetime | None = None
    now: datetime | None = None
    system: bool = False  # the meldpunt itself acts, not a person (role and assignment do not apply)


def _may_act(transition: Transition, attempt: Attempt) -> bool:
    if attempt.system:
        return transition.by_system
    if attempt.role not in CASE_WORKERS:
        return False
    if attempt.is_assigned:
        return True
    return transition.any_coordinator and attempt.role == Role.COORDINATOR


def transition_check(name: str, attempt: Attempt) -> Transition:
    """The transition, when the lifecycle and its guard allow it; otherwise a WorkflowError saying why."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(_("Deze stap bestaat niet."))
    if attempt.current not in transition.sources:
        raise WorkflowError(
            _("‘%(step)s’ kan niet bij een zaak met status ‘%(status)s’.")
            % {"step": transition.label, "status": Status(attempt.current).label}
        )
    if not _may_act(transition, attempt):
        raise WorkflowError(_("Alleen de behandelaar van deze zaak mag deze stap zetten."))
    if transition.requires_reason and not attempt.reason.strip():
        raise WorkflowError(_("Geef een reden."), field="reason")
    fields = attempt.fields or {}
    for name_ in transition.required_fields:
        value = fields.get(name_)
        if value is None or value == "":
            raise WorkflowError(_("Dit veld is verplicht voor deze stap."), field=name_)
    if "outcome" in transition.required_fields and fields.get("outcome") not in set(Outcome):
        raise WorkflowError(_("Kies een uitkomst."), field="outcome")
    if "back_in_education" in transition.required_fields and not isinstance(fields.get("back_in_education"), bool):
        raise WorkflowError(_("Geef aan of het kind weer naar school gaat."), field="back_in_education")
    if transition.name == "reopen" and (
        attempt.closed_at is None or attempt.now is None or attempt.now - attempt.closed_at > REOPEN_WITHIN
    ):
        raise WorkflowError(_("Een zaak kan alleen binnen 12 maanden na het afsluiten worden heropend."))
    return transition


def transitions_allowed(*, current: Status, role: str, is_assigned: bool) -> list[Transition]:
    """The steps to offer on the case page: those whose source and actor rule fit (fields come from the form)."""
    return [
        t
        for t in TRANSITIONS.values()
        if current in t.sources and _may_act(t, Attempt(current=current, role=role, is_assigned=is_assigned))
    ]
