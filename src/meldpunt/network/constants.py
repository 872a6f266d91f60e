from django.db import models
from django.utils.translation import gettext_lazy as _


class Offer(models.TextChoices):
    """What an organisation offers (the values of `offers` in data/network.csv, in English codes)."""

    INFORMATION = "information", _("Informatie")
    ADVICE = "advice", _("Advies")
    BUDDY_SUPPORT = "buddy_support", _("Buddysteun")
    LEGAL_HELP = "legal_help", _("Juridische hulp")
    COMPLAINT_HANDLING = "complaint_handling", _("Klachtbehandeling")
    REPORTING_POINT = "reporting_point", _("Meldpunt")
    EMERGENCY_HELP = "emergency_help", _("Noodhulp")


class Audience(models.TextChoices):
    PUPIL = "pupil", _("Leerling")
    PARENT = "parent", _("Ouder")
    STAFF = "staff", _("Onderwijspersoneel")
    SCHOOL_BOARD = "school_board", _("Schoolbestuur")
