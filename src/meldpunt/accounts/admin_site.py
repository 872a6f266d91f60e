"""The Django admin at /beheer/admin/, open only to administrators who passed the second factor.

Installed as the default admin site (`apps.StaffAdminConfig` in INSTALLED_APPS), so every app's
`admin.site.register(...)` lands here. The admin's own login form is never used: it would sign in
with a password alone. Anyone not fully signed in goes to the staff sign-in page; a signed-in
staff member of any other role gets 403.
"""

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from meldpunt.accounts.permissions import Action, is_signed_in_staff, may
from meldpunt.accounts.views import sign_out


class StaffAdminSite(AdminSite):
    site_header = _("Meldpunt beheer")
    site_title = _("Meldpunt beheer")
    index_title = _("Beheer")

    def has_permission(self, request: HttpRequest) -> bool:
        return may(request.user, Action.ADMIN_ACCESS)

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if is_signed_in_staff(request.user):
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), settings.LOGIN_URL)

    # The admin's sign-out button ends the whole staff session, logged like any sign-out.
    def logout(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:  # type: ignore[override]
        return sign_out(request)
