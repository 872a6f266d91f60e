"""How terms read in words, for the back office and for the reporter alike. Pure: no database."""

from django.utils.translation import ngettext

from meldpunt.cases.deadlines import Duration, Unit


def duration_words(duration: Duration) -> str:
    """ "4 weken", "5 werkdagen": a duration as a reader says it, in the active language."""
    if duration.unit is Unit.WEEKS:
        return ngettext("%(count)d week", "%(count)d weken", duration.amount) % {"count": duration.amount}
    if duration.unit is Unit.WORKING_DAYS:
        return ngettext("%(count)d werkdag", "%(count)d werkdagen", duration.amount) % {"count": duration.amount}
    return ngettext("%(count)d dag", "%(count)d dagen", duration.amount) % {"count": duration.amount}
