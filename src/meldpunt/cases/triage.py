"""Triage priority: an explainable score (DESIGN.md). Pure: the service gathers the facts, this adds them up.

Each factor says why it counts and how much, so a coordinator can see the reasoning and override it.

Retaliation after an earlier report weighs most of all: together with the acute danger such a case is
flagged with, it scores above any combination of the other factors (at most 185), so it tops the
coordinator's queue unless a coordinator deliberately overrides another case higher.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.cases.constants import Attendance, Category, ReporterRole
from meldpunt.cases.deadlines import working_days_in

SEXUAL_CATEGORIES = frozenset({Category.SEXUAL_HARASSMENT, Category.SEXUAL_ABUSE})


@dataclass(frozen=True)
class TriageFacts:
    today: date
    received_on: date
    attendance: str
    acute_danger: bool
    accused_is_staff: bool | None
    reporter_role: str
    categories: tuple[str, ...]
    earlier_reports_same_school: int = 0
    waiting: bool = True  # still waiting for an intake decision
    deadline_days_left: int | None = None  # working days to the nearest open deadline; negative when late
    # School days the child missed (cases.continuity: weekends, public and school holidays excluded).
    school_days_missed: int = 0
    agreements_overdue: int = 0  # agreements of the action plan past their due date
    retaliation: bool = False  # opened because of consequences reported after an earlier report


@dataclass(frozen=True)
class Factor:
    code: str
    points: int
    explanation: str


@dataclass(frozen=True)
class Triage:
    score: int
    factors: tuple[Factor, ...]
    duty_to_consult: bool  # staff accused of a sexual offence against a pupil: the overlegplicht route applies

    @property
    def urgent(self) -> bool:
        return self.score >= URGENT_FROM


URGENT_FROM = 40
RETALIATION_POINTS = 150


def triage(facts: TriageFacts) -> Triage:
    factors: list[Factor] = []
    if facts.retaliation:
        factors.append(
            Factor(
                "retaliation",
                RETALIATION_POINTS,
                _("Na een eerdere melding zijn er gevolgen voor de melder of een broer of zus."),
            )
        )
    if facts.acute_danger:
        factors.append(Factor("acute_danger", 40, _("Iemand is nu in gevaar volgens de melder.")))
    if facts.attendance == Attendance.NOT_ATTENDING:
        school_days = facts.school_days_missed
        weeks = school_days // 5
        points = 25 + min(weeks * 2, 25)
        factors.append(
            Factor(
                "out_of_school",
                points,
                ngettext(
                    "Het kind gaat niet naar school, al %(days)d schooldag.",
                    "Het kind gaat niet naar school, al %(days)d schooldagen.",
                    school_days,
                )
                % {"days": school_days},
            )
        )
    elif facts.attendance == Attendance.PARTLY:
        factors.append(Factor("partly_out_of_school", 10, _("Het kind gaat maar een deel van de tijd naar school.")))
    duty_to_consult = bool(facts.accused_is_staff) and bool(SEXUAL_CATEGORIES & set(facts.categories))
    if facts.accused_is_staff:
        text = (
            _("Een medewerker van de school wordt beschuldigd van seksueel grensoverschrijdend gedrag: overlegplicht.")
            if duty_to_consult
            else _("Een medewerker van de school is betrokken.")
        )
        factors.append(Factor("staff_accused", 25 if duty_to_consult else 15, text))
    if facts.reporter_role == ReporterRole.PUPIL:
        factors.append(Factor("minor_reporter", 10, _("De melder is een leerling.")))
    if facts.earlier_reports_same_school:
        count = facts.earlier_reports_same_school
        factors.append(
            Factor(
                "earlier_reports",
                min(5 * count, 15),
                ngettext(
                    "%(count)d eerdere melding over deze school in 12 maanden.",
                    "%(count)d eerdere meldingen over deze school in 12 maanden.",
                    count,
                )
                % {"count": count},
            )
        )
    if facts.waiting:
        waited = working_days_in(facts.received_on, facts.today)
        if waited:
            factors.append(
                Factor(
                    "waiting",
                    min(waited, 10),
                    ngettext("Wacht al %(days)d werkdag.", "Wacht al %(days)d werkdagen.", waited) % {"days": waited},
                )
            )
    if facts.agreements_overdue:
        count = facts.agreements_overdue
        factors.append(
            Factor(
                "agreements_overdue",
                15,
                ngettext("%(count)d afspraak is over tijd.", "%(count)d afspraken zijn over tijd.", count)
                % {"count": count},
            )
        )
    if facts.deadline_days_left is not None:
        if facts.deadline_days_left < 0:
            factors.append(Factor("deadline_late", 20, _("Een termijn is verlopen.")))
        elif facts.deadline_days_left <= 1:
            factors.append(Factor("deadline_close", 10, _("Een termijn verloopt binnen een werkdag.")))
    factors.sort(key=lambda factor: -factor.points)
    return Triage(score=sum(f.points for f in factors), factors=tuple(factors), duty_to_consult=duty_to_consult)
