"""The editor for information pages: list, new page, edit with preview, history, restore an old version.

Only administrators (Action.CONTENT_EDIT). Saving adds a version; the B1 readability hints of the
Dutch text are shown after saving and never stop a save.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.permissions import Action
from meldpunt.content.forms import PageCreateForm, PageForm
from meldpunt.content.models import Page, PageVersion
from meldpunt.content.readability import readability_hint
from meldpunt.content.rendering import markdown_to_text
from meldpunt.content.selectors import page_for_editor_get, page_version_get, page_versions, pages_for_editor
from meldpunt.content.services import PageText, page_create, page_version_add, page_version_restore
from meldpunt.core import errors

PREVIEW = "preview"


def _page(request: HttpRequest, slug: str) -> Page:
    try:
        return page_for_editor_get(viewer=staff_of(request), slug=slug)
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _version(request: HttpRequest, page: Page, number: int) -> PageVersion:
    try:
        return page_version_get(viewer=staff_of(request), page=page, number=number)
    except errors.NotFound as missing:
        raise Http404 from missing


def _form_error(form: PageForm, error: errors.MeldpuntError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _hints(request: HttpRequest, text: PageText) -> None:
    for hint in readability_hint(markdown_to_text(f"{text.title_nl}\n\n{text.body_nl}")):
        messages.warning(request, _("Taalniveau B1: %(hint)s") % {"hint": hint})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_safe
def page_list(request: HttpRequest) -> HttpResponse:
    return render(request, "content/admin/list.html", {"pages": pages_for_editor(viewer=staff_of(request))})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def page_add(request: HttpRequest) -> HttpResponse:
    form = PageCreateForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == PREVIEW:
            preview = form.text()
        else:
            try:
                page = page_create(
                    actor=staff_of(request),
                    slug=form.cleaned_data["slug"],
                    text=form.text(),
                    note=form.cleaned_data["note"],
                )
            except errors.MeldpuntError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("De pagina is gemaakt."))
                _hints(request, form.text())
                return redirect("content_admin:history", slug=page.slug)
    return render(request, "content/admin/edit.html", {"form": form, "page": None, "preview": preview})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(request, slug)
    current = page.current
    initial: dict[str, object] = {"based_on": current.number if current else 0}
    if current is not None:
        initial.update(
            title_nl=current.title_nl, body_nl=current.body_nl, title_en=current.title_en, body_en=current.body_en
        )
    form = PageForm(request.POST if request.method == "POST" else None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == PREVIEW:
            preview = form.text()
        else:
            try:
                version = page_version_add(
                    actor=staff_of(request),
                    page=page,
                    text=form.text(),
                    based_on=form.cleaned_data["based_on"],
                    note=form.cleaned_data["note"],
                )
            except errors.MeldpuntError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Versie %(number)d is opgeslagen.") % {"number": version.number})
                _hints(request, form.text())
                return redirect("content_admin:history", slug=page.slug)
    return render(request, "content/admin/edit.html", {"form": form, "page": page, "preview": preview})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_safe
def page_history(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(request, slug)
    versions = page_versions(viewer=staff_of(request), page=page)
    return render(request, "content/admin/history.html", {"page": page, "versions": versions})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_safe
def page_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    page = _page(request, slug)
    version = _version(request, page, number)
    return render(request, "content/admin/version.html", {"page": page, "version": version})


@never_cache
@staff_required(action=Action.CONTENT_EDIT)
@require_POST
def page_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    page = _page(request, slug)
    try:
        version = page_version_restore(actor=staff_of(request), page=page, number=number)
    except errors.MeldpuntError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Versie %(old)d is teruggezet als versie %(new)d.") % {"old": number, "new": version.number},
        )
    return redirect("content_admin:history", slug=page.slug)
