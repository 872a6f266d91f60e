"""The rows of the check-your-answers page: each question, the answer in words, and where to change it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from meldpunt.cases.constants import Attendance
from meldpunt.intake import forms, wizard
from meldpunt.intake.models import DraftUpload
from meldpunt.schools.models import School

_OPTION_FORMS: dict[str, type[forms.StepForm]] = {
    "danger": forms.DangerForm,
    "role": forms.RoleForm,
    "sector": forms.SectorForm,
    "categories": forms.CategoriesForm,
    "steps_taken": forms.StepsTakenForm,
    "attendance": forms.AttendanceForm,
    "accused_is_staff": forms.StaffForm,
    "share_identity": forms.ShareIdentityForm,
    "consent_referral": forms.ReferralForm,
}


@dataclass(frozen=True)
class SummaryRow:
    step: str
    label: str
    lines: list[str]
    keys: tuple[str, ...]
    long_text: bool = False  # the description: shown with its line breaks

    @property
    def change_url(self) -> str:
        return reverse(f"intake:{self.step}")

    @property
    def change_id(self) -> str:
        return f"wijzig-{self.step.replace('_', '-')}"


def _chosen_labels(step: str, answers: Mapping[str, Any]) -> list[str]:
    # The date only matters when a form validates; listing the chosen labels validates nothing.
    form = _OPTION_FORMS[step](answers=answers, today=dt.date.max)
    field_name = next(iter(form.options))
    selected = form.initial.get(field_name)
    values = selected if isinstance(selected, list) else [selected]
    return [option.label for option in form.options[field_name] if option.value in values]


def _date(value: str | None) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "j F Y") if value else _("Niet ingevuld")


def _label(step: str, answers: Mapping[str, Any]) -> str:
    pupil = wizard.is_pupil(answers)
    labels = {
        "danger": _("Nu in gevaar"),
        "role": _("Wie meldt"),
        "school": _("School"),
        "sector": _("Soort school"),
        "categories": _("Onderwerp"),
        "description": _("Wat er is gebeurd"),
        "started_on": _("Sinds wanneer"),
        "steps_taken": _("Al gedaan"),
        "attendance": _("Naar school"),
        "absent_since": _("Niet meer elke dag naar school sinds")
        if answers.get("attendance") == Attendance.PARTLY
        else _("Niet naar school sinds"),
        "accused_is_staff": _("Over iemand die op school werkt"),
        "share_identity": _("School mag weten wie je bent") if pupil else _("School mag weten wie u bent"),
        "consent_referral": _("Hulp van een organisatie"),
        "contact": _("Contact"),
        "attachments": _("Bestanden"),
    }
    return labels[step]


def _lines(step: str, answers: Mapping[str, Any], uploads: Sequence[DraftUpload]) -> list[str]:
    if step in _OPTION_FORMS:
        return _chosen_labels(step, answers)
    if step == "school":
        school = School.objects.filter(code=answers["school"]).first() if answers.get("school") else None
        if school is None:
            return [_("Ik zeg liever niet welke school")]
        return [school.name, _("%(place)s · code %(code)s") % {"place": school.place, "code": school.code}]
    if step == "description":
        return [answers.get("description", "")]
    if step in ("started_on", "absent_since"):
        return [_date(answers.get(step))]
    if step == "contact":
        contact = answers.get("contact") or {}
        lines = [value for value in (contact.get("email"), contact.get("phone")) if value]
        return lines or [_("Alleen via deze website")]
    if step == "attachments":
        return [upload.filename for upload in uploads] or [_("Geen bestanden")]
    raise KeyError(step)


def summary_rows(answers: Mapping[str, Any], *, uploads: Sequence[DraftUpload]) -> list[SummaryRow]:
    return [
        SummaryRow(
            step=step.name,
            label=_label(step.name, answers),
            lines=_lines(step.name, answers, uploads),
            keys=step.keys,
            long_text=step.name == "description",
        )
        for step in wizard.applicable(answers)
    ]
