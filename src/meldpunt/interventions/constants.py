from django.db import models
from django.utils.translation import gettext_lazy as _


class MediationStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Gaat niet door")


class AgreementOwner(models.TextChoices):
    """Who must make an agreement happen."""

    SCHOOL_BOARD = "school_board", _("Schoolbestuur")
    MELDPUNT = "meldpunt", _("Meldpunt")
    REPORTER = "reporter", _("Melder")
    OTHER = "other", _("Iemand anders")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Loopt nog")
    DONE = "done", _("Gedaan")
    NOT_DONE = "not_done", _("Niet gedaan")
    CANCELLED = "cancelled", _("Vervallen")


class ReporterSays(models.TextChoices):
    """The reporter's own answer to "did it happen?"; empty while they have not answered."""

    YES = "yes", _("Ja, het is gebeurd")
    NO = "no", _("Nee, het is niet gebeurd")
