"""How reporters and their support persons get in without an account: every secret is stored hashed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportAccess(models.Model):
    """Read-only access for a support person the reporter invited: its own id and access code.

    The reporter passes the id and code on; the code is shown once and stored only as an Argon2id
    hash. Revoking keeps the row, so the audit log and the reporter's overview stay complete.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="support_accesses")
    public_id = models.CharField(_("kenmerk steunpersoon"), max_length=20, unique=True)
    access_code_hash = models.CharField(max_length=200, editable=False)
    created_at = models.DateTimeField(_("uitgenodigd op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("steunpersoon")
        verbose_name_plural = _("steunpersonen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.public_id

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SignInLink(models.Model):
    """A one-time sign-in link emailed to the reporter.

    The token is made only when the email is sent (by the task), so the queue never holds it; the
    table holds its SHA-256 hash. A link works once (`used_at`) and until `expires_at`.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    requested_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "requested_at"], name="signinlink_case_requested")]

    def __str__(self) -> str:
        return f"sign-in link {self.pk}"


class ReporterToken(models.Model):
    """A short-lived bearer token of the reporter API; only its SHA-256 hash is stored."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["case", "expires_at"], name="reportertoken_case_expires")]

    def __str__(self) -> str:
        return f"reporter token {self.pk}"
