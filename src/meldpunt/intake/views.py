"""The intake wizard at /melden/: one question per page, progress in the session, one report at the end.

Every page is a plain form that works without JavaScript and answers a POST with a redirect (PRG).
Nothing becomes a case until "Verstuur melding" on the check page; that request validates the
collected answers with `report_validate` and calls `report_submit` once per draft, however often the
button is pressed. URLs name the page, never an answer; titles hold no answer either.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meldpunt.cases.constants import Language
from meldpunt.cases.deadlines import RunningTerm, TermSpec, deadline_of, local_date
from meldpunt.cases.terms import ACKNOWLEDGEMENT, INTAKE_DECISION
from meldpunt.core.throttle import client_address, throttle_hit, throttle_retry_after
from meldpunt.intake import forms, wizard
from meldpunt.intake.attachments import MAX_FILE_BYTES, MAX_FILES, AttachmentRefused, attachment_check
from meldpunt.intake.drafts import (
    DraftFull,
    draft_attachments,
    draft_claim,
    draft_complete,
    draft_reference,
    draft_release,
    draft_release_stale,
    draft_upload_add,
    draft_upload_remove,
    draft_uploads,
)
from meldpunt.intake.limits import intake_limit
from meldpunt.intake.prefill import prefill_answers, progress_prefill
from meldpunt.intake.progress import (
    Confirmation,
    Progress,
    confirmation_load,
    confirmation_save,
    progress_clear,
    progress_load,
    progress_save,
)
from meldpunt.intake.selectors import intake_school_facts
from meldpunt.intake.services import report_submit
from meldpunt.intake.summary import summary_rows
from meldpunt.intake.texts import page_title, question_text
from meldpunt.intake.validation import report_validate
from meldpunt.schools.selectors import school_search

logger = logging.getLogger(__name__)

QUESTION_FORMS: dict[str, type[forms.StepForm]] = {
    "danger": forms.DangerForm,
    "role": forms.RoleForm,
    "sector": forms.SectorForm,
    "categories": forms.CategoriesForm,
    "description": forms.DescriptionForm,
    "started_on": forms.StartedOnForm,
    "steps_taken": forms.StepsTakenForm,
    "attendance": forms.AttendanceForm,
    "absent_since": forms.AbsentSinceForm,
    "accused_is_staff": forms.StaffForm,
    "share_identity": forms.ShareIdentityForm,
    "consent_referral": forms.ReferralForm,
    "contact": forms.ContactForm,
}
# A page of search results a person can scan; past that, typing more is quicker than scrolling.
SCHOOLS_SHOWN = 10
# How long a second, simultaneous "Verstuur melding" waits for the first one to finish.
CLAIM_WAIT_SECONDS = 15.0
# A claim older than this without a case belongs to a request that died; it may be taken again.
STALE_CLAIM = dt.timedelta(minutes=2)
NEXT_TERMS = (ACKNOWLEDGEMENT, INTAKE_DECISION)


def _today() -> dt.date:
    return local_date(timezone.now())


def _step_url(name: str | None) -> str:
    return reverse(f"intake:{name}") if name else reverse("intake:start")


def _go(name: str) -> HttpResponseRedirect:
    return redirect(_step_url(name))


def _first_open(progress: Progress) -> HttpResponseRedirect:
    return _go(wizard.first_unanswered(progress.answers) or wizard.CHECK)


def _context(name: str, progress: Progress, **extra: Any) -> dict[str, Any]:
    answers = progress.answers
    errors = extra.get("errors") or []
    question = question_text(name, answers)
    return {
        "question": question,
        "page_title": page_title(question),
        "has_errors": bool(errors),
        "back_url": _step_url(wizard.previous(name, answers)),
        "pupil": wizard.is_pupil(answers),
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
        **extra,
    }


def _load(session: SessionBase) -> Progress:
    return progress_load(session) or Progress()


def _expired(request: HttpRequest, name: str) -> bool:
    """A page after the first was sent without any progress: the session ran out (or was cleared)."""
    expired = progress_load(request.session) is None and name != wizard.STEPS[0].name
    if expired:
        messages.warning(
            request,
            _(
                "Uw antwoorden waren gewist, omdat u %(minutes)s minuten niets had gedaan. "
                "Uw laatste antwoord is bewaard. Vul de andere vragen opnieuw in."
            )
            % {"minutes": settings.SESSION_COOKIE_AGE // 60},
        )
    return expired


def _advance(request: HttpRequest, name: str, progress: Progress) -> HttpResponseRedirect:
    progress_save(request.session, progress)
    interstitial = wizard.interstitial_after(name, progress.answers)
    return _go(interstitial or wizard.following(name, progress.answers, checking=progress.checking))


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "intake/start.html",
        {
            "page_title": page_title(_("Melding maken"), with_suffix=False),
            "session_minutes": settings.SESSION_COOKIE_AGE // 60,
            "first_step_url": _step_url(wizard.STEPS[0].name),
        },
    )


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, name: str) -> HttpResponse:
    """Every page that asks one question with a plain form (all but the school and the files)."""
    form_class = QUESTION_FORMS[name]
    expired = request.method == "POST" and _expired(request, name)
    progress = _load(request.session)
    if not expired and not wizard.may_visit(name, progress.answers):
        return _first_open(progress)
    if request.method == "POST":
        form = form_class(request.POST, answers=progress.answers, today=_today())
        if form.is_valid():
            progress.answers.update(form.to_answers())
            for key in form.forget():
                progress.answers.pop(key, None)
            if expired:
                progress_save(request.session, progress)
                return _first_open(progress)
            return _advance(request, name, progress)
    else:
        form = form_class(answers=progress.answers, today=_today())
    return render(
        request,
        f"intake/steps/{name}.html",
        _context(name, progress, form=form, errors=form.summary_errors() if form.is_bound else []),
    )


def _school_choices(progress: Progress, posted: str | None = None) -> list[Any]:
    """The schools found for the current search, with the chosen school kept in view.

    A school chosen from the results that intake.js showed while typing was never searched on the
    server; any open school of the registry is a valid choice, so the posted one is looked up too.
    """
    found = school_search(query=progress.school_query, limit=SCHOOLS_SHOWN) if progress.school_query else []
    for code in (progress.answers.get("school"), posted):
        if code and all(school.code != code for school in found):
            kept = forms.school_by_code(code)
            found = ([kept] if kept else []) + found
    return found


@require_http_methods(["GET", "POST"])
def school(request: HttpRequest) -> HttpResponse:
    """Search DUO's registry and choose a school, or say you would rather not. The search is a POST,
    so the search words stay out of the address bar, the browser history and the server logs."""
    name = "school"
    expired = request.method == "POST" and _expired(request, name)
    progress = _load(request.session)
    if not expired and not wizard.may_visit(name, progress.answers):
        return _first_open(progress)
    search_form = forms.SchoolSearchForm(initial={"q": progress.school_query})
    form = forms.SchoolForm(answers=progress.answers, today=_today(), schools=_school_choices(progress))
    errors: list[forms.SummaryError] = []
    if request.method == "POST":
        if "search" in request.POST:
            search_form = forms.SchoolSearchForm(request.POST)
            if search_form.is_valid():
                progress.school_query = search_form.cleaned_data["q"].strip()
                progress_save(request.session, progress)
                return redirect(reverse("intake:school") + "#resultaten")
            errors = search_form.summary_errors()
        else:
            schools = _school_choices(progress, posted=request.POST.get("school"))
            form = forms.SchoolForm(request.POST, answers=progress.answers, today=_today(), schools=schools)
            if form.is_valid():
                progress.answers.update(form.to_answers())
                if expired:
                    progress_save(request.session, progress)
                    return _first_open(progress)
                return _advance(request, name, progress)
            errors = form.summary_errors()
    return render(
        request,
        "intake/steps/school.html",
        _context(
            name,
            progress,
            form=form,
            search_form=search_form,
            searched=bool(progress.school_query),
            results_count=len(form.schools),
            # For the results intake.js builds while typing: the same words as the server's own results.
            school_hint_template=_("%(place)s · code %(code)s") % {"place": "{place}", "code": "{code}"},
            errors=errors,
        ),
    )


def _read_upload(uploaded: Any) -> bytes:
    # Never read more than one byte past the limit: attachment_check then refuses it by its size.
    return bytes(uploaded.read(MAX_FILE_BYTES + 1))


@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest) -> HttpResponse:
    """Add files one or more at a time (checked at once), remove them, then go on. Works without JS."""
    name = "attachments"
    progress = _load(request.session)
    if not wizard.may_visit(name, progress.answers):
        return _first_open(progress)
    errors: list[forms.SummaryError] = []
    if request.method == "POST":
        form = forms.AttachmentsForm(request.POST)
        if form.is_valid() and form.cleaned_data["remove"]:
            draft_upload_remove(token=progress.draft, upload_id=form.cleaned_data["remove"])
            return redirect(reverse("intake:attachments") + "#bestanden")
        files = request.FILES.getlist("files")
        if "upload" in request.POST and not files:
            errors.append(forms.SummaryError(_("Kies eerst een bestand."), "id_files"))
        for uploaded in files:
            try:
                checked = attachment_check(filename=uploaded.name or "", data=_read_upload(uploaded))
                draft_upload_add(token=progress.draft, attachment=checked)
            except AttachmentRefused as refused:
                errors.append(forms.SummaryError(refused.message, "id_files"))
            except DraftFull as full:
                errors.append(forms.SummaryError(full.message, "id_files"))
                break
        progress_save(request.session, progress)
        if not errors:
            if "continue" in request.POST:
                progress.answers["attachments_done"] = True
                return _advance(request, name, progress)
            return redirect(reverse("intake:attachments") + "#bestanden")
    uploads = draft_uploads(token=progress.draft)
    return render(
        request,
        "intake/steps/attachments.html",
        _context(
            name,
            progress,
            uploads=uploads,
            room_for_more=len(uploads) < MAX_FILES,
            max_files=MAX_FILES,
            errors=errors,
        ),
    )


@require_GET
def interstitial(request: HttpRequest, name: str) -> HttpResponse:
    """A page that tells rather than asks (emergency numbers, talk to the school first); it never blocks."""
    progress = _load(request.session)
    if not wizard.may_visit(name, progress.answers):
        return _first_open(progress)
    next_url = _step_url(wizard.following(name, progress.answers, checking=progress.checking))
    return render(request, f"intake/{name}.html", _context(name, progress, next_url=next_url))


def _due_dates(received_at: dt.datetime) -> dict[str, dt.date]:
    def due(spec: TermSpec) -> dt.date:
        deadline = deadline_of(RunningTerm(spec, started_at=received_at), suspensions=(), now=received_at)
        assert deadline.due is not None  # only a suspension pauses the clock, and a new case has none
        return deadline.due

    return {spec.code: due(spec) for spec in NEXT_TERMS}


def _long_date(day: dt.date) -> str:
    return formats.date_format(day, "l j F Y")


def _throttled(request: HttpRequest, progress: Progress, retry_after: int) -> HttpResponse:
    context = _context(wizard.CHECK, progress, minutes=math.ceil(retry_after / 60))
    context["page_title"] = page_title(_("Even wachten"))
    response = render(request, "intake/throttled.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _wait_for_other_request(request: HttpRequest, token: str) -> HttpResponse:
    """Another request of this session is sending the same draft: wait for it, then show its confirmation."""
    deadline = time.monotonic() + CLAIM_WAIT_SECONDS
    while not draft_reference(token=token) and time.monotonic() < deadline:
        time.sleep(0.2)
    # That request stored the confirmation in the session before it recorded the reference: read it afresh,
    # and let this response save the fresh session rather than the stale copy it started with.
    request.session = request.session.__class__(request.session.session_key)
    if confirmation_load(request.session) is not None:
        return redirect("intake:confirmation")
    draft_release_stale(token=token, older_than=STALE_CLAIM)
    messages.error(request, _("Het versturen lukte niet. Probeer het opnieuw."))
    return redirect("intake:check")


def _submit(request: HttpRequest, progress: Progress) -> HttpResponse:
    language = get_language() if get_language() in Language.values else Language.NL
    report, errors = report_validate(
        wizard.report_data(progress.answers, language=language), today=_today(), school_lookup=intake_school_facts
    )
    if report is None:
        return _check_page(request, progress, submit_errors=errors)
    client = client_address(request)
    retry_after = throttle_retry_after(limit=intake_limit(), key=client)
    if retry_after is not None:
        return _throttled(request, progress, retry_after)
    if not draft_claim(token=progress.draft):
        return _wait_for_other_request(request, progress.draft)
    try:
        submitted = report_submit(report=report, attachments=draft_attachments(token=progress.draft))
    except DatabaseError as exc:
        draft_release(token=progress.draft)
        # report_submit is one transaction: it rolled back, so "nothing stored" is the truth to tell.
        logger.error("intake.wizard_report_not_stored", extra={"error": type(exc).__name__})
        messages.error(
            request, _("Uw melding kon nu niet worden bewaard. Er is niets opgeslagen. Probeer het later opnieuw.")
        )
        return redirect("intake:check")
    case = submitted.case
    confirmation_save(
        request.session,
        Confirmation(
            reference=case.reference,
            received_at=case.received_at.isoformat(),
            access_code=submitted.access_code,
            pupil=wizard.is_pupil(progress.answers),
            email_given=bool(report.contact_email),
            acute_danger=report.acute_danger,
        ),
    )
    progress_clear(request.session)
    # Saved before the reference is recorded: a simultaneous second request reads this session after it.
    request.session.save()
    draft_complete(token=progress.draft, reference=case.reference)
    try:
        throttle_hit(limit=intake_limit(), key=client)
    except DatabaseError as exc:
        # The report is stored; one report left uncounted is the smaller harm than an error page.
        logger.warning("intake.throttle_not_counted", extra={"error": type(exc).__name__})
    return redirect("intake:confirmation")


def _check_page(
    request: HttpRequest, progress: Progress, submit_errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    rows = summary_rows(progress.answers, uploads=draft_uploads(token=progress.draft))
    errors = []
    for field, field_messages in (submit_errors or {}).items():
        row = next((row for row in rows if field.split(".")[0] in row.keys), None)
        for message in field_messages:
            errors.append(
                forms.SummaryError(f"{row.label}: {message}" if row else message, row.change_id if row else "versturen")
            )
    return render(
        request,
        "intake/check.html",
        _context(wizard.CHECK, progress, rows=rows, errors=errors),
    )


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """Check your answers, change any of them, and send the report (once)."""
    progress = progress_load(request.session)
    sent_already = confirmation_load(request.session) is not None and (progress is None or not progress.answers)
    if request.method == "POST" and sent_already:
        # A second click, or Back and send again: show the confirmation, not a second case.
        return redirect("intake:confirmation")
    progress = progress or Progress()
    if not wizard.may_visit(wizard.CHECK, progress.answers):
        return _first_open(progress)
    if request.method == "POST":
        return _submit(request, progress)
    if not progress.checking:
        progress.checking = True
        progress_save(request.session, progress)
    return _check_page(request, progress)


@require_GET
def confirmation(request: HttpRequest) -> HttpResponse:
    """The reference, the access code (on the first view only), and what happens next with real dates."""
    done = confirmation_load(request.session)
    if done is None:
        return redirect("intake:start")
    show_code = done.access_code if not done.code_shown else None
    if show_code:
        done.code_shown = True
        if done.receipt_taken:
            done.access_code = None
        confirmation_save(request.session, done)
    received_at = dt.datetime.fromisoformat(done.received_at)
    dues = _due_dates(received_at)
    return render(
        request,
        "intake/confirmation.html",
        {
            "page_title": page_title(_("Melding verstuurd")),
            "done": done,
            "pupil": done.pupil,
            "access_code": show_code,
            "receipt_available": done.access_code is not None and not done.receipt_taken,
            "received_at": timezone.localtime(received_at),
            "acknowledgement_due": _long_date(dues[ACKNOWLEDGEMENT.code]),
            "intake_decision_due": _long_date(dues[INTAKE_DECISION.code]),
        },
    )


@require_POST
def receipt(request: HttpRequest) -> HttpResponse:
    """A plain-text receipt, once: reference, access code, dates. Never the description or contact details."""
    done = confirmation_load(request.session)
    if done is None or done.access_code is None or done.receipt_taken:
        messages.info(request, _("Het ontvangstbewijs kon maar één keer worden gedownload."))
        return redirect("intake:confirmation") if done else redirect("intake:start")
    received_at = dt.datetime.fromisoformat(done.received_at)
    dues = _due_dates(received_at)
    text = render(
        request,
        "intake/receipt.txt",
        {
            "done": done,
            "received_at": timezone.localtime(received_at),
            "acknowledgement_due": _long_date(dues[ACKNOWLEDGEMENT.code]),
            "intake_decision_due": _long_date(dues[INTAKE_DECISION.code]),
            "portal_url": settings.SITE_URL.rstrip("/") + reverse("portal:sign_in"),
        },
        content_type="text/plain; charset=utf-8",
    )
    text["Content-Disposition"] = f'attachment; filename="ontvangstbewijs-{done.reference}.txt"'
    done.receipt_taken = True
    if done.code_shown:
        done.access_code = None
    confirmation_save(request.session, done)
    return text


@require_POST
def from_guide(request: HttpRequest) -> HttpResponse:
    """Start (or continue) a report with the answers the guide's advice page carries over, then ask the rest."""
    carried = prefill_answers(request.POST, today=_today())
    progress = progress_prefill(progress_load(request.session), carried)
    progress_save(request.session, progress)
    if carried:
        messages.info(
            request,
            _("Uw antwoorden uit de wegwijzer zijn overgenomen. U kunt ze aan het eind nog controleren en wijzigen."),
        )
    return _first_open(progress)
