"""Forms of the reporter portal. They check presence and shape; the services check the rest."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meldpunt.intake.attachments import (
    MAX_FILE_BYTES,
    MAX_FILES,
    AttachmentRefused,
    CheckedAttachment,
    attachment_check,
)


class SignInForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk"),
        max_length=40,
        error_messages={
            "required": _("Vul het kenmerk in. U vindt het op het bewijs van uw melding."),
            "max_length": _("Dit is geen kenmerk. Een kenmerk ziet eruit als MSV-2026-000123."),
        },
    )
    access_code = forms.CharField(
        label=_("Toegangscode"),
        max_length=100,
        strip=True,
        error_messages={
            "required": _("Vul de toegangscode in."),
            "max_length": _("Dit is geen toegangscode. Een toegangscode heeft 16 letters en cijfers."),
        },
    )


class SignInLinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk"),
        max_length=40,
        error_messages={
            "required": _("Vul het kenmerk in. U vindt het op het bewijs van uw melding."),
            "max_length": _("Dit is geen kenmerk. Een kenmerk ziet eruit als MSV-2026-000123."),
        },
    )


class MessageForm(forms.Form):
    """Presence only: the length and character rules live in `portal.conversation`, shared with the API."""

    body = forms.CharField(
        label=_("Uw bericht"),
        widget=forms.Textarea,
        strip=False,
        error_messages={"required": _("Schrijf een bericht.")},
    )


class FilesForm(forms.Form):
    """Files are checked by their bytes (`attachment_check`); the errors name the file."""

    attachments = forms.Field(label=_("Bestanden"), required=False)

    def __init__(self, *args: object, uploads: list[UploadedFile] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.uploads = uploads or []
        self.checked: list[CheckedAttachment] = []

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not self.uploads:
            self.add_error("attachments", gettext("Kies een of meer bestanden."))
            return cleaned
        if len(self.uploads) > MAX_FILES:
            self.add_error("attachments", gettext("Kies hoogstens %(max)d bestanden tegelijk.") % {"max": MAX_FILES})
            return cleaned
        for upload in self.uploads:
            name = upload.name or ""
            if upload.size is not None and upload.size > MAX_FILE_BYTES:
                self.add_error(
                    "attachments", gettext("Het bestand %(name)s is groter dan 10 MB.") % {"name": name[:200]}
                )
                continue
            try:
                self.checked.append(attachment_check(filename=name, data=upload.read()))
            except AttachmentRefused as refused:
                self.add_error("attachments", refused.message)
        return cleaned


YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _yes(value: str) -> bool:
    return value == "yes"


class FollowUpForm(forms.Form):
    """The follow-up questions on one short page. The choices' values are the cases app's codes; the words
    are the portal's own, for the reporter."""

    # Which question the page showed; the service checks it belongs to the case and is still open.
    follow_up = forms.IntegerField(widget=forms.HiddenInput, required=False)
    still_safe = forms.TypedChoiceField(
        label=_("Is het nu veilig op school?"),
        choices=[("yes", _("Ja, het is veilig")), ("no", _("Nee, het is niet meer veilig"))],
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of het nu veilig is."), "invalid_choice": _("Kies of het nu veilig is.")},
    )
    agreements_kept = forms.ChoiceField(
        label=_("Houdt de school zich aan de afspraken?"),
        choices=[
            ("yes", _("Ja")),
            ("partly", _("Een deel")),
            ("no", _("Nee")),
            ("not_applicable", _("Er waren geen afspraken")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of de school zich aan de afspraken houdt."),
            "invalid_choice": _("Kies of de school zich aan de afspraken houdt."),
        },
    )
    consequences = forms.TypedChoiceField(
        label=_("Zijn er vervelende gevolgen geweest omdat u een melding deed?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of er vervelende gevolgen waren."),
            "invalid_choice": _("Kies of er vervelende gevolgen waren."),
        },
    )
    consequences_for = forms.ChoiceField(
        label=_("Als er gevolgen waren: voor wie?"),
        choices=[
            ("me", _("Voor mij")),
            ("sibling", _("Voor een broer of zus")),
            ("both", _("Voor mij en voor een broer of zus")),
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies voor wie er gevolgen waren.")},
    )
    detail = forms.CharField(
        label=_("Wilt u er meer over vertellen? (optioneel)"),
        widget=forms.Textarea,
        required=False,
        strip=False,
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("consequences") is True and not cleaned.get("consequences_for"):
            self.add_error("consequences_for", gettext("Kies voor wie er gevolgen waren."))
        return cleaned
