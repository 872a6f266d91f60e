"""The editor's forms: the page text in Dutch and English side by side, and the address of a new page.

They check presence and shape; the services check the rules (both English fields or none, a free
address, nobody else saved in between).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.content.models import NOTE_MAX, TITLE_MAX
from meldpunt.content.services import BODY_MAX, SLUG_MAX, PageText

_TOO_LONG = _("Dit is te lang: hoogstens %(limit_value)d tekens.")


class PageForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title_nl = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Geef de pagina een Nederlandse titel."), "max_length": _TOO_LONG},
    )
    body_nl = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea,
        max_length=BODY_MAX,
        strip=False,
        error_messages={"required": _("Schrijf de Nederlandse tekst."), "max_length": _TOO_LONG},
    )
    title_en = forms.CharField(
        label=_("Titel (Engels, niet verplicht)"),
        max_length=TITLE_MAX,
        required=False,
        error_messages={"max_length": _TOO_LONG},
    )
    body_en = forms.CharField(
        label=_("Tekst (Engels, niet verplicht)"),
        widget=forms.Textarea,
        max_length=BODY_MAX,
        required=False,
        strip=False,
        error_messages={"max_length": _TOO_LONG},
    )
    note = forms.CharField(
        label=_("Wat heeft u veranderd? (niet verplicht)"),
        help_text=_("Bijvoorbeeld: telefoonnummer aangepast. Dit ziet u terug in de geschiedenis."),
        max_length=NOTE_MAX,
        required=False,
        error_messages={"max_length": _TOO_LONG},
    )

    def text(self) -> PageText:
        data = self.cleaned_data
        return PageText(
            title_nl=data["title_nl"], body_nl=data["body_nl"], title_en=data["title_en"], body_en=data["body_en"]
        )


class PageCreateForm(PageForm):
    based_on = None  # type: ignore[assignment]  # a new page has no earlier version
    slug = forms.SlugField(
        label=_("Adres van de pagina"),
        help_text=_("Kleine letters, cijfers en streepjes, bijvoorbeeld: klachten-en-vragen."),
        max_length=SLUG_MAX,
        error_messages={
            "required": _("Kies een adres voor de pagina."),
            "invalid": _("Gebruik alleen kleine letters, cijfers en streepjes."),
            "max_length": _TOO_LONG,
        },
    )

    field_order = ["slug", "title_nl", "body_nl", "title_en", "body_en", "note"]
