"""A case: one report and everything the meldpunt does with it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from meldpunt.cases.constants import (
    AgreementsKept,
    Attendance,
    AttendanceAlternative,
    BoardLinkKind,
    ConsequencesFor,
    FollowUpKind,
    Language,
    MessageDirection,
    ReporterRole,
    Status,
    TermCode,
    TermUnit,
)
from meldpunt.core.models import TimeStampedModel
from meldpunt.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedTextField
from meldpunt.schools.constants import Sector


class ReferenceCounter(models.Model):
    """One row per year: references are numbered from their own table, never reused (STYLE.md, Open Zaak)."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CaseType(TimeStampedModel):
    """A kind of case with its own legal terms and service norms; administrators configure it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    is_default = models.BooleanField(_("standaard voor nieuwe meldingen"), default=False)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_case_type")
        ]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """One term of a case type, e.g. findings within 6 weeks, extendable once by at most 4 weeks."""

    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("termijn"), max_length=40, choices=TermCode.choices)
    amount = models.PositiveIntegerField(_("duur"))
    unit = models.CharField(_("eenheid"), max_length=20, choices=TermUnit.choices)
    max_extension = models.PositiveIntegerField(
        _("maximale verlenging"), null=True, blank=True, help_text=_("In dezelfde eenheid; leeg: niet te verlengen.")
    )
    suspendable = models.BooleanField(_("kan worden opgeschort"), default=True)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [models.UniqueConstraint(fields=["case_type", "code"], name="one_term_per_code")]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.amount} {self.get_unit_display()}"


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
    case_type = models.ForeignKey(
        CaseType, verbose_name=_("zaaktype"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Denormalised from the school for filtering the queue without joins (indexed below).
    region = models.CharField(_("provincie"), max_length=50, blank=True, default="")
    primary_category = models.CharField(_("hoofdonderwerp"), max_length=30, blank=True, default="")
    # Events the deadline clock reads; set by the workflow services, never typed in.
    assigned_at = models.DateTimeField(null=True, blank=True, editable=False)
    intake_decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_contact_at = models.DateTimeField(null=True, blank=True, editable=False)
    investigation_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    findings_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome = models.CharField(_("uitkomst"), max_length=20, blank=True, default="", editable=False)
    back_in_education = models.BooleanField(_("weer naar school"), null=True, blank=True, editable=False)
    referral_target = models.CharField(_("doorverwezen naar"), max_length=200, blank=True, default="", editable=False)
    # Derived values cached for sorting and filtering the queue; recomputed by services on every event
    # and by the daily reminders task. The source of truth is the deadline clock and the triage rule.
    priority = models.IntegerField(_("prioriteit"), default=0, editable=False)
    priority_override = models.IntegerField(_("prioriteit (handmatig)"), null=True, blank=True, editable=False)
    priority_override_reason = EncryptedTextField(blank=True, default="", editable=False)
    next_due_on = models.DateField(_("eerstvolgende termijn"), null=True, blank=True, editable=False)
    next_due_code = models.CharField(max_length=40, blank=True, default="", editable=False)
    # School days missed (cases.continuity) and agreements past their due date, cached like priority.
    school_days_missed = models.PositiveIntegerField(_("schooldagen gemist"), null=True, blank=True, editable=False)
    agreements_overdue = models.PositiveIntegerField(_("afspraken over tijd"), default=0, editable=False)
    # A case opened from another one, e.g. retaliation reported at a follow-up of a closed case.
    linked_case = models.ForeignKey(
        "self",
        verbose_name=_("gekoppelde zaak"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="linked_cases",
        editable=False,
    )
    # Opened because a reporter told us at a follow-up about consequences of their report (retaliation):
    # the triage rule puts such a case above every other.
    retaliation_reported = models.BooleanField(_("gevolgen na eerdere melding"), default=False, editable=False)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        constraints = [
            models.CheckConstraint(
                name="case_absent_since_only_when_absent",
                condition=Q(absent_since__isnull=True) | ~Q(attendance="attending"),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_at"], name="case_status_received"),
            models.Index(fields=["status", "-priority", "id"], name="case_queue_priority"),
            models.Index(fields=["status", "next_due_on", "id"], name="case_queue_due"),
            models.Index(fields=["assigned_handler", "status", "-priority", "id"], name="case_handler_priority"),
            models.Index(fields=["assigned_handler", "status", "next_due_on", "id"], name="case_handler_due"),
            models.Index(fields=["school", "received_at"], name="case_school_received"),
        ]

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


class Suspension(models.Model):
    """The clock stands still from `started_at` until `ended_at` (open while empty), with a reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = EncryptedTextField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="suspension_ends_after_start",
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
            ),
            models.UniqueConstraint(fields=["case"], condition=Q(ended_at__isnull=True), name="one_open_suspension"),
        ]

    def __str__(self) -> str:
        return f"suspension {self.pk} of case {self.case_id}"


