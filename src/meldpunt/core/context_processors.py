from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """What the page frame needs on every page."""
    return {"exit_url": settings.EXIT_URL, "demo_data": settings.DEMO_DATA}
