from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.schools.matching import MAX_QUERY_LENGTH


class SchoolSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Naam, plaats of code van de school"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Vul de naam, de plaats of de code van een school in."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
