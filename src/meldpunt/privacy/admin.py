from django.contrib import admin
from django.http import HttpRequest

from meldpunt.privacy.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only for everyone, superusers included: the log is written by the system alone."""

    list_display = (
        "sequence",
        "occurred_at",
        "actor_kind",
        "actor",
        "actor_ref",
        "action",
        "object_model",
        "object_pk",
    )
    list_filter = ("actor_kind",)
    search_fields = ("=action", "=object_pk", "=actor_ref")
    # The staff member of each row: one join instead of a query per row.
    list_select_related = ("actor",)
    # Counting a log of millions of rows on every page is slow and tells nobody anything.
    show_full_result_count = False
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
