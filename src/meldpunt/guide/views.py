"""The public pages of the guide app: the home page, the statements every public service owes its visitors,
and the guide (wegwijzer) that ends in personal advice."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meldpunt.core.errors import MeldpuntError
from meldpunt.core.throttle import client_address
from meldpunt.guide.display import advice_view, answer_rows, question_url, steps_view
from meldpunt.guide.forms import AdviceEmailForm, QuestionForm
from meldpunt.guide.rules import (
    Answers,
    Table,
    advise,
    answers_clean,
    first_unanswered,
    may_ask,
    question_after,
    question_before,
    questions_asked,
)
from meldpunt.guide.selectors import decision_table_current, guide_organisations
from meldpunt.guide.services import advice_email_send
from meldpunt.guide.session import GuideProgress, guide_progress_clear, guide_progress_load, guide_progress_save


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/home.html")


# The privacy and accessibility statements are content pages that administrators edit and version;
# these old addresses stay valid and lead there.
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return redirect("content:page", slug="privacy", permanent=True)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return redirect("content:page", slug="toegankelijkheid", permanent=True)


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    context = {"contact_phone": settings.CONTACT_PHONE, "contact_email": settings.CONTACT_EMAIL}
    return render(request, "guide/contact.html", context)


# The guide (wegwijzer): one question per page, then personal advice. The answers live in the session only.


def _language() -> str:
    return "en" if get_language() == "en" else "nl"


def _answers(request: HttpRequest, table: Table) -> tuple[GuideProgress, dict[str, tuple[str, ...]]]:
    progress = guide_progress_load(request.session)
    return progress, answers_clean(table, progress.answers)


def _save(request: HttpRequest, progress: GuideProgress, answers: Answers) -> None:
    progress.answers = {question_id: list(codes) for question_id, codes in answers.items()}
    guide_progress_save(request.session, progress)


def _open_question(table: Table, answers: Answers) -> HttpResponseRedirect:
    """The first question still open, or the advice when every question is answered."""
    missing = first_unanswered(table, answers)
    return redirect(question_url(missing) if missing else reverse("guide:advice"))


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """What the guide is, the emergency numbers, the steps it can advise, and the start button."""
    table = decision_table_current().table
    _progress, answers = _answers(request, table)
    return render(
        request,
        "guide/start.html",
        {
            "first_url": question_url(table.questions[0]),
            "has_answers": bool(answers),
            "continue_url": _open_question(table, answers).url if answers else "",
            "steps": steps_view(table, _language()),
            "session_minutes": settings.SESSION_COOKIE_AGE // 60,
        },
    )


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str) -> HttpResponse:
    table = decision_table_current().table
    asked = table.question_by_slug(slug)
    if asked is None:
        raise Http404(_("Deze vraag bestaat niet (meer)."))
    progress, answers = _answers(request, table)
    if not may_ask(table, asked, answers):
        if request.method == "POST" and not answers:
            messages.warning(
                request,
                _("Uw antwoorden waren gewist, omdat u %(minutes)s minuten niets had gedaan. Begin opnieuw.")
                % {"minutes": settings.SESSION_COOKIE_AGE // 60},
            )
        return _open_question(table, answers)
    language = _language()
    if request.method == "POST":
        form = QuestionForm(request.POST, question=asked, language=language)
        if form.is_valid():
            answers = answers_clean(table, {**answers, asked.id: tuple(form.codes())})
            _save(request, progress, answers)
            following = None if progress.reached_advice else question_after(table, asked, answers)
            return redirect(question_url(following)) if following else _open_question(table, answers)
    else:
        form = QuestionForm(question=asked, language=language, chosen=answers.get(asked.id, ()))
    before = question_before(table, asked, answers)
    return render(
        request,
        "guide/question.html",
        {
            "form": form,
            "question": asked.text.get(language),
            "hint": asked.help.get(language) if asked.help else "",
            "kind": "checkbox" if asked.multiple else "radio",
            "errors": form.summary_errors() if form.is_bound else [],
            "back_url": question_url(before) if before else reverse("guide:start"),
        },
    )


def _advice_context(request: HttpRequest) -> dict[str, Any] | HttpResponseRedirect:
    """The advice for the answers in the session, or a redirect to the question still open."""
    table = decision_table_current().table
    progress, answers = _answers(request, table)
    if first_unanswered(table, answers) is not None:
        return _open_question(table, answers)
    if not progress.reached_advice:
        progress.reached_advice = True
        _save(request, progress, answers)
    language = _language()
    result = advise(table, answers)
    organisations = guide_organisations(query=result.organisations)
    site = settings.SITE_URL.rstrip("/")
    return {
        "back_url": question_url(questions_asked(table, answers)[-1]),
        "report_url": site + reverse("intake:start"),
        "guide_url": site + reverse("guide:start"),
        "advice": advice_view(table, result, organisations, language),
        "result": result,
        "organisations": organisations,
        "answer_rows": answer_rows(table, answers, language),
        "section_level": 2,
        "item_level": 3,
    }


@require_safe
def advice(request: HttpRequest) -> HttpResponse:
    context = _advice_context(request)
    if isinstance(context, HttpResponseRedirect):
        return context
    return render(request, "guide/advice.html", {**context, "email_form": AdviceEmailForm(), "errors": []})


@require_safe
def advice_print(request: HttpRequest) -> HttpResponse:
    """The advice alone, without forms or buttons: for the browser's print command."""
    context = _advice_context(request)
    if isinstance(context, HttpResponseRedirect):
        return context
    return render(request, "guide/advice_print.html", {**context, "printing": True, "today": timezone.localdate()})


@require_POST
def advice_email(request: HttpRequest) -> HttpResponse:
    """Send the advice to the address given, once; the address is not kept (not even in a message)."""
    context = _advice_context(request)
    if isinstance(context, HttpResponseRedirect):
        return context
    form = AdviceEmailForm(request.POST)
    if form.is_valid():
        try:
            advice_email_send(
                to=form.cleaned_data["email"],
                client=client_address(request),
                advice=context["result"],
                organisations=context["organisations"],
                language=_language(),
            )
        except MeldpuntError as refused:
            form.add_error("email", refused.message)
        else:
            messages.success(request, _("Het advies is verstuurd. Wij hebben uw e-mailadres niet bewaard."))
            return redirect("guide:advice")
    return render(
        request,
        "guide/advice.html",
        {**context, "email_form": form, "errors": form.summary_errors()},
        status=400,
    )


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    """Forget the answers and start again."""
    guide_progress_clear(request.session)
    return redirect("guide:start")
