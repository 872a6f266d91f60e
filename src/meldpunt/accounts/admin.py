"""Staff accounts and their second-factor devices in the admin (administrators only, see admin_site).

The rule for every app's admin: the admin never edits workflow state. Case status, assignments,
deadlines and history change only through the named services (`case_assign`, `case_refer`, ...)
so their guards and history rows cannot be skipped; an app that shows such models here shows them
read-only, and case content is not shown at all (administrators have no access to it).

Here, saving a staff member goes through `staff_save`, which derives the admin flags from the role.
Secrets never show: not the TOTP key, not its QR code, not the recovery codes.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.models import User
from meldpunt.accounts.rules import check_role_and_board
from meldpunt.accounts.services import staff_save, staff_second_factor_reset, staff_unlock
from meldpunt.core.errors import MeldpuntError


class _RoleRulesMixin(forms.Form):
    """Role and board are checked together here, so the admin shows the error next to the field."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "role" in cleaned:
            try:
                check_role_and_board(role=cleaned["role"], has_board=cleaned.get("board") is not None)
            except MeldpuntError as exc:
                self.add_error(exc.field, exc.message)
        return cleaned


class StaffCreationForm(_RoleRulesMixin, UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "role", "board", "email", "first_name", "last_name")


class StaffChangeForm(_RoleRulesMixin, UserChangeForm):
    class Meta:
        model = User
        fields = ("username", "password", "role", "board", "email", "first_name", "last_name", "is_active")


@admin.register(User)
class StaffAdmin(UserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ["username", "role", "board", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    raw_id_fields = ["board"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Rol en toegang"), {"fields": ["role", "board", "is_active"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "role", "board", "email", "first_name", "last_name", "password1", "password2"],
            },
        ),
    ]
    actions = ["unlock", "reset_second_factor"]

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        staff_save(user=obj)

    @admin.action(description=_("Blokkering opheffen (na te veel mislukte pogingen)"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            staff_unlock(user=user, actor=_admin_user(request))
        self.message_user(
            request,
            ngettext("%(count)d account vrijgegeven.", "%(count)d accounts vrijgegeven.", queryset.count())
            % {"count": queryset.count()},
            messages.SUCCESS,
        )

    @admin.action(description=_("Tweede stap opnieuw laten instellen (telefoon kwijt)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            staff_second_factor_reset(user=user, actor=_admin_user(request))
        self.message_user(
            request,
            ngettext(
                "%(count)d medewerker stelt bij de volgende keer inloggen een nieuwe app in.",
                "%(count)d medewerkers stellen bij de volgende keer inloggen een nieuwe app in.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


def _admin_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the admin site admits only signed-in administrators
    return request.user


class _DeviceAdmin(admin.ModelAdmin):
    """Devices are made by the staff member at sign-in; here an administrator can only look and remove."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# django-otp's own admins show the TOTP key, a QR code and the recovery codes: replace them.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
admin.site.register(TOTPDevice, _DeviceAdmin)
admin.site.register(StaticDevice, _DeviceAdmin)
