"""A case: one report and everything the meldpunt does with it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.cases.constants import Attendance, Language, MessageDirection, ReporterRole, Status
from meldpunt.core.models import TimeStampedModel
from meldpunt.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField
from meldpunt.schools.constants import Sector


class ReferenceCounter(models.Model):
    """One row per year: references are numbered from their own table, never reused (STYLE.md, Open Zaak)."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Case(TimeStampedModel):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("ontvangen op"))
    language = models.CharField(_("taal"), max_length=2, choices=Language.choices, default=Language.NL)
    reporter_role = models.CharField(_("melder is"), max_length=10, choices=ReporterRole.choices)
    categories = models.JSONField(_("onderwerpen"), default=list)
    description = EncryptedTextField(_("wat er is gebeurd"))
    started_on = models.DateField(_("sinds"), null=True, blank=True)
    attendance = models.CharField(_("naar school"), max_length=15, choices=Attendance.choices)
    absent_since = models.DateField(_("niet naar school sinds"), null=True, blank=True)
    acute_danger = models.BooleanField(_("nu in gevaar"))
    accused_is_staff = models.BooleanField(_("medewerker betrokken"), null=True, blank=True)
    school = models.ForeignKey(
        "schools.School", verbose_name=_("school"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices, default=Sector.UNKNOWN)
    steps_taken = models.JSONField(_("al gedaan"), default=list)
    share_identity_with_school = models.BooleanField(_("school mag weten wie de melder is"), default=False)
    consent_referral = models.BooleanField(_("toestemming voor doorverwijzing"), default=False)
    contact_email = EncryptedEmailField(_("e-mailadres"), null=True, blank=True)
    contact_phone = EncryptedCharField(_("telefoonnummer"), max_length=30, null=True, blank=True)
    access_code_hash = models.CharField(max_length=200, editable=False)
    assigned_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        constraints = [
            models.CheckConstraint(
                name="case_absent_since_only_when_absent",
                condition=Q(absent_since__isnull=True) | ~Q(attendance="attending"),
            ),
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="case_status_received")]

    def __str__(self) -> str:
        return self.reference

    @property
    def school_board_id(self) -> int | None:
        """What the permission layer needs to know about the school side of a case."""
        return self.school.board_id if self.school_id and self.school else None


class StatusChange(models.Model):
    """Append-only history: a status change adds a row, nothing is ever rewritten."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class Attachment(models.Model):
    """A file the reporter sent: checked by its bytes, image metadata stripped, stored encrypted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    filename = EncryptedCharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField()
    from_reporter = models.BooleanField(default=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"attachment {self.pk} ({self.content_type})"


class Message(models.Model):
    """A message between the reporter and the handler, shown in the reporter portal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=15, choices=MessageDirection.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = EncryptedTextField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.direction})"
