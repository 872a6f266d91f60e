"""The reporter's agreements page in the portal (/mijn-melding/afspraken/): the agreements shared with them,
mediation meetings and escalation, and per agreement "did it happen?". A support person only reads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meldpunt.core import errors
from meldpunt.findings.constants import Side
from meldpunt.interventions.forms import AnswerForm
from meldpunt.interventions.models import Agreement
from meldpunt.interventions.selectors import interventions_for_side
from meldpunt.interventions.services import agreement_reporter_answer
from meldpunt.portal.views import visitor_required
from meldpunt.portal.visitors import Visitor


def _page(request: HttpRequest, visitor: Visitor, bound: AnswerForm | None = None) -> HttpResponse:
    view = interventions_for_side(case=visitor.case, side=Side.REPORTER, actor=visitor.actor)
    rows = []
    for agreement in view.agreements if view else []:
        prefix = f"afspraak-{agreement.id}"
        form = None
        if agreement.may_answer and not visitor.read_only:
            form = bound if bound is not None and bound.prefix == prefix else AnswerForm(prefix=prefix)
        rows.append((agreement, form))
    return render(
        request,
        "interventions/reporter.html",
        {"view": view, "rows": rows, "visitor": visitor, "error_form": bound if bound and bound.errors else None},
    )


@never_cache
@require_GET
@visitor_required
def agreements_page(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    return _page(request, visitor)


@never_cache
@require_POST
@visitor_required
def answer(request: HttpRequest, visitor: Visitor, pk: int) -> HttpResponse:
    if visitor.read_only:
        raise PermissionDenied
    agreement = Agreement.objects.filter(case=visitor.case, pk=pk).select_related("case").first()
    if agreement is None:
        raise Http404
    form = AnswerForm(request.POST, prefix=f"afspraak-{pk}")
    if form.is_valid():
        try:
            agreement_reporter_answer(agreement=agreement, actor=visitor.actor, happened=form.cleaned_data["happened"])
        except errors.PermissionDenied as refused:
            raise PermissionDenied from refused
        except errors.MeldpuntError as refusal:
            form.add_error("happened", refusal.message)
        else:
            messages.success(request, _("Dank u. Uw behandelaar ziet uw antwoord."))
            return redirect(reverse("interventions_reporter:page") + f"#afspraak-{pk}")
    return _page(request, visitor, bound=form)
