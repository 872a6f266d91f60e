"""The reporter's findings page in the portal (/mijn-melding/bevindingen/): read, comment, download the PDF.

A support person reads along but cannot comment. What is shown comes from `findings_for_side`, which
asks the confidentiality table and writes the read to the audit log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from meldpunt.core import errors
from meldpunt.findings.constants import Side
from meldpunt.findings.forms import CommentForm
from meldpunt.findings.selectors import findings_for_side, findings_pdf
from meldpunt.findings.services import findings_comment_add
from meldpunt.portal.views import visitor_required
from meldpunt.portal.visitors import Visitor


@never_cache
@require_http_methods(["GET", "POST"])
@visitor_required
def findings_page(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    form: CommentForm | None = None
    if request.method == "POST":
        if visitor.read_only:
            raise PermissionDenied
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                findings_comment_add(
                    case=visitor.case, side=Side.REPORTER, body=form.cleaned_data["body"], actor=visitor.actor
                )
            except errors.PermissionDenied as refused:
                raise PermissionDenied from refused
            except errors.MeldpuntError as refusal:
                form.add_error("body", refusal.message)
            else:
                messages.success(
                    request,
                    _("Uw reactie is bewaard. Uw behandelaar leest hem voordat de bevindingen definitief worden."),
                )
                return redirect(reverse("findings_reporter:page") + "#uw-reacties")
    view = findings_for_side(case=visitor.case, side=Side.REPORTER, actor=visitor.actor)
    if form is None and view is not None and view.draft is not None and view.draft.may_comment:
        form = CommentForm()
    return render(request, "findings/reporter.html", {"view": view, "form": form, "visitor": visitor})


@never_cache
@require_GET
@visitor_required
def pdf(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    try:
        filename, data = findings_pdf(case=visitor.case, side=Side.REPORTER, actor=visitor.actor)
    except errors.NotFound as missing:
        raise Http404 from missing
    except errors.PermissionDenied as refused:
        raise PermissionDenied from refused
    except errors.MeldpuntError as refusal:
        messages.error(request, refusal.message)
        return redirect("findings_reporter:page")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
