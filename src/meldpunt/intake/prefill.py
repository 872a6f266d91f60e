"""Answers carried over from the guide (wegwijzer) into the wizard, so nothing is asked twice.

The guide's advice page posts the answers that mean exactly the same in both places, as CONTRACT.md
names them: reporter_role, categories, acute_danger (yes or no), attendance and steps_taken. Each is
checked with `report_validate`, the one validation of the intake fields; a value that does not pass is
left out, and the wizard simply asks that question. The rest of a report in progress is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import QueryDict

from meldpunt.intake.forms import NO, YES
from meldpunt.intake.progress import Progress
from meldpunt.intake.validation import report_validate

SINGLE = ("reporter_role", "attendance")
MULTIPLE = ("categories", "steps_taken")
PREFILL_FIELDS = (*SINGLE, "acute_danger", *MULTIPLE)


def prefill_answers(data: QueryDict, *, today: dt.date) -> dict[str, Any]:
    """The wizard answers among the posted values that are valid; everything else is dropped."""
    candidate: dict[str, Any] = {}
    for name in SINGLE:
        if data.get(name):
            candidate[name] = data[name]
    for name in MULTIPLE:
        values = data.getlist(name)
        if values:
            candidate[name] = values
    danger = data.get("acute_danger")
    if danger in (YES, NO):
        candidate["acute_danger"] = danger == YES
    _report, errors = report_validate(candidate, today=today, school_lookup=lambda code: None)
    return {name: value for name, value in candidate.items() if name not in errors}


def progress_prefill(progress: Progress | None, answers: Mapping[str, Any]) -> Progress:
    """The wizard's progress with the carried answers filled in.

    `checking` is set, so the wizard asks only the questions that are still open and then shows the
    check page, where the carried answers can be read and changed like any other answer.
    """
    progress = progress or Progress()
    if "attendance" in answers and answers["attendance"] != progress.answers.get("attendance"):
        # "Since when" meant something else for the earlier attendance answer: ask it again.
        progress.answers.pop("absent_since", None)
    progress.answers.update(answers)
    progress.checking = True
    return progress
