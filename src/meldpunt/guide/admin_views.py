"""The administrators' pages of the guide at /beheer/wegwijzer/: the decision table in words, the editor with
a preview, the version history and restoring an earlier version. Only for `Action.CONFIG_EDIT`."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meldpunt.accounts.decorators import staff_of, staff_required
from meldpunt.accounts.permissions import Action
from meldpunt.core.errors import MeldpuntError, NotFound
from meldpunt.guide.display import advice_view, question_rows, rule_rows, steps_view
from meldpunt.guide.forms import PathForm, TableEditForm
from meldpunt.guide.rules import (
    MAX_PATHS,
    NEXT_STEP_CODES,
    Problem,
    Table,
    TableInvalid,
    advise,
    answers_clean,
    first_unanswered,
    path_bound,
    rule_usage,
    table_load,
    table_validate,
)
from meldpunt.guide.selectors import (
    decision_table_current,
    decision_table_version_get,
    decision_table_versions,
    guide_organisations,
    shipped_table_content,
)
from meldpunt.guide.services import DecisionTableInvalid, decision_table_restore, decision_table_save


def _language() -> str:
    return "en" if get_language() == "en" else "nl"


def _table_context(table: Table) -> dict[str, Any]:
    language = _language()
    usage = rule_usage(table) if path_bound(table) <= MAX_PATHS else {}
    return {
        "questions": question_rows(table, language),
        "steps": steps_view(table, language),
        "rules": rule_rows(table, usage, language),
        "paths": sum(usage.values()),
    }


@never_cache
@require_safe
@staff_required(action=Action.CONFIG_EDIT)
def overview(request: HttpRequest) -> HttpResponse:
    """The table in use, in words: questions, steps and rules in order, with how many paths end in each rule."""
    current = decision_table_current()
    return render(request, "guide/admin/overview.html", {"version": current.version, **_table_context(current.table)})


def _preview(table: Table, path_form: PathForm) -> dict[str, Any]:
    """The advice the draft gives for the path chosen in the preview, or the question still to answer."""
    path_form.is_valid()  # answers to questions the draft no longer has are left out by answers()
    answers = answers_clean(table, path_form.answers())
    missing = first_unanswered(table, answers)
    if missing is not None:
        return {"preview_missing": missing.text.get(_language())}
    advice = advise(table, answers)
    organisations = guide_organisations(query=advice.organisations)
    return {"preview_advice": advice_view(table, advice, organisations, _language())}


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(action=Action.CONFIG_EDIT)
def edit(request: HttpRequest) -> HttpResponse:
    """Edit the table as JSON. "Voorbeeld" checks the draft and shows the advice for a chosen path;
    "Opslaan" saves a checked draft as the new current version."""
    user = staff_of(request)
    current = decision_table_current()
    if request.method == "GET":
        content = current.version.content if current.version else shipped_table_content()
        form = TableEditForm(initial={"content": json.dumps(content, ensure_ascii=False, indent=2)})
        path_form = PathForm(table=current.table, language=_language())
        start = {"form": form, "path_form": path_form, "problems": [], "step_codes": ", ".join(NEXT_STEP_CODES)}
        return render(request, "guide/admin/edit.html", start)
    form = TableEditForm(request.POST)
    problems: list[Problem] = []
    draft: Table | None = None
    context: dict[str, Any] = {}
    if form.is_valid():
        content = form.cleaned_data["content"]
        draft, problems = table_validate(content)
        if "save" in request.POST and not problems:
            try:
                version = decision_table_save(actor=user, content=content, note=form.cleaned_data["note"])
            except DecisionTableInvalid as invalid:
                problems = invalid.problems
            except MeldpuntError as refused:
                form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            else:
                messages.success(
                    request, _("Versie %(number)d is opgeslagen en in gebruik.") % {"number": version.number}
                )
                return redirect("guide_admin:overview")
    path_form = PathForm(request.POST, table=draft or current.table, language=_language())
    if draft is not None and "preview" in request.POST:
        context.update(_preview(draft, path_form))
    return render(
        request,
        "guide/admin/edit.html",
        {
            **context,
            "form": form,
            "path_form": path_form,
            "problems": problems,
            "checked": draft is not None,
            "step_codes": ", ".join(NEXT_STEP_CODES),
        },
        status=400 if (problems or form.errors) and "save" in request.POST else 200,
    )


@never_cache
@require_safe
@staff_required(action=Action.CONFIG_EDIT)
def history(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/admin/history.html", {"versions": decision_table_versions(viewer=staff_of(request))})


@never_cache
@require_safe
@staff_required(action=Action.CONFIG_EDIT)
def version(request: HttpRequest, number: int) -> HttpResponse:
    try:
        found = decision_table_version_get(viewer=staff_of(request), number=number)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    try:
        table_context = _table_context(table_load(found.content))
    except TableInvalid:
        # An old version this release can no longer read is still shown, as its JSON.
        table_context = {"unreadable": True}
    content = json.dumps(found.content, ensure_ascii=False, indent=2)
    return render(request, "guide/admin/version.html", {"version": found, "content": content, **table_context})


@never_cache
@require_POST
@staff_required(action=Action.CONFIG_EDIT)
def restore(request: HttpRequest, number: int) -> HttpResponse:
    """Make an earlier version current again (as a new version with the same content)."""
    try:
        restored = decision_table_restore(actor=staff_of(request), number=number)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    except DecisionTableInvalid as invalid:
        messages.error(request, "; ".join([invalid.message, *(str(problem) for problem in invalid.problems[:3])]))
        return redirect("guide_admin:history")
    except MeldpuntError as refused:
        messages.error(request, refused.message)
        return redirect("guide_admin:history")
    messages.success(
        request,
        _("Versie %(old)d is teruggezet als versie %(new)d en is nu in gebruik.")
        % {"old": number, "new": restored.number},
    )
    return redirect("guide_admin:overview")
