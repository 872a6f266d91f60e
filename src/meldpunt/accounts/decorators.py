"""Every staff page goes through `staff_required`: signed in, active, second factor verified."""

from collections.abc import Callable
from functools import wraps
from typing import Any, overload

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, is_signed_in_staff, may

View = Callable[..., HttpResponse]


@overload
def staff_required(view: View, *, action: None = None) -> View: ...


@overload
def staff_required(view: None = None, *, action: Action | None = None) -> Callable[[View], View]: ...


def staff_required(view: View | None = None, *, action: Action | None = None) -> View | Callable[[View], View]:
    """`@staff_required` or `@staff_required(action=Action.STATS_VIEW)`.

    Anyone not fully signed in (including someone who only gave a password, or whose session
    expired) is sent to the sign-in page and comes back here afterwards. A signed-in staff member
    whose role does not allow `action` gets 403. Actions on one case are checked in the view or the
    service with the case at hand (`permissions.require`), not here.
    """

    def decorate(func: View) -> View:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_signed_in_staff(request.user):
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if action is not None and not may(request.user, action):
                raise PermissionDenied
            return func(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


class StaffRequiredMixin:
    """The same gate for class-based views; set `staff_action` to require an action as well."""

    staff_action: Action | None = None

    @classmethod
    def as_view(cls, **initkwargs: Any) -> View:
        view: View = super().as_view(**initkwargs)  # type: ignore[misc]
        return staff_required(action=cls.staff_action)(view)


def staff_of(request: HttpRequest) -> User:
    """The signed-in staff member of a view behind `staff_required` (which lets only them through)."""
    assert isinstance(request.user, User)
    return request.user
