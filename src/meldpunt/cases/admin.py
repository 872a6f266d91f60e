"""Case types and their terms are configured here by administrators; cases and their history are shown read-only.

The admin never edits workflow state (see accounts/admin.py): status, events, assignment and history
change only through the named services, whose guards, status rows and audit entries cannot be skipped
here. Administrators have no access to case content, so no description, contact details, reasons or
messages are shown: only what identifies a case and where it stands.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from meldpunt.cases.models import Case, CaseType, StatusChange, Term

CASE_FIELDS: tuple[str, ...] = (
    "reference",
    "status",
    "case_type",
    "received_at",
    "assigned_handler",
    "sector",
    "region",
    "priority",
    "next_due_on",
    "next_due_code",
    "closed_at",
)
STATUS_CHANGE_FIELDS: tuple[str, ...] = ("case", "from_status", "to_status", "at", "by")


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ["code", "amount", "unit", "max_extension", "suspendable"]


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    """Changing a term moves the deadlines of the running cases of this type: they are derived, never stored."""

    list_display = ["name", "code", "is_default"]
    fields = ["name", "code", "is_default"]
    inlines = [TermInline]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(_ReadOnlyAdmin):
    list_display = ["reference", "status", "received_at", "case_type", "sector", "region", "next_due_on"]
    list_filter = ["status", "case_type", "sector"]
    search_fields = ["reference"]
    list_select_related = ["case_type"]
    # Only what says where a case stands; nothing the reporter wrote or who they are.
    fields = CASE_FIELDS
    readonly_fields = CASE_FIELDS


@admin.register(StatusChange)
class StatusChangeAdmin(_ReadOnlyAdmin):
    list_display = ["case", "from_status", "to_status", "at", "by"]
    list_filter = ["to_status"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "by"]
    # The reason is case text: not shown.
    fields = STATUS_CHANGE_FIELDS
    readonly_fields = STATUS_CHANGE_FIELDS
