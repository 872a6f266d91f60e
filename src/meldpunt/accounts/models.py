from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.accounts.constants import Role


class User(AbstractUser):
    """A staff member. Every staff member has exactly one role and signs in with a second factor."""

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    board = models.ForeignKey(
        "schools.Board",
        verbose_name=_("schoolbestuur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_("Alleen voor contactpersonen van een school: het bestuur waarvoor zij optreden."),
    )
    partner = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("partnerorganisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("Alleen voor partners: de organisatie uit het netwerk waarvoor zij optreden."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [
            models.CheckConstraint(
                name="school_contact_has_board",
                condition=~Q(role="school_contact") | Q(board__isnull=False),
            ),
            models.CheckConstraint(
                name="partner_has_organisation",
                condition=~Q(role="partner") | Q(partner__isnull=False),
            ),
        ]

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR
