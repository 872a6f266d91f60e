from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.privacy.actors import ACTOR_REF_MAX_LENGTH, ActorKind
from meldpunt.privacy.chain import GENESIS_HASH
from meldpunt.privacy.fields import EncryptedTextField

# The known plaintext of every key check.
KEY_CHECK_CANARY = "meldpunt-key-check"


class KeyCheck(models.Model):
    """A known value, encrypted when a key became the current key.

    The `privacy` database check decrypts every row with the configured keys: it catches a key id
    that now holds other key bytes (a mis-pasted key) and a key removed while values still use it,
    before the application writes anything under the wrong key. `encryption_rotate` re-encrypts these
    rows like any other value, so they keep using the same keys as the data.
    """

    key_id = models.CharField(_("sleutel-id"), max_length=32, unique=True, editable=False)
    canary = EncryptedTextField(_("controlewaarde"), editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("sleutelcontrole")
        verbose_name_plural = _("sleutelcontroles")

    def __str__(self) -> str:
        return self.key_id


class AppendOnlyError(MeldpuntError):
    """Something tried to change or remove an audit entry."""

    def __init__(self) -> None:
        super().__init__(str(_("Het auditlog kan alleen worden aangevuld, niet gewijzigd of verwijderd.")))


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def delete(self) -> NoReturn:
        raise AppendOnlyError


class AuditEntry(models.Model):
    """One event in the append-only, hash-chained audit log: who did what to which object, when and why.

    Written only by `privacy.services.audit_record`. Append-only three ways: `save()` of an existing
    row and `delete()` raise AppendOnlyError, so do the queryset's `update()` and `delete()`, and
    database triggers (migration 0002) refuse UPDATE and DELETE. On SQLite a migration that rebuilds
    this table drops those triggers: such a migration must create them again (a test guards this).
    `details` holds small structured facts (codes, counts, ids), never case text or identities.
    """

    sequence = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    occurred_at = models.DateTimeField(_("tijdstip"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        # An account with audit entries is deactivated, never deleted: the log refers to it.
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    actor_kind = models.CharField(_("soort actor"), max_length=20, choices=ActorKind.choices, editable=False)
    actor_ref = models.CharField(_("kenmerk actor"), max_length=ACTOR_REF_MAX_LENGTH, blank=True, editable=False)
    action = models.CharField(_("handeling"), max_length=64, editable=False)
    object_app_label = models.CharField(_("app van het object"), max_length=100, blank=True, editable=False)
    object_model = models.CharField(_("soort object"), max_length=100, blank=True, editable=False)
    object_pk = models.CharField(_("id van het object"), max_length=64, blank=True, editable=False)
    reason = models.CharField(_("reden"), max_length=500, blank=True, editable=False)
    details = models.JSONField(_("gegevens"), default=dict, blank=True, editable=False)
    previous_hash = models.CharField(_("hash van de vorige regel"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["sequence"]
        # Internal code (related deletes, admin actions) uses this manager too, so it cannot bypass the refusal.
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["object_app_label", "object_model", "object_pk", "sequence"], name="audit_object"),
            models.Index(fields=["actor", "sequence"], name="audit_actor"),
            models.Index(fields=["actor_kind", "actor_ref", "sequence"], name="audit_actor_ref"),
        ]
        constraints = [
            models.CheckConstraint(name="audit_sequence_positive", condition=Q(sequence__gte=1)),
            models.CheckConstraint(
                name="audit_staff_has_account", condition=~Q(actor_kind=ActorKind.STAFF) | Q(actor__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    @staticmethod
    def object_identity(obj: models.Model) -> tuple[str, str, str]:
        """App label, model name and primary key that name `obj` in the log; a proxy counts as its concrete model."""
        opts = (obj._meta.concrete_model or type(obj))._meta
        return opts.app_label, opts.model_name or "", str(obj.pk)


class AuditChainHead(models.Model):
    """The end of the audit chain, in one row.

    Every append locks this row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
    serialise writers already), so two appends can never chain to the same entry. Verification also
    compares the last entry with it, which reveals entries removed from the end of the log.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    last_sequence = models.PositiveBigIntegerField(default=0, editable=False)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH, editable=False)
    last_occurred_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("einde van het auditlog")
        verbose_name_plural = _("einde van het auditlog")
        constraints = [models.CheckConstraint(name="audit_chain_head_singleton", condition=Q(id=1))]

    def __str__(self) -> str:
        return f"#{self.last_sequence}"
