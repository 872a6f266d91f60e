"""One form per wizard page. A form reads the page's inputs into answers (CONTRACT.md's JSON shapes) and
checks them with `report_validate`, the one validation of the intake fields, keeping only the errors
that belong to its own page. Messages for a missing answer are the form's own: they say what to choose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meldpunt.cases.constants import Attendance, Category, ReporterRole, StepTaken
from meldpunt.intake import wizard
from meldpunt.intake.selectors import intake_school_facts
from meldpunt.intake.validation import DESCRIPTION_MAX, report_validate
from meldpunt.schools.constants import Sector
from meldpunt.schools.matching import MAX_QUERY_LENGTH
from meldpunt.schools.models import School

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    exclusive: bool = False  # shown after an "of" divider: it cannot go with the other choices


@dataclass(frozen=True)
class ChoiceRow:
    option: Option
    id: str
    checked: bool

    @property
    def hint_id(self) -> str:
        return f"{self.id}_hint"


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str  # the id of the input the error summary links to


def school_by_code(code: str) -> School | None:
    return School.objects.filter(code=code, active=True).first()


class StepForm(forms.Form):
    """A wizard page. `contract_fields` maps a JSON field of the report to the input that shows its errors."""

    contract_fields: ClassVar[dict[str, str]] = {}
    required_messages: ClassVar[dict[str, Any]] = {}

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Any = None,
        *,
        answers: Mapping[str, Any],
        today: dt.date,
    ) -> None:
        self.answers = answers
        self.pupil = wizard.is_pupil(answers)
        self.today = today
        self.options: dict[str, list[Option]] = {}
        super().__init__(data, files, initial=self.initial_from(answers))
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message
        self.setup()

    def setup(self) -> None:
        """Set the choices; texts may depend on who reports (pupils read "je", others "u")."""

    def set_options(self, name: str, options: list[Option]) -> None:
        self.options[name] = options
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(option.value, option.label) for option in options]

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    def to_answers(self) -> dict[str, Any]:
        raise NotImplementedError

    def forget(self) -> list[str]:
        """Earlier answers that this page's new answer makes stale, so their question is asked again."""
        return []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        merged = {**self.answers, **self.to_answers()}
        _report, errors = report_validate(
            wizard.report_data(merged, language="nl"), today=self.today, school_lookup=intake_school_facts
        )
        for contract_name, field_name in self.contract_fields.items():
            for message in errors.get(contract_name, []):
                self.add_error(field_name, message)
        return cleaned

    def anchor(self, name: str) -> str:
        """The first input of a field: radios and checkboxes are numbered from 0, like Django's widgets."""
        if name in self.options:
            return f"id_{name}_0"
        return f"id_{name}"

    def choice_rows(self) -> dict[str, list[ChoiceRow]]:
        """Per choice field, its options with their input ids and whether each is chosen (for the templates)."""
        rows = {}
        for name, options in self.options.items():
            value = self[name].value()
            if isinstance(value, list | tuple):
                chosen = {str(item) for item in value}
            else:
                chosen = {str(value)} if value not in (None, "") else set()
            rows[name] = [
                ChoiceRow(option, f"id_{name}_{index}", option.value in chosen) for index, option in enumerate(options)
            ]
        return rows

    def summary_errors(self) -> list[SummaryError]:
        return [
            SummaryError(str(message), self.anchor(name))
            for name, messages in self.errors.items()
            for message in messages
        ]


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else (YES if value else NO)


class DangerForm(StepForm):
    acute_danger = forms.ChoiceField()
    required_messages = {"acute_danger": gettext_lazy("Kies of iemand nu in gevaar is.")}

    def setup(self) -> None:
        self.set_options("acute_danger", [Option(YES, _("Ja")), Option(NO, _("Nee"))])

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"acute_danger": _yes_no(answers.get("acute_danger"))}

    def to_answers(self) -> dict[str, Any]:
        return {"acute_danger": self.cleaned_data["acute_danger"] == YES}


