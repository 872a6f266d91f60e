from django.db import models

from meldpunt.privacy.fields import EncryptedCharField, EncryptedEmailField, EncryptedJSONField, EncryptedTextField


class Sample(models.Model):
    """One column per encrypted field type, plus a plain column to filter on."""

    label = models.CharField(max_length=20, blank=True)
    text = EncryptedTextField(null=True, blank=True)
    char = EncryptedCharField(max_length=20, blank=True, default="")
    email = EncryptedEmailField(null=True, blank=True)
    data = EncryptedJSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.label
