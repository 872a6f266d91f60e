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
