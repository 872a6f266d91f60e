"""DUO is the source of schools, so the admin shows them read-only; only a board's name can be filled in.

DUO's address files carry the board number but not its name, so an administrator may add the name.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from meldpunt.schools.models import Board, School


class _FromDuoAdmin(admin.ModelAdmin):
    """Rows come and go only through `schools_import`, never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Board)
class BoardAdmin(_FromDuoAdmin):
    list_display = ["number", "name"]
    search_fields = ["number", "name"]
    fields = ["number", "name", "created_at", "updated_at"]
    readonly_fields = ["number", "created_at", "updated_at"]


@admin.register(School)
class SchoolAdmin(_FromDuoAdmin):
    list_display = ["code", "name", "place", "sector", "kind", "active"]
    list_filter = ["active", "sector", "duo_list", "province", "holiday_region"]
    search_fields = ["code", "institution_code", "name", "place", "municipality"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The change page stays viewable (view permission); nothing on it can be saved.
        return False
