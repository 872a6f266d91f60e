from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles of DESIGN.md. Reporters and support persons have no account: they use a code."""

    COORDINATOR = "coordinator", _("Coördinator")
    HANDLER = "handler", _("Behandelaar")
    SCHOOL_CONTACT = "school_contact", _("Contactpersoon school")
    PARTNER = "partner", _("Partnerorganisatie")
    ANALYST = "analyst", _("Analist")
    ADMINISTRATOR = "administrator", _("Beheerder")


# Each staff member has one device of each kind, found back by these names.
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
