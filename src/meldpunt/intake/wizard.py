"""The intake wizard's route: which questions apply, in which order, and what comes next. No database, no HTTP.

The answers are a JSON-shaped dict keyed by CONTRACT.md's field names (dates as ISO strings), plus
`attachments_done` for the optional files page. A question counts as answered once its key is present,
so an optional question that was skipped on purpose (`started_on: None`) is not asked again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from meldpunt.cases.constants import Attendance, ReporterRole, StepTaken

Answers = Mapping[str, Any]

CHECK = "check"
HELP_NOW = "help_now"
GUIDANCE = "guidance"


@dataclass(frozen=True)
class Step:
    name: str  # the URL name (`intake:<name>`) and the template's name
    keys: tuple[str, ...]  # the answers this page writes
    applies: Callable[[Answers], bool] = lambda answers: True

    def answered(self, answers: Answers) -> bool:
        return all(key in answers for key in self.keys)


STEPS: tuple[Step, ...] = (
    Step("danger", ("acute_danger",)),
    Step("role", ("reporter_role",)),
    Step("school", ("school",)),
    Step("sector", ("sector",), applies=lambda answers: "school" in answers and answers["school"] is None),
    Step("categories", ("categories",)),
    Step("description", ("description",)),
    Step("started_on", ("started_on",)),
    Step("steps_taken", ("steps_taken",)),
    Step("attendance", ("attendance",)),
    Step(
        "absent_since",
        ("absent_since",),
        applies=lambda answers: answers.get("attendance") in (Attendance.NOT_ATTENDING, Attendance.PARTLY),
    ),
    Step("accused_is_staff", ("accused_is_staff",)),
    Step("share_identity", ("share_identity_with_school",)),
    Step("consent_referral", ("consent_referral",)),
    Step("contact", ("contact",)),
    Step("attachments", ("attachments_done",)),
)
STEP_BY_NAME = {step.name: step for step in STEPS}
# Pages that tell something after an answer instead of asking: shown once, right after the answer.
INTERSTITIAL_AFTER = {HELP_NOW: "danger", GUIDANCE: "steps_taken"}


def applicable(answers: Answers) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def first_unanswered(answers: Answers) -> str | None:
    for step in applicable(answers):
        if not step.answered(answers):
            return step.name
    return None


def may_visit(name: str, answers: Answers) -> bool:
    """A question may be shown once every question before it is answered; an answered one always."""
    steps = applicable(answers)
    names = [step.name for step in steps]
    if name == CHECK:
        return first_unanswered(answers) is None
    if name in INTERSTITIAL_AFTER:
        return may_visit(INTERSTITIAL_AFTER[name], answers) and STEP_BY_NAME[INTERSTITIAL_AFTER[name]].answered(answers)
    if name not in names:
        return False
    return all(step.answered(answers) for step in steps[: names.index(name)])


def previous(name: str, answers: Answers) -> str | None:
    """The page the back link leads to; None means the start page."""
    if name in INTERSTITIAL_AFTER:
        return INTERSTITIAL_AFTER[name]
    names = [step.name for step in applicable(answers)]
    if name == CHECK:
        return names[-1]
    index = names.index(name) if name in names else 0
    return names[index - 1] if index > 0 else None


def following(name: str, answers: Answers, *, checking: bool) -> str:
    """Where to go once page `name` is done: on through the questions, or back to the check page.

    While checking (the visitor came from the check page), only questions that a changed answer made
    necessary are asked before returning there.
    """
    if checking:
        return first_unanswered(answers) or CHECK
    names = [step.name for step in applicable(answers)]
    base = INTERSTITIAL_AFTER.get(name, name)
    index = names.index(base) if base in names else -1
    return names[index + 1] if index + 1 < len(names) else CHECK


def interstitial_after(name: str, answers: Answers) -> str | None:
    """A page to show straight after answering `name`, before the next question."""
    if name == "danger" and answers.get("acute_danger") is True:
        return HELP_NOW
    if name == "steps_taken" and answers.get("steps_taken") == [StepTaken.NONE]:
        return GUIDANCE
    return None


def is_pupil(answers: Answers) -> bool:
    return answers.get("reporter_role") == ReporterRole.PUPIL


def report_data(answers: Answers, *, language: str) -> dict[str, Any]:
    """The JSON-shaped report (CONTRACT.md's intake fields) from the questions that apply."""
    keys = {key for step in applicable(answers) for key in step.keys} - {"attachments_done"}
    data = {key: answers[key] for key in sorted(keys) if key in answers}
    contact = {field: value for field, value in (data.pop("contact", None) or {}).items() if value}
    if contact:
        data["contact"] = contact
    data["language"] = language
    return data
