"""Base models shared by every app."""

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """Records who created and last changed a row; the audit log records the details."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        abstract = True


class ThrottleHit(models.Model):
    """One counted attempt (a failed sign-in, an accepted report) for a scope and a hashed key.

    Kept in the database so every stateless app server sees the same counts; keys are hashed so no
    address or reference is stored in the clear.
    """

    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key_hash", "at"], name="throttle_lookup")]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"
