from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralKind(models.TextChoices):
    """Where a case is referred to (DESIGN.md, "Interventions" and "Signpost and expertise network")."""

    NETWORK_ORGANISATION = "network_organisation", _("Organisatie uit het expertisenetwerk")
    POLICE = "police", _("Politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    HUMAN_RIGHTS_COLLEGE = "human_rights_college", _("College voor de Rechten van de Mens")
    COMPLAINTS_COMMITTEE = "complaints_committee", _("Klachtencommissie")
    OTHER = "other", _("Andere organisatie")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    ACCEPTED = "accepted", _("Aangenomen")
    DECLINED = "declined", _("Afgewezen")
    CLOSED = "closed", _("Afgerond")
