"""Model fields whose values are encrypted at rest (AES-256-GCM, see privacy.crypto and ADR 0004).

Every field stores a text token in a text column, the same on SQLite and PostgreSQL. Values are
encrypted as they are written and decrypted as they are read; Python code sees plaintext.

- `None` is stored as SQL NULL (set `null=True` to allow it). Every other value, the empty string
  included, is encrypted: a raw "" in the column would be a value nobody wrote, and it fails to read.
- A ciphertext is bound to "<app label>.<Model>.<field>". Renaming the model or field makes stored
  values unreadable unless the field keeps its old name through `encryption_context="app.Model.field"`.
- The database cannot compare ciphertexts, so the only lookup is `isnull`; any other lookup raises
  EncryptedLookupError. Ordering by an encrypted field is meaningless (it sorts random bytes), and
  unique or indexed encrypted fields are refused by `manage.py check`.
- Serializers (`dumpdata`, fixtures) see plaintext, like all Python code: never dump a production database.
"""

import json
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldError, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Lookup, Transform
from django.forms import Field as FormField
from django.forms import JSONField as JSONFormField
from django.utils.translation import gettext_lazy as _

from meldpunt.privacy.crypto import DecryptionError, decrypt_token, encrypt_token

ALLOWED_LOOKUPS = frozenset({"isnull"})
# The name under which code that handles ciphertexts (rotation, key checks) selects a stored token.
CIPHERTEXT_ALIAS = "privacy_ciphertext"


class EncryptedLookupError(FieldError):
    """A query tried to filter on an encrypted field, which the database cannot read."""


class EncryptedFieldMixin(models.Field):
    """Encrypts on the way into the database and decrypts on the way out. Not a field by itself."""

    def __init__(self, *args: Any, encryption_context: str | None = None, **kwargs: Any) -> None:
        self.encryption_context = encryption_context
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.encryption_context is not None:
            kwargs["encryption_context"] = self.encryption_context
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        # A token is longer than its plaintext, so every encrypted field is a text column.
        return "TextField"

    @property
    def location(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    @property
    def associated_data(self) -> bytes:
        return (self.encryption_context or self.location).encode("utf-8")

    def plaintext_from_value(self, value: Any) -> str:
        return str(self.to_python(value))

    def value_from_plaintext(self, plaintext: str) -> Any:
        return plaintext

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        if value is None:
            return None
        return encrypt_token(self.plaintext_from_value(value).encode("utf-8"), associated_data=self.associated_data)

    def from_db_value(self, value: str | None, expression: object, connection: BaseDatabaseWrapper) -> Any:
        if value is None:
            return None
        try:
            plaintext = decrypt_token(value, associated_data=self.associated_data)
        except DecryptionError as exc:
            raise DecryptionError(f"Cannot decrypt {self.location}: {exc}.") from exc
        return self.value_from_plaintext(plaintext.decode("utf-8"))

    def _refuse_lookup(self, lookup_name: str) -> EncryptedLookupError:
        return EncryptedLookupError(
            f"{self.location} is encrypted, so the database cannot filter on it ('{lookup_name}'); "
            "only 'isnull' works. Filter on another field, or select the rows and compare in Python."
        )

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name not in ALLOWED_LOOKUPS:
            raise self._refuse_lookup(lookup_name)
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise self._refuse_lookup(lookup_name)

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or self.primary_key:
            errors.append(
                checks.Error(
                    "An encrypted field cannot be unique or a primary key: equal values encrypt differently.",
                    obj=self,
                    id="privacy.E010",
                )
            )
        if getattr(self, "db_index", False):
            errors.append(
                checks.Error(
                    "An encrypted field cannot be indexed: its values are random.", obj=self, id="privacy.E011"
                )
            )
        ordering = [item for item in self.model._meta.ordering or () if isinstance(item, str)]
        if self.name in (item.lstrip("-") for item in ordering):
            errors.append(checks.Error("A model cannot be ordered by an encrypted field.", obj=self, id="privacy.E012"))
        return errors


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """Free text, encrypted."""


class EncryptedCharField(EncryptedFieldMixin, models.CharField):
    """Short text, encrypted; `max_length` limits the plaintext (the column is text)."""


class EncryptedEmailField(EncryptedFieldMixin, models.EmailField):
    """An email address, validated as one and encrypted."""


class EncryptedJSONField(EncryptedFieldMixin, models.Field):
    """A JSON-serialisable value, serialised and then encrypted.

    Python `None` is SQL NULL: a JSON null cannot be stored apart from "no value".
    """

    empty_strings_allowed = False
    default_error_messages = {"invalid": _("De waarde moet geldige JSON zijn.")}

    def plaintext_from_value(self, value: Any) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def value_from_plaintext(self, plaintext: str) -> Any:
        return json.loads(plaintext)

    def value_to_string(self, obj: models.Model) -> Any:
        # Serializers (dumpdata, fixtures) take the JSON value itself, as for Django's JSONField.
        return self.value_from_object(obj)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        try:
            self.plaintext_from_value(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def formfield(self, **kwargs: Any) -> FormField | None:
        return super().formfield(**{"form_class": JSONFormField, "encoder": DjangoJSONEncoder, **kwargs})


def stored_token(field: EncryptedFieldMixin) -> models.ExpressionWrapper:
    """The column as stored (the token, not decrypted), for code that handles ciphertexts: rotation."""
    return models.ExpressionWrapper(models.F(field.attname), output_field=models.TextField())


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedFieldMixin]]:
    """Every encrypted field of every installed model, each once (a parent's field under the parent)."""
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedFieldMixin):
                yield model, field