class RoleForm(StepForm):
    reporter_role = forms.ChoiceField()
    required_messages = {"reporter_role": gettext_lazy("Kies wie deze melding maakt.")}

    def setup(self) -> None:
        self.set_options(
            "reporter_role",
            [
                Option(ReporterRole.PUPIL, _("Ik ben leerling of student")),
                Option(ReporterRole.PARENT, _("Ik ben ouder of verzorger")),
                Option(ReporterRole.STAFF, _("Ik werk op een school")),
                Option(
                    ReporterRole.OTHER,
                    _("Iemand anders"),
                    _("Bijvoorbeeld een opa of oma, een buur, een trainer of een hulpverlener."),
                ),
            ],
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"reporter_role": answers.get("reporter_role")}

    def to_answers(self) -> dict[str, Any]:
        return {"reporter_role": self.cleaned_data["reporter_role"]}


NOT_SAYING = "none"


class SchoolSearchForm(forms.Form):
    """The search box of the school page, sent with the "Zoeken" button."""

    q = forms.CharField(
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": gettext_lazy("Vul de naam, de plaats of de code van de school in."),
            "max_length": gettext_lazy("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )

    def summary_errors(self) -> list[SummaryError]:
        return [SummaryError(str(message), "id_q") for message in self.errors.get("q", [])]


class SchoolForm(StepForm):
    """The choice among the schools found, or not saying which school."""

    school = forms.ChoiceField()
    contract_fields = {"school": "school"}

    def __init__(self, *args: Any, schools: list[School], **kwargs: Any) -> None:
        self.schools = schools
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        if self.schools:
            message = _("Kies de school, of kies ‘Ik zeg liever niet welke school’.")
        else:
            message = _("Zoek de school en kies hem, of kies ‘Ik zeg liever niet welke school’.")
        self.fields["school"].error_messages["required"] = message
        self.fields["school"].error_messages["invalid_choice"] = message
        options = [
            Option(
                school.code, school.name, _("%(place)s · code %(code)s") % {"place": school.place, "code": school.code}
            )
            for school in self.schools
        ]
        options.append(Option(NOT_SAYING, _("Ik zeg liever niet welke school"), exclusive=True))
        self.set_options("school", options)

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        if "school" not in answers:
            return {}
        return {"school": answers["school"] or NOT_SAYING}

    def to_answers(self) -> dict[str, Any]:
        value = self.cleaned_data["school"]
        return {"school": None if value == NOT_SAYING else value}


class SectorForm(StepForm):
    """Optional: without a school, the kind of school still helps to route the report."""

    sector = forms.ChoiceField(required=False)

    def setup(self) -> None:
        self.set_options(
            "sector",
            [
                Option(Sector.PO, _("Basisschool")),
                Option(Sector.SO, _("Speciaal onderwijs"), _("Ook speciaal basisonderwijs")),
                Option(Sector.VO, _("Middelbare school")),
                Option(Sector.MBO, _("Mbo")),
                Option(Sector.HO, _("Hogeschool of universiteit")),
                Option(Sector.UNKNOWN, _("Weet ik niet of zeg ik liever niet"), exclusive=True),
            ],
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"sector": answers.get("sector")}

    def to_answers(self) -> dict[str, Any]:
        return {"sector": self.cleaned_data["sector"] or Sector.UNKNOWN}


CATEGORY_OPTIONS = (
    (
        Category.BULLYING_PSYCHOLOGICAL,
        gettext_lazy("Pesten"),
        gettext_lazy("Iemand wordt steeds uitgescholden, buitengesloten, bedreigd of belachelijk gemaakt. Ook online."),
    ),
    (
        Category.PHYSICAL_VIOLENCE,
        gettext_lazy("Lichamelijk geweld"),
        gettext_lazy("Slaan, schoppen, duwen of iemand op een andere manier pijn doen."),
    ),
    (
        Category.SEXUAL_HARASSMENT,
        gettext_lazy("Seksuele intimidatie"),
        gettext_lazy("Opmerkingen, aanrakingen, foto’s of berichten over seks die iemand niet wil."),
    ),
    (
        Category.SEXUAL_ABUSE,
        gettext_lazy("Seksueel misbruik"),
        gettext_lazy("Iemand wordt gedwongen tot seksuele handelingen, of iemand doet dat bij een kind."),
    ),
    (
        Category.DISCRIMINATION,
        gettext_lazy("Discriminatie"),
        gettext_lazy(
            "Iemand wordt slechter behandeld of uitgescholden om afkomst, geloof, huidskleur, geslacht, "
            "seksuele voorkeur of een beperking."
        ),
    ),
    (
        Category.UNEQUAL_TREATMENT,
        gettext_lazy("Ongelijke behandeling"),
        gettext_lazy(
            "De school behandelt een leerling anders dan anderen, zonder goede reden. Bijvoorbeeld bij de "
            "toelating, het schooladvies of extra hulp."
        ),
    ),
    (
        Category.RADICALISATION,
        gettext_lazy("Radicalisering"),
        gettext_lazy("Iemand raakt betrokken bij extreme ideeën en wil anderen dwingen of pijn doen."),
    ),
    (
        Category.COMPLAINT_HANDLING,
        gettext_lazy("Hoe de school met een klacht omgaat"),
        gettext_lazy("Er is een klacht ingediend, maar de school of het schoolbestuur pakt die niet goed op."),
    ),
    (Category.OTHER, gettext_lazy("Iets anders"), gettext_lazy("Iets anders waardoor het op school niet veilig is.")),
)


class CategoriesForm(StepForm):
    categories = forms.MultipleChoiceField()
    required_messages = {"categories": gettext_lazy("Kies ten minste één onderwerp.")}
    contract_fields = {"categories": "categories"}

    def setup(self) -> None:
        self.set_options(
            "categories", [Option(value, str(label), str(hint)) for value, label, hint in CATEGORY_OPTIONS]
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"categories": answers.get("categories", [])}

    def to_answers(self) -> dict[str, Any]:
        return {"categories": list(self.cleaned_data["categories"])}


class DescriptionForm(StepForm):
    # The limit is checked on the trimmed text by report_validate; the browser gets some room for spaces.
    description = forms.CharField(strip=False, max_length=DESCRIPTION_MAX * 2, widget=forms.Textarea)
    contract_fields = {"description": "description"}

    def setup(self) -> None:
        message = _("Schrijf op wat er is gebeurd.") if self.pupil else _("Vertel wat er is gebeurd.")
        self.fields["description"].error_messages["required"] = message
        self.fields["description"].error_messages["max_length"] = _("Gebruik ten hoogste %(max)s tekens.") % {
            "max": f"{DESCRIPTION_MAX:,}".replace(",", ".")
        }

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"description": answers.get("description", "")}

    def to_answers(self) -> dict[str, Any]:
        # Line endings as the browser sent them ("\r\n") would count twice against the limit.
        return {"description": self.cleaned_data["description"].replace("\r\n", "\n").strip()}


class DateForm(StepForm):
    """The GOV.UK date pattern: day, month and year in three boxes, turned into an ISO date."""

    # No max_length: a long or odd entry gets the date's own message, not a generic one.
    day = forms.CharField(required=False)
    month = forms.CharField(required=False)
    year = forms.CharField(required=False)
    answer_key: ClassVar[str]

    def date_required(self) -> bool:
        return False

    def required_message(self) -> str:
        return _("Vul de datum in.")

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        value = answers.get(self.answer_key)
        if not value:
            return {}
        date = dt.date.fromisoformat(value)
        return {"day": str(date.day), "month": str(date.month), "year": str(date.year)}

    def _date_error(self, message: str) -> None:
        self.add_error("day", message)

    def clean(self) -> dict[str, Any]:
        parts = [(self.cleaned_data.get(name) or "").strip() for name in ("day", "month", "year")]
        self.iso_date: str | None = None
        if not any(parts):
            if self.date_required():
                self._date_error(self.required_message())
            return super().clean()
        if not all(parts):
            self._date_error(_("Vul een dag, een maand en een jaar in."))
            return {}
        if not all(part.isdigit() and len(part) <= 4 for part in parts):
            self._date_error(_("Vul de datum in met cijfers, bijvoorbeeld 15 9 2026."))
            return {}
        day, month, year = (int(part) for part in parts)
        if len(parts[2]) != 4:
            self._date_error(_("Vul het jaar in met 4 cijfers, bijvoorbeeld 2026."))
            return {}
        try:
            self.iso_date = dt.date(year, month, day).isoformat()
        except ValueError:
            self._date_error(_("Vul een bestaande datum in, bijvoorbeeld 15 9 2026."))
            return {}
        return super().clean()

    def to_answers(self) -> dict[str, Any]:
        return {self.answer_key: self.iso_date}

    def anchor(self, name: str) -> str:
        return "id_day"


class StartedOnForm(DateForm):
    answer_key = "started_on"
    contract_fields = {"started_on": "day"}


class StepsTakenForm(StepForm):
    steps_taken = forms.MultipleChoiceField()
    required_messages = {
        "steps_taken": gettext_lazy("Kies wat er al is gedaan, of kies ‘Nog niets’."),
    }
    contract_fields = {"steps_taken": "steps_taken"}

    def setup(self) -> None:
        self.set_options(
            "steps_taken",
            [
                Option(StepTaken.TALKED_TO_TEACHER, _("Gepraat met de leraar of de mentor")),
                Option(StepTaken.TALKED_TO_SCHOOL_MANAGEMENT, _("Gepraat met de directie van de school")),
                Option(
                    StepTaken.CONFIDENTIAL_PERSON,
                    _("Gepraat met de vertrouwenspersoon van de school"),
                    _("Dat is iemand op school bij wie je in vertrouwen terecht kunt.")
                    if self.pupil
                    else _("Dat is iemand op school bij wie u in vertrouwen terecht kunt."),
                ),
                Option(StepTaken.COMPLAINT_TO_BOARD, _("Een klacht ingediend bij het schoolbestuur")),
                Option(StepTaken.COMPLAINTS_COMMITTEE, _("Een klacht ingediend bij de klachtencommissie")),
                Option(
                    StepTaken.CONFIDENTIAL_INSPECTOR,
                    _("Contact gehad met een vertrouwensinspecteur"),
                    _("De vertrouwensinspecteurs van de Inspectie van het Onderwijs."),
                ),
                Option(StepTaken.OTHER, _("Iets anders")),
                Option(StepTaken.NONE, _("Nog niets"), exclusive=True),
            ],
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"steps_taken": answers.get("steps_taken", [])}

    def to_answers(self) -> dict[str, Any]:
        return {"steps_taken": list(self.cleaned_data["steps_taken"])}


class AttendanceForm(StepForm):
    attendance = forms.ChoiceField()

    def setup(self) -> None:
        role = self.answers.get("reporter_role")
        if self.pupil:
            message = _("Kies of je naar school gaat.")
            options = [
                Option(Attendance.ATTENDING, _("Ja, ik ga gewoon naar school")),
                Option(Attendance.PARTLY, _("Soms, of een deel van de tijd")),
                Option(Attendance.NOT_ATTENDING, _("Nee, ik ga nu niet naar school")),
            ]
        else:
            message = (
                _("Kies of uw kind naar school gaat.")
                if role == ReporterRole.PARENT
                else _("Kies of de leerling naar school gaat.")
            )
            options = [
                Option(Attendance.ATTENDING, _("Ja, gewoon")),
                Option(Attendance.PARTLY, _("Soms, of een deel van de tijd")),
                Option(Attendance.NOT_ATTENDING, _("Nee, nu helemaal niet")),
            ]
        self.fields["attendance"].error_messages["required"] = message
        self.set_options("attendance", options)

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"attendance": answers.get("attendance")}

    def to_answers(self) -> dict[str, Any]:
        return {"attendance": self.cleaned_data["attendance"]}

    def forget(self) -> list[str]:
        # "Since when" means something else (or nothing) after a change, so it is asked again.
        return ["absent_since"] if self.cleaned_data["attendance"] != self.answers.get("attendance") else []


