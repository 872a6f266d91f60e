"""The wizard's questions as headings and page titles, in the words that fit who is reporting.

Pupils read "je" and simpler words; parents, staff and others read "u". A title names the question,
never an answer (CONTRACT.md: no personal data in titles).
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from meldpunt.cases.constants import Attendance, ReporterRole
from meldpunt.intake import wizard


def _by_role(answers: Mapping[str, Any], *, pupil: str, parent: str, other: str) -> str:
    role = answers.get("reporter_role")
    if role == ReporterRole.PUPIL:
        return pupil
    if role == ReporterRole.PARENT:
        return parent
    return other


def question_text(name: str, answers: Mapping[str, Any]) -> str:
    pupil = wizard.is_pupil(answers)
    if name == "danger":
        return _("Is iemand nu in gevaar?")
    if name == "role":
        return _("Wie maakt deze melding?")
    if name == "school":
        return _("Op welke school gebeurt het?")
    if name == "sector":
        return _("Wat voor school is het? (optioneel)")
    if name == "categories":
        return _("Waar gaat je melding over?") if pupil else _("Waar gaat uw melding over?")
    if name == "description":
        return _("Wat is er gebeurd?")
    if name == "started_on":
        return _("Sinds wanneer gebeurt dit? (optioneel)")
    if name == "steps_taken":
        return _("Wat is er al gedaan om het op te lossen?")
    if name == "attendance":
        return _by_role(
            answers,
            pupil=_("Ga je nu naar school?"),
            parent=_("Gaat uw kind nu naar school?"),
            other=_("Gaat de leerling nu naar school?"),
        )
    if name == "absent_since":
        if answers.get("attendance") == Attendance.PARTLY:
            return _by_role(
                answers,
                pupil=_("Sinds wanneer ga je niet meer elke dag naar school? (optioneel)"),
                parent=_("Sinds wanneer gaat uw kind niet meer elke dag naar school? (optioneel)"),
                other=_("Sinds wanneer gaat de leerling niet meer elke dag naar school? (optioneel)"),
            )
        return _by_role(
            answers,
            pupil=_("Sinds wanneer ga je niet naar school?"),
            parent=_("Sinds wanneer gaat uw kind niet naar school?"),
            other=_("Sinds wanneer gaat de leerling niet naar school?"),
        )
    if name == "accused_is_staff":
        return _("Gaat het over iemand die op de school werkt?")
    if name == "share_identity":
        return _("Mag de school weten wie je bent?") if pupil else _("Mag de school weten wie u bent?")
    if name == "consent_referral":
        if pupil:
            return _("Mogen wij een organisatie vragen om je te helpen?")
        return _("Mogen wij een organisatie vragen om u te helpen?")
    if name == "contact":
        return _("Hoe kunnen wij je bereiken?") if pupil else _("Hoe kunnen wij u bereiken?")
    if name == "attachments":
        return _("Bestanden meesturen (optioneel)")
    if name == wizard.CHECK:
        return _("Controleer je antwoorden") if pupil else _("Controleer uw antwoorden")
    if name == wizard.HELP_NOW:
        return _("Is iemand nu in gevaar? Bel 112")
    if name == wizard.GUIDANCE:
        return (
            _("Praat eerst met iemand op school als dat kan") if pupil else _("Praat eerst met de school als dat kan")
        )
    raise KeyError(name)


def page_title(text: str, *, with_suffix: bool = True) -> str:
    """The text of `<title>` before the page frame's " | Meldpunt"."""
    return _("%(page)s – Melding maken") % {"page": text} if with_suffix else text
