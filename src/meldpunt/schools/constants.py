from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Education sectors (CONTRACT.md intake field `sector`)."""

    PO = "po", _("Basisonderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    SO = "so", _("Speciaal onderwijs")
    MBO = "mbo", _("Middelbaar beroepsonderwijs")
    HO = "ho", _("Hoger onderwijs")
    UNKNOWN = "unknown", _("Onbekend")


class HolidayRegion(models.TextChoices):
    """DUO's VAKANTIEREGIO."""

    NORTH = "noord", _("Noord")
    MIDDLE = "midden", _("Midden")
    SOUTH = "zuid", _("Zuid")
