"""The public information pages: the home page and the statements every public service owes its visitors."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/home.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/privacy.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/accessibility.html")


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    context = {"contact_phone": settings.CONTACT_PHONE, "contact_email": settings.CONTACT_EMAIL}
    return render(request, "guide/contact.html", context)
