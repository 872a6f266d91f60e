"""What the intake wizard keeps on the server while a visitor fills it in: files, and the claim on one submission.

The answers themselves live encrypted in the visitor's session (intake.progress). Files are too large
for a session row, which is rewritten on every request, so they wait here, encrypted, until the report
is sent; then they move into the case and these rows go. Rows of abandoned drafts are removed after a day.
"""

from django.db import models

from meldpunt.privacy.fields import EncryptedCharField


class Draft(models.Model):
    """One run through the wizard, known by the hash of a random token that only its session holds."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    # Set by the one request that may submit this draft: a second, simultaneous "Verstuur" finds it taken.
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The case the draft became; lets a simultaneous second request show the same confirmation.
    reference = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return f"draft {self.pk}"


class DraftUpload(models.Model):
    """A checked file (type read from its bytes, image metadata stripped) waiting for the report to be sent."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="uploads")
    filename = EncryptedCharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"draft upload {self.pk} ({self.content_type})"
