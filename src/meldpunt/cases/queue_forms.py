"""Forms of the work queue, the assignment page, the priority page and the board-ties page.

They check presence and shape; the services check the rules (conflicts, ranges, who may).
"""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meldpunt.cases.constants import BoardLinkKind
from meldpunt.cases.coordination import (
    PRIORITY_OVERRIDE_MAX,
    PRIORITY_OVERRIDE_MIN,
    REASON_MAX_CHARS,
    SAVED_FILTER_NAME_MAX_CHARS,
)
from meldpunt.cases.selectors import HandlerOption
from meldpunt.core.form_fields import radio_choice_field
from meldpunt.schools.models import School

_REASON_ERRORS = {
    "required": _("Geef een reden."),
    "max_length": _("Schrijf de reden in hoogstens %(limit_value)d tekens."),
}


class AssignForm(forms.Form):
    """Every staff member who may hold cases is a valid choice here: whether this one may get this case
    (a declared tie to the board) is the service's decision, so it can say why not."""

    handler = forms.TypedChoiceField(
        label=_("Aan wie geeft u de zaak?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een behandelaar."), "invalid_choice": _("Kies een behandelaar.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea,
        required=False,
        max_length=REASON_MAX_CHARS,
        error_messages=_REASON_ERRORS,
    )

    def __init__(self, options: Sequence[HandlerOption], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["handler"].choices = [(option.handler.pk, option.name) for option in options]  # type: ignore[attr-defined]


class PriorityForm(forms.Form):
    priority = forms.IntegerField(
        label=_("Prioriteit"),
        min_value=PRIORITY_OVERRIDE_MIN,
        max_value=PRIORITY_OVERRIDE_MAX,
        error_messages={
            "required": _("Vul een prioriteit in."),
            "invalid": _("Vul een heel getal in."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom wijkt de prioriteit af?"),
        widget=forms.Textarea,
        max_length=REASON_MAX_CHARS,
        error_messages=_REASON_ERRORS,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Formatted per request, in the language of that request.
        out_of_range = gettext("Kies een prioriteit van %(min)d tot en met %(max)d.") % {
            "min": PRIORITY_OVERRIDE_MIN,
            "max": PRIORITY_OVERRIDE_MAX,
        }
        self.fields["priority"].error_messages.update(min_value=out_of_range, max_value=out_of_range)


class SavedFilterForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van het filter"),
        max_length=SAVED_FILTER_NAME_MAX_CHARS,
        error_messages={
            "required": _("Geef het filter een naam."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    query = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class BoardLinkForm(forms.Form):
    """The handler picks one school from the search results; the tie is to that school's board."""

    school = forms.ModelChoiceField(
        label=_("Welke school?"),
        queryset=School.objects.select_related("board"),
        to_field_name="code",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een school."), "invalid_choice": _("Kies een school.")},
    )
    kind = radio_choice_field(
        _("Wat is uw band met dit schoolbestuur?"), BoardLinkKind.choices, message=_("Kies wat voor band u heeft.")
    )
