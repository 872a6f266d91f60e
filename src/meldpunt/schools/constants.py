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


class DuoList(models.TextChoices):
    """Which of DUO's address files a school location came from; an import only closes schools of the lists it read."""

    PRIMARY = "po", _("Basisonderwijs (02)")
    SECONDARY = "vo", _("Voortgezet onderwijs (02)")
    SPECIAL = "sbo_so_vso", _("Speciaal (basis)onderwijs (09)")
