"""The work queue, assignment, the priority override, saved filters and handlers' board ties (back office).

Every page is for signed-in staff (`staff_required`); which cases a page shows or changes is the
permission layer's decision, taken in the selectors and services. The queue is a GET form, so it
works without JavaScript and a filtered view can be bookmarked or saved; its addresses hold filter
codes and the case reference, never personal data.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, may
from meldpunt.cases.constants import BoardLinkKind, Category, Status
from meldpunt.cases.models import Case
from meldpunt.cases.queue import (
    REGIONS,
    Assigned,
    QueueRequest,
    Sort,
    filters_query,
    page_query,
    queue_request_parse,
)
from meldpunt.cases.queue_forms import AssignForm, BoardLinkForm, PriorityForm, SavedFilterForm
from meldpunt.cases.selectors import (
    QueueScope,
    board_links_of,
    case_assign_options,
    case_for_staff_get,
    case_queue,
    case_queue_scope,
    saved_filters_of,
    staff_may_hold_cases,
)
from meldpunt.cases.services import (
    board_link_declare,
    board_link_remove,
    case_assign,
    case_priority_override,
    case_priority_override_clear,
    case_triage_facts,
    saved_filter_delete,
    saved_filter_save,
)
from meldpunt.cases.triage import triage
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core import errors
from meldpunt.schools.constants import Sector
from meldpunt.schools.selectors import school_search

PAGE_SIZE = 25
SCHOOL_RESULTS = 10


def _scope(user: User) -> QueueScope:
    try:
        return case_queue_scope(viewer=user)
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _case(request: HttpRequest, reference: str) -> Case:
    try:
        return case_for_staff_get(reference=reference, user=staff_of(request))
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused


def _filter_options(queue_request: QueueRequest) -> dict[str, Any]:
    """The choices of the filter form, with the current value of each."""
    filters = queue_request.filters
    return {
        "statuses": [(status.value, status.label) for status in Status],
        "categories": [(category.value, category.label) for category in Category],
        "sectors": [(sector.value, sector.label) for sector in Sector],
        "regions": [(region, region) for region in REGIONS],
        "assigned_choices": [
            (Assigned.ANY.value, _("Alle zaken")),
            (Assigned.NO.value, _("Zonder behandelaar")),
            (Assigned.YES.value, _("Met behandelaar")),
            (Assigned.ME.value, _("Aan mij toegewezen")),
        ],
        "sorts": [(Sort.PRIORITY.value, _("Prioriteit")), (Sort.DEADLINE.value, _("Eerstvolgende termijn"))],
        "filters": filters,
        "sort": queue_request.sort.value,
        "due_within": "" if filters.due_within_days is None else str(filters.due_within_days),
    }


def _queue_page(request: HttpRequest, params: QueryDict, *, saved_form: SavedFilterForm | None = None) -> HttpResponse:
    user = staff_of(request)
    scope = _scope(user)
    queue_request = queue_request_parse(params)
    filters, sort = queue_request.filters, queue_request.sort
    page = case_queue(viewer=user, filters=filters, sort=sort, page=queue_request.page, page_size=PAGE_SIZE)
    current = filters_query(filters, sort)
    context = {
        "page": page,
        "coordinator": scope is QueueScope.ALL,
        "can_assign": may(user, Action.CASE_ASSIGN),
        "open_states": OPEN_STATES,
        "current_query": current,
        "next_query": page_query(filters, sort, after=page.next_cursor, number=page.number + 1)
        if page.next_cursor
        else None,
        "previous_query": page_query(filters, sort, before=page.previous_cursor, number=page.number - 1)
        if page.previous_cursor
        else None,
        "first_query": current if page.number > 1 else None,
        "saved_filters": saved_filters_of(owner=user),
        "saved_form": saved_form or SavedFilterForm(initial={"query": current}),
        **_filter_options(queue_request),
    }
    return render(request, "cases/queue/queue.html", context, status=400 if saved_form and saved_form.errors else 200)


@never_cache
@require_GET
@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """Coordinators: the triage queue of all open cases. Handlers: their own cases."""
    return _queue_page(request, request.GET)


@never_cache
@require_POST
@staff_required
def saved_filter_save_view(request: HttpRequest) -> HttpResponse:
    user = staff_of(request)
    _scope(user)
    form = SavedFilterForm(request.POST)
    query = QueryDict(request.POST.get("query", "")[:500])
    if form.is_valid():
        try:
            saved = saved_filter_save(owner=user, name=form.cleaned_data["name"], query=form.cleaned_data["query"])
        except errors.MeldpuntError as refusal:
            form.add_error("name" if refusal.field == "name" else None, refusal.message)
        else:
            messages.success(request, _("Het filter ‘%(name)s’ is bewaard.") % {"name": saved.name})
            return redirect(f"{reverse('cases:queue')}?{saved.query}" if saved.query else reverse("cases:queue"))
    return _queue_page(request, query, saved_form=form)


@never_cache
@require_POST
@staff_required
def saved_filter_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_of(request)
    _scope(user)
    try:
        saved_filter_delete(owner=user, saved_filter_id=pk)
    except errors.NotFound as missing:
        raise Http404 from missing
    messages.success(request, _("Het filter is verwijderd."))
    return redirect("cases:queue")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(action=Action.CASE_ASSIGN)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    """Choose a handler for the case; conflicted ones are shown with the reason they cannot have it."""
    user = staff_of(request)
    case = _case(request, reference)
    options = case_assign_options(case=case)
    form = AssignForm(options, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        chosen = next(option.handler for option in options if option.handler.pk == form.cleaned_data["handler"])
        try:
            case_assign(case=case, coordinator=user, handler=chosen, reason=form.cleaned_data["reason"])
        except errors.MeldpuntError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            name = chosen.get_full_name() or chosen.get_username()
            messages.success(
                request,
                _("Zaak %(reference)s is toegewezen aan %(name)s.") % {"reference": case.reference, "name": name},
            )
            return redirect("cases:queue")
    return render(
        request,
        "cases/queue/assign.html",
        {
            "case": case,
            "form": form,
            "options": options,
            "is_open": case.status in OPEN_STATES,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(action=Action.CASE_ASSIGN)
def priority(request: HttpRequest, reference: str) -> HttpResponse:
    """The triage score with its factors, and the coordinator's override with its reason."""
    user = staff_of(request)
    case = _case(request, reference)
    if request.method == "POST" and "clear" in request.POST:
        case_priority_override_clear(case=case, coordinator=user)
        messages.success(request, _("De prioriteit volgt weer de triage."))
        return redirect("cases:priority", reference=case.reference)
    form = PriorityForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            case_priority_override(
                case=case, coordinator=user, priority=form.cleaned_data["priority"], reason=form.cleaned_data["reason"]
            )
        except errors.MeldpuntError as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, _("De prioriteit is aangepast."))
            return redirect("cases:queue")
    return render(
        request,
        "cases/queue/priority.html",
        {
            "case": case,
            "form": form,
            "triage": triage(case_triage_facts(case=case, now=timezone.now())),
            "is_open": case.status in OPEN_STATES,
        },
        status=400 if form.errors else 200,
    )


