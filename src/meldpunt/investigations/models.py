"""Fact-finding on a case: parties, consent, information requests to the school board, interviews,
the evidence register and the chronology. Everything personal is encrypted at rest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.investigations.constants import (
    ConsentSubject,
    EvidenceSource,
    MoreTimeDecision,
    PartyAccess,
    PartyRole,
    RequestStatus,
)
from meldpunt.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField


class Party(models.Model):
    """Someone involved in a case, with what they may see and whether the school may know who they are."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("rol"), max_length=30, choices=PartyRole.choices)
    name = EncryptedCharField(_("naam"), max_length=200, blank=True, default="")
    organisation = EncryptedCharField(_("organisatie"), max_length=200, blank=True, default="")
    email = EncryptedEmailField(_("e-mailadres"), null=True, blank=True)
    phone = EncryptedCharField(_("telefoonnummer"), max_length=30, null=True, blank=True)
    access = models.CharField(_("mag zien"), max_length=10, choices=PartyAccess.choices, default=PartyAccess.NOTHING)
    identity_shared_with_school = models.BooleanField(_("school mag weten wie dit is"), default=False)
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            # The reporter and the school board are made automatically, once per case.
            models.UniqueConstraint(
                fields=["case", "role"],
                condition=Q(role__in=[PartyRole.REPORTER, PartyRole.SCHOOL_BOARD]),
                name="one_reporter_and_board_party_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on case {self.case_id}"


class Consent(models.Model):
    """A recorded consent of the reporter: what, how it was given, and who recorded it. Append-only."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consents")
    subject = models.CharField(_("waarvoor"), max_length=30, choices=ConsentSubject.choices)
    how_given = EncryptedTextField(_("hoe gegeven"))
    given_at = models.DateTimeField(_("gegeven op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]

    def __str__(self) -> str:
        return f"consent {self.subject} on case {self.case_id}"


class InformationRequest(models.Model):
    """Questions to the school board with a summary the reporter agreed to share, and a deadline."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="information_requests")
    status = models.CharField(_("status"), max_length=15, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    shared_summary = EncryptedTextField(_("samenvatting voor de school"))
    summary_consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    contact_email = EncryptedEmailField(_("e-mailadres contactpersoon"), null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(_("antwoord uiterlijk"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    more_time_requested_at = models.DateTimeField(null=True, blank=True)
    more_time_reason = EncryptedTextField(blank=True, default="")
    more_time_until = models.DateField(null=True, blank=True)
    more_time_decision = models.CharField(max_length=10, choices=MoreTimeDecision.choices, blank=True, default="")
    more_time_decided_at = models.DateTimeField(null=True, blank=True)
    more_time_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    non_response_finding = EncryptedTextField(blank=True, default="")
    # The handler shares the questions and the school's answers with the reporter (hearing both sides).
    shared_with_reporter = models.BooleanField(_("vragen en antwoorden gedeeld met de melder"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="info_request_due")]

    def __str__(self) -> str:
        return f"information request {self.pk} on case {self.case_id}"


class RequestQuestion(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = EncryptedTextField(_("vraag"))
    answer = EncryptedTextField(_("antwoord"), blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "position"], name="one_question_per_position")]

    def __str__(self) -> str:
        return f"question {self.position} of request {self.request_id}"


class SchoolAccessLink(models.Model):
    """Single-use sign-in for a board without an account: a link token plus a separate code, both hashed."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="access_links")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"school access link {self.pk}"


class Evidence(models.Model):
    """One document in the evidence register; its SHA-256 is checked whenever it is opened."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evidence")
    title = EncryptedCharField(_("omschrijving"), max_length=300)
    filename = EncryptedCharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    source = models.CharField(_("bron"), max_length=10, choices=EvidenceSource.choices)
    source_party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    information_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    received_on = models.DateField(_("ontvangen op"))
    shared_with_school = models.BooleanField(_("school mag dit zien"), default=False)
    shared_with_reporter = models.BooleanField(_("melder mag dit zien"), default=False)
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    integrity_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name_plural = _("bewijsstukken")

    def __str__(self) -> str:
        return f"evidence {self.pk} on case {self.case_id}"


class Interview(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="interviews")
    interviewee = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="interviews")
    held_at = models.DateTimeField(_("wanneer"))
    location = EncryptedCharField(_("waar"), max_length=300, blank=True, default="")
    present = EncryptedTextField(_("aanwezig"), blank=True, default="")
    summary = EncryptedTextField(_("samenvatting"))
    agreed_by_interviewee = models.BooleanField(_("akkoord van de geïnterviewde"), null=True, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"interview {self.pk} on case {self.case_id}"


class ChronologyEntry(models.Model):
    """One dated event in the case's chronology: built from dated items, editable by the handler."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="chronology")
    occurred_on = models.DateField(_("datum"))
    description = EncryptedTextField(_("wat er gebeurde"))
    source_kind = models.CharField(max_length=30, blank=True, default="")
    source_id = models.PositiveIntegerField(null=True, blank=True)
    edited = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "source_kind", "source_id"],
                condition=Q(source_id__isnull=False),
                name="one_chronology_entry_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"chronology entry {self.pk} on case {self.case_id}"
