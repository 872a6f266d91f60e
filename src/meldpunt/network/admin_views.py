"""The administrators' pages for the directory: the list of every organisation, add one, edit one.

Only administrators (Action.CONTENT_EDIT) come here; every change is written to the audit log by
the services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.permissions import Action
from meldpunt.core import errors
from meldpunt.network.forms import OrganisationForm
from meldpunt.network.models import Organisation
from meldpunt.network.selectors import organisation_for_admin_get, organisations_for_admin
from meldpunt.network.services import organisation_create, organisation_update


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    try:
        return organisation_for_admin_get(viewer=staff_of(request), slug=slug)
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _form_error(form: OrganisationForm, error: errors.MeldpuntError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for_admin(viewer=staff_of(request))
    return render(request, "network/admin/list.html", {"organisations": organisations})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_add(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST if request.method == "POST" else None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(actor=staff_of(request), values=form.values())
        except errors.MeldpuntError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(name)s is toegevoegd.") % {"name": organisation.name})
            return redirect("network_admin:list")
    return render(request, "network/admin/form.html", {"form": form, "organisation": None})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, initial=OrganisationForm.initial_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = organisation_update(actor=staff_of(request), organisation=organisation, values=form.values())
        except errors.MeldpuntError as error:
            _form_error(form, error)
        else:
            if changed:
                messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": form.values().name})
            else:
                messages.info(request, _("Er was niets veranderd."))
            return redirect("network_admin:list")
    return render(request, "network/admin/form.html", {"form": form, "organisation": organisation})
