"""What the back-office pages of a case share: the case behind the URL, and the address of a page about it."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from meldpunt.accounts.decorators import staff_of
from meldpunt.accounts.permissions import Action, may
from meldpunt.cases.models import Case
from meldpunt.cases.selectors import case_for_staff_get
from meldpunt.core.forms_flow import service_read


def case_for_staff(request: HttpRequest, reference: str, *, action: Action | None = None) -> Case:
    """The case behind the URL for this staff member: 404 when there is none, 403 when they may not see it
    (or, with `action`, may not do that on it)."""
    case = service_read(lambda: case_for_staff_get(reference=reference, user=staff_of(request)))
    if action is not None and not may(request.user, action, case):
        raise PermissionDenied
    return case


def case_page_url(name: str, case: Case, anchor: str = "") -> str:
    """The address of the case page `name` (a URL name like "cases:case"), with an optional anchor."""
    return reverse(name, kwargs={"reference": case.reference}) + (f"#{anchor}" if anchor else "")
