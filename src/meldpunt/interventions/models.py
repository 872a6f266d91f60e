"""Breaking the impasse: mediation meetings, the action plan of agreements, escalation to supervision.

Names, texts and outcomes are encrypted at rest. A supervision signal is what the inspectorate's regular
supervision sees of an escalation: the school, its board, the categories, the date and a summary written
without anything that tells who the reporter is.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.interventions.constants import AgreementOwner, AgreementStatus, MediationStatus, ReporterSays
from meldpunt.privacy.fields import EncryptedCharField, EncryptedTextField


class MediationMeeting(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="mediation_meetings")
    planned_at = models.DateTimeField(_("gepland op"))
    participants = EncryptedTextField(_("wie zijn erbij"))
    status = models.CharField(
        _("stand"), max_length=10, choices=MediationStatus.choices, default=MediationStatus.PLANNED
    )
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    outcome = EncryptedTextField(_("uitkomst"), blank=True, default="")
    shared = models.BooleanField(_("melder en school zien dit gesprek"), default=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["planned_at", "pk"]
        verbose_name = _("bemiddelingsgesprek")
        verbose_name_plural = _("bemiddelingsgesprekken")
        constraints = [
            models.CheckConstraint(
                name="mediation_held_has_time",
                condition=Q(status="held", held_at__isnull=False) | (~Q(status="held") & Q(held_at__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return f"mediation meeting {self.pk} on case {self.case_id}"


class Agreement(models.Model):
    """One agreement of the action plan: what, who, by when, and whether it happened."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="agreements")
    description = EncryptedTextField(_("afspraak"))
    owner = models.CharField(_("wie doet het"), max_length=15, choices=AgreementOwner.choices)
    owner_other = EncryptedCharField(_("wie anders"), max_length=200, blank=True, default="")
    due_on = models.DateField(_("uiterlijk op"))
    status = models.CharField(_("stand"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.OPEN)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    shared_with_school = models.BooleanField(_("school ziet deze afspraak"), default=True)
    shared_with_reporter = models.BooleanField(_("melder ziet deze afspraak"), default=True)
    reporter_says = models.CharField(
        _("volgens de melder"), max_length=3, choices=ReporterSays.choices, blank=True, default=""
    )
    reporter_said_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [models.Index(fields=["status", "due_on"], name="agreement_follow_up")]
        constraints = [
            models.CheckConstraint(
                name="agreement_done_has_time",
                condition=Q(status="done", done_at__isnull=False) | (~Q(status="done") & Q(done_at__isnull=True)),
            ),
            models.CheckConstraint(
                name="agreement_reporter_answer_has_time",
                condition=Q(reporter_says="", reporter_said_at__isnull=True)
                | (~Q(reporter_says="") & Q(reporter_said_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"agreement {self.pk} on case {self.case_id}"


class Escalation(models.Model):
    """The case goes to the inspectorate's regular supervision of the school board, with the reason."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="escalations")
    reason = EncryptedTextField(_("reden"))
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_with_reporter = models.BooleanField(_("melder ziet dat dit is gebeurd"), default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("escalatie naar het toezicht")
        verbose_name_plural = _("escalaties naar het toezicht")

    def __str__(self) -> str:
        return f"escalation {self.pk} on case {self.case_id}"


class SupervisionSignal(models.Model):
    """What supervision sees of an escalation: never the reporter, never the case's own texts."""

    escalation = models.OneToOneField(Escalation, on_delete=models.CASCADE, related_name="signal")
    board = models.ForeignKey("schools.Board", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    categories = models.JSONField(_("onderwerpen"), default=list)
    on = models.DateField(_("datum"))
    reason_summary = EncryptedTextField(_("samenvatting van de reden"))

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("signaal aan het toezicht")
        verbose_name_plural = _("signalen aan het toezicht")
        indexes = [models.Index(fields=["board", "on"], name="signal_board_on")]

    def __str__(self) -> str:
        return f"supervision signal {self.pk}"
