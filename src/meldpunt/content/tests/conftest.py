import pytest

from meldpunt.content.models import Page
from meldpunt.content.services import PageText, content_load_if_empty


@pytest.fixture
def seeded_pages(db) -> list[Page]:
    """The five shipped information pages, created by the real loader."""
    content_load_if_empty()
    return list(Page.objects.order_by("slug"))


def text(**overrides: str) -> PageText:
    values = {
        "title_nl": "Klagen",
        "body_nl": "Zo dient u een klacht in.",
        "title_en": "Complaints",
        "body_en": "This is how you make a complaint.",
    }
    values.update(overrides)
    return PageText(**values)