class AbsentSinceForm(DateForm):
    answer_key = "absent_since"
    contract_fields = {"absent_since": "day"}

    def date_required(self) -> bool:
        return self.answers.get("attendance") == Attendance.NOT_ATTENDING

    def required_message(self) -> str:
        if self.pupil:
            return _("Vul in sinds wanneer je niet naar school gaat.")
        return _("Vul in sinds wanneer het kind niet naar school gaat.")


class StaffForm(StepForm):
    accused_is_staff = forms.ChoiceField()
    required_messages = {
        "accused_is_staff": gettext_lazy("Kies of het gaat over iemand die op de school werkt."),
    }

    def setup(self) -> None:
        self.set_options(
            "accused_is_staff",
            [Option(YES, _("Ja")), Option(NO, _("Nee")), Option(UNKNOWN, _("Weet ik niet"))],
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        if "accused_is_staff" not in answers:
            return {}
        return {"accused_is_staff": _yes_no(answers["accused_is_staff"]) or UNKNOWN}

    def to_answers(self) -> dict[str, Any]:
        value = self.cleaned_data["accused_is_staff"]
        return {"accused_is_staff": None if value == UNKNOWN else value == YES}


class ShareIdentityForm(StepForm):
    share_identity_with_school = forms.ChoiceField()

    def setup(self) -> None:
        if self.pupil:
            message = _("Kies of de school mag weten wie je bent.")
        else:
            message = _("Kies of de school mag weten wie u bent.")
        self.fields["share_identity_with_school"].error_messages["required"] = message
        self.set_options(
            "share_identity_with_school",
            [
                Option(YES, _("Ja, de school mag weten wie ik ben")),
                Option(NO, _("Nee, de school mag niet weten wie ik ben")),
            ],
        )

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"share_identity_with_school": _yes_no(answers.get("share_identity_with_school"))}

    def to_answers(self) -> dict[str, Any]:
        return {"share_identity_with_school": self.cleaned_data["share_identity_with_school"] == YES}


