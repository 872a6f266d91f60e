"""Sign-in forms. The messages say what to do, in the words of the GOV.UK and NL Design System patterns."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.accounts.second_factor import recovery_code_normalise


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        error_messages={"required": _("Vul uw gebruikersnaam in."), "max_length": _("Vul uw gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput,
        error_messages={"required": _("Vul uw wachtwoord in."), "max_length": _("Vul uw wachtwoord in.")},
    )


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=20,
        error_messages={
            "required": _("Vul de code van 6 cijfers uit uw authenticator-app in."),
            "max_length": _("Een code heeft 6 cijfers."),
        },
    )

    def clean_code(self) -> str:
        # Apps show the code as "123 456"; people copy it with the space.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Een code heeft 6 cijfers."))
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Herstelcode"),
        max_length=40,
        error_messages={
            "required": _("Vul een van uw herstelcodes in."),
            "max_length": _("Een herstelcode heeft 8 tekens."),
        },
    )

    def clean_code(self) -> str:
        code = recovery_code_normalise(self.cleaned_data["code"])
        if not re.fullmatch(r"[a-z2-7]{8}", code):
            raise forms.ValidationError(_("Een herstelcode heeft 8 tekens: letters en cijfers."))
        return code
