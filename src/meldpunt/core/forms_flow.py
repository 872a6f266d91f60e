"""The web side of "one POST → one service" that every back-office page shares.

A valid form runs one service. A refusal of the domain comes back as an error on the field it names (or
on the whole form); a missing right is a 403; a success redirects (post/redirect/get). These helpers know
no domain app: the view passes the service call, the success message, the address and the page to show.
"""

from collections.abc import Callable, Mapping
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from meldpunt.core import errors

T = TypeVar("T")


def refusal_to_form(
    form: forms.Form, refusal: errors.MeldpuntError, *, field_of_rule: Mapping[str, str] | None = None
) -> None:
    """A service's refusal as an error on the field it names, or on the whole form.

    `field_of_rule` renames a rule's field for a form that asks for it in other words.
    """
    field = refusal.field
    if field_of_rule is not None:
        field = field_of_rule.get(field or "", field)
    form.add_error(field if field in form.fields else None, refusal.message)


def _raise_for_web(refusal: errors.MeldpuntError, *, missing_is_404: bool) -> None:
    """A missing right is a 403; a missing thing is a 404 when the page says so."""
    if isinstance(refusal, errors.PermissionDenied):
        raise PermissionDenied from refusal
    if missing_is_404 and isinstance(refusal, errors.NotFound):
        raise Http404 from refusal


def service_read(fetch: Callable[[], T], *, missing_is_404: bool = True) -> T:
    """Run a selector (or a service); its PermissionDenied is a 403 and its NotFound a 404 (unless told not to).

    Any other refusal goes up unchanged.
    """
    try:
        return fetch()
    except errors.MeldpuntError as refusal:
        _raise_for_web(refusal, missing_is_404=missing_is_404)
        raise


def form_service_run(
    form: forms.Form,
    action: Callable[[], object],
    *,
    missing_is_404: bool = False,
    field_of_rule: Mapping[str, str] | None = None,
) -> bool:
    """Run one service for a valid form; a refusal becomes an error on the form. True when done."""
    if not form.is_valid():
        return False
    try:
        action()
    except errors.MeldpuntError as refusal:
        _raise_for_web(refusal, missing_is_404=missing_is_404)
        refusal_to_form(form, refusal, field_of_rule=field_of_rule)
        return False
    return True


def form_service_flow(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[], object],
    *,
    done: str,
    success_url: str,
    on_invalid: Callable[[forms.Form], HttpResponse],
    missing_is_404: bool = False,
) -> HttpResponse:
    """The whole POST: run the service, then redirect with `done`, or show `on_invalid(form)` with its errors."""
    if form_service_run(form, action, missing_is_404=missing_is_404):
        messages.success(request, done)
        return redirect(success_url)
    return on_invalid(form)


def service_run_with_message(
    request: HttpRequest, action: Callable[[], object], *, done: str, missing_is_404: bool = False
) -> bool:
    """Run one service for a POST without a form; a refusal or `done` comes back as a message. True when done."""
    try:
        action()
    except errors.MeldpuntError as refusal:
        _raise_for_web(refusal, missing_is_404=missing_is_404)
        messages.error(request, refusal.message)
        return False
    messages.success(request, done)
    return True