class ReferralForm(StepForm):
    consent_referral = forms.ChoiceField()

    def setup(self) -> None:
        if self.pupil:
            message = _("Kies of wij een organisatie mogen vragen om je te helpen.")
        else:
            message = _("Kies of wij een organisatie mogen vragen om u te helpen.")
        self.fields["consent_referral"].error_messages["required"] = message
        self.set_options("consent_referral", [Option(YES, _("Ja, dat mag")), Option(NO, _("Nee, liever niet"))])

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return {"consent_referral": _yes_no(answers.get("consent_referral"))}

    def to_answers(self) -> dict[str, Any]:
        return {"consent_referral": self.cleaned_data["consent_referral"] == YES}


class ContactForm(StepForm):
    email = forms.CharField(required=False, max_length=254)
    phone = forms.CharField(required=False, max_length=30)
    contract_fields = {"contact.email": "email", "contact.phone": "phone"}

    def setup(self) -> None:
        self.fields["email"].error_messages["max_length"] = _("Geef een geldig e-mailadres, zoals naam@voorbeeld.nl.")
        self.fields["phone"].error_messages["max_length"] = _("Geef een geldig telefoonnummer, zoals 06 12345678.")

    def initial_from(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        return dict(answers.get("contact") or {})

    def to_answers(self) -> dict[str, Any]:
        return {
            "contact": {
                "email": self.cleaned_data["email"].strip(),
                "phone": self.cleaned_data["phone"].strip(),
            }
        }


class AttachmentsForm(forms.Form):
    """The files page: new files come from `request.FILES`; a remove button names the file to drop."""

    remove = forms.IntegerField(required=False, min_value=1)


class CheckForm(forms.Form):
    """The check page sends nothing but the wish to send the report (the CSRF token guards it)."""
