"""Hearing both sides (hoor en wederhoor): draft findings, the comments of both sides, the final findings.

A draft can be edited until it is sent. Sending locks it and gives the reporter and the school board
the same text at the same moment with the same due date. The final findings are a new record next to
the draft: the final text, what changed and why, and the PDF (encrypted, with its SHA-256).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.findings.constants import Side
from meldpunt.privacy.actors import ActorKind
from meldpunt.privacy.fields import EncryptedTextField


class DraftFindings(models.Model):
    """One round of findings on a case; a reopened case may get a next round after the final findings."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="draft_findings")
    round = models.PositiveSmallIntegerField(_("ronde"))
    facts_established = EncryptedTextField(_("vastgestelde feiten"))
    facts_disputed = EncryptedTextField(_("betwiste feiten"), blank=True, default="")
    assessment = EncryptedTextField(_("beoordeling"))
    recommendations = EncryptedTextField(_("aanbevelingen"), blank=True, default="")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comments_due_on = models.DateField(_("reageren kan tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["case", "round"]
        verbose_name = _("conceptbevindingen")
        verbose_name_plural = _("conceptbevindingen")
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="one_draft_findings_per_round"),
            # Sent and the due date go together: both sides get the same term from the same moment.
            models.CheckConstraint(
                name="draft_findings_sent_with_due_date",
                condition=Q(sent_at__isnull=True, comments_due_on__isnull=True)
                | Q(sent_at__isnull=False, comments_due_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"draft findings round {self.round} of case {self.case_id}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class FindingsComment(models.Model):
    """A side's comment on the draft it was sent; stored against that draft, never edited."""

    draft = models.ForeignKey(DraftFindings, on_delete=models.CASCADE, related_name="comments")
    side = models.CharField(_("kant"), max_length=10, choices=Side.choices)
    body = EncryptedTextField(_("reactie"))
    at = models.DateTimeField()
    author_kind = models.CharField(max_length=20, choices=ActorKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("reactie op conceptbevindingen")
        verbose_name_plural = _("reacties op conceptbevindingen")
        indexes = [models.Index(fields=["draft", "side"], name="findings_comment_side")]

    def __str__(self) -> str:
        return f"{self.side} comment on draft {self.draft_id}"


class FinalFindings(models.Model):
    """The final findings and recommendations of one round, with what changed since the draft and why."""

    draft = models.OneToOneField(DraftFindings, on_delete=models.PROTECT, related_name="final")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="final_findings")
    facts_established = EncryptedTextField(_("vastgestelde feiten"))
    facts_disputed = EncryptedTextField(_("betwiste feiten"), blank=True, default="")
    assessment = EncryptedTextField(_("beoordeling"))
    recommendations = EncryptedTextField(_("aanbevelingen"), blank=True, default="")
    changes = EncryptedTextField(_("wat is veranderd en waarom"))
    issued_at = models.DateTimeField(_("definitief gemaakt op"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    pdf_size = models.PositiveIntegerField()

    class Meta:
        ordering = ["issued_at", "pk"]
        verbose_name = _("definitieve bevindingen")
        verbose_name_plural = _("definitieve bevindingen")

    def __str__(self) -> str:
        return f"final findings of draft {self.draft_id}"
