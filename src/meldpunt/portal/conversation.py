"""The rules for a message between reporter and handler, the same for both sides. No database here."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError

MESSAGE_MAX_CHARS = 20_000


class MessageRefused(MeldpuntError):
    """The message cannot be sent as it is; `message` says why, `field` is always "body"."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="body")


def message_body_clean(body: object) -> str:
    """The message text without surrounding white space: 1 to 20,000 characters, no NUL character."""
    if not isinstance(body, str):
        raise MessageRefused(_("Schrijf uw bericht als tekst."))
    text = body.strip()
    if not text:
        raise MessageRefused(_("Schrijf een bericht."))
    if "\x00" in text:
        raise MessageRefused(_("Uw bericht bevat een teken dat niet mag. Haal het weg en probeer het opnieuw."))
    if len(text) > MESSAGE_MAX_CHARS:
        raise MessageRefused(
            _("Uw bericht is te lang. Het mag hoogstens %(max)s tekens hebben; het heeft er nu %(count)s.")
            % {
                "max": number_format(MESSAGE_MAX_CHARS, force_grouping=True),
                "count": number_format(len(text), force_grouping=True),
            }
        )
    return text
