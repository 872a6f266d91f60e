"""Referrals: what the meldpunt shared about a case with another organisation, on what basis, and
what that organisation did with it. Everything that could name or describe someone is encrypted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField
from meldpunt.referrals.constants import ReferralKind, ReferralStatus


class Referral(models.Model):
    """One referral of a case. `shared_summary` is exactly the text the recipient got, never edited later.

    A network organisation answers in the partner portal (accept or decline, then report back); for the
    other kinds the meldpunt only records what it shared, when and with whom.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("soort"), max_length=30, choices=ReferralKind.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    recipient_name = models.CharField(_("naam van de organisatie"), max_length=200, blank=True, default="")
    recipient_contact = EncryptedTextField(_("contact bij de organisatie"), blank=True, default="")
    shared_summary = EncryptedTextField(_("gedeelde samenvatting"))
    shared_contact = models.BooleanField(_("contactgegevens van de melder gedeeld"), default=False)
    consent = models.ForeignKey(
        "investigations.Consent", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    legal_ground = EncryptedTextField(_("wettelijke grondslag"), blank=True, default="")
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    created_at = models.DateTimeField(_("verstuurd op"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = EncryptedTextField(_("reden van afwijzen"), blank=True, default="")
    contact_made = models.BooleanField(_("contact gelegd"), null=True, blank=True)
    contact_made_on = models.DateField(_("contact gelegd op"), null=True, blank=True)
    support_offered = EncryptedTextField(_("geboden steun"), blank=True, default="")
    buddy_assigned = models.BooleanField(_("buddy toegewezen"), default=False)
    buddy_name = EncryptedCharField(_("naam buddy"), max_length=200, null=True, blank=True)
    buddy_email = EncryptedEmailField(_("e-mailadres buddy"), null=True, blank=True)
    reported_at = models.DateTimeField(_("teruggemeld op"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # The buddy linked as the reporter's support person. The reporter, not the email, hands the buddy the
    # access code: it waits here, encrypted, and the portal shows it to the reporter only, until the buddy
    # has signed in or the access is revoked (see referrals.portal_section).
    buddy_access = models.OneToOneField(
        "portal.SupportAccess", null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    buddy_access_code = EncryptedCharField(max_length=40, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="referral_network_has_organisation",
                condition=~Q(kind="network_organisation") | Q(organisation__isnull=False),
            ),
            models.CheckConstraint(
                name="referral_organisation_only_for_network",
                condition=Q(kind="network_organisation") | Q(organisation__isnull=True),
            ),
            models.CheckConstraint(
                name="referral_consent_unless_legal_ground",
                condition=Q(kind__in=["police", "veilig_thuis"]) | Q(consent__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "created_at"], name="referral_partner_inbox")]

    def __str__(self) -> str:
        return f"referral {self.pk} of case {self.case_id}"

    @property
    def partner_id(self) -> int | None:
        """What the permission layer needs: the network organisation whose partners may see and answer it."""
        return self.organisation_id