class Extension(models.Model):
    """A term extended once, by a bounded amount, with a reason that the reporter is told."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    term_code = models.CharField(max_length=40, choices=TermCode.choices)
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=20, choices=TermUnit.choices)
    reason = EncryptedTextField()
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "term_code"], name="one_extension_per_term")]

    def __str__(self) -> str:
        return f"extension of {self.term_code} on case {self.case_id}"


class Note(models.Model):
    """An internal note of the handler; never shown to the reporter or the school."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"note {self.pk} on case {self.case_id}"


class BoardLink(models.Model):
    """A handler's declared tie to a school board; an assignment to a case of that board is refused."""

    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_links")
    board = models.ForeignKey("schools.Board", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort band"), max_length=20, choices=BoardLinkKind.choices)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["handler", "board", "kind"], name="one_link_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: board {self.board_id}"


class SavedFilter(models.Model):
    """A queue filter a staff member saved under a name."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    name = models.CharField(_("naam"), max_length=80)
    query = models.CharField(max_length=500)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_name_unique")]

    def __str__(self) -> str:
        return self.name


class AttendanceRecord(models.Model):
    """One step in the child's school attendance over time; the newest row is what the case holds now.

    Append-only: a change adds a row. `since` is empty only on the row that copies what the reporter told
    the intake (`recorded_by` empty as well), when they gave no date.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attendance_records")
    status = models.CharField(_("naar school"), max_length=15, choices=Attendance.choices)
    since = models.DateField(_("sinds"), null=True, blank=True)
    alternative = models.CharField(
        _("afgesproken alternatief"),
        max_length=30,
        choices=AttendanceAlternative.choices,
        default=AttendanceAlternative.NONE,
    )
    alternative_note = EncryptedTextField(_("toelichting"), blank=True, default="")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="attendance_record_dated_unless_intake",
                condition=Q(since__isnull=False) | Q(recorded_by__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.status} since {self.since} on case {self.case_id}"


class FollowUp(models.Model):
    """A follow-up check after closing (4 weeks, 3 months): is it still safe, were the agreements kept, and
    were there consequences for the reporter or brothers and sisters? Made when the case closes, asked when
    due (portal and a content-free email), answered by the reporter in the portal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("soort"), max_length=20, choices=FollowUpKind.choices)
    due_on = models.DateField(_("te vragen op"))
    created_at = models.DateTimeField()
    asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when the case is reopened before the question was answered: a later closing asks again.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    still_safe = models.BooleanField(_("nog veilig"), null=True, blank=True)
    agreements_kept = models.CharField(
        _("afspraken nagekomen"), max_length=20, choices=AgreementsKept.choices, blank=True, default=""
    )
    consequences = models.BooleanField(_("gevolgen na de melding"), null=True, blank=True)
    consequences_for = models.CharField(
        _("gevolgen voor"), max_length=10, choices=ConsequencesFor.choices, blank=True, default=""
    )
    detail = EncryptedTextField(_("toelichting"), blank=True, default="")
    linked_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="opened_by_follow_ups"
    )
    reopened = models.BooleanField(_("zaak heropend"), default=False)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(answered_at__isnull=True, cancelled_at__isnull=True),
                name="one_open_follow_up_per_kind",
            ),
            models.CheckConstraint(
                name="follow_up_answer_complete",
                condition=Q(answered_at__isnull=True)
                | (Q(still_safe__isnull=False, consequences__isnull=False) & ~Q(agreements_kept="")),
            ),
            models.CheckConstraint(
                name="follow_up_consequences_for_only_with_consequences",
                condition=Q(consequences_for="") | Q(consequences=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} follow-up of case {self.case_id}"