def _board_links_allowed(user: User) -> None:
    if not staff_may_hold_cases(user=user):
        raise PermissionDenied


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def board_links(request: HttpRequest) -> HttpResponse:
    """A handler's declared ties to school boards: find a board by one of its schools, say what the tie is."""
    user = staff_of(request)
    _board_links_allowed(user)
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q", "")) or ""
    query = query.strip()[:100]
    form = BoardLinkForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            board_link_declare(handler=user, board=school.board, kind=form.cleaned_data["kind"])
        except errors.MeldpuntError as refusal:
            form.add_error("kind" if refusal.field == "kind" else None, refusal.message)
        else:
            messages.success(
                request, _("Uw band met het bestuur van %(school)s is vastgelegd.") % {"school": school.name}
            )
            return redirect("cases:board_links")
    return render(
        request,
        "cases/queue/board_links.html",
        {
            "links": board_links_of(handler=user),
            "query": query,
            "schools": school_search(query=query, limit=SCHOOL_RESULTS) if query else [],
            "form": form,
            "kinds": BoardLinkKind.choices,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_POST
@staff_required
def board_link_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_of(request)
    _board_links_allowed(user)
    try:
        board_link_remove(handler=user, link_id=pk)
    except errors.NotFound as missing:
        raise Http404 from missing
    messages.success(request, _("De band is verwijderd."))
    return redirect("cases:board_links")


urlpatterns: list[URLPattern] = [
    path("", queue, name="queue"),
    path("filters/opslaan", saved_filter_save_view, name="saved_filter_save"),
    path("filters/<int:pk>/verwijderen", saved_filter_delete_view, name="saved_filter_delete"),
    path("mijn-banden", board_links, name="board_links"),
    path("mijn-banden/<int:pk>/verwijderen", board_link_remove_view, name="board_link_remove"),
    path("zaken/<str:reference>/toewijzen", assign, name="assign"),
    path("zaken/<str:reference>/prioriteit", priority, name="priority"),
]
