"""Permission-matrix rows of the information pages, their editor and the site search (see accounts/tests/matrix.py).

The pages and the search are public; the editor is for administrators only.
"""

from typing import Any

from meldpunt.accounts.tests.matrix import Row, World
from meldpunt.content.models import Page
from meldpunt.content.services import PageText, content_load_if_empty, page_version_add

ADMINISTRATORS = frozenset({"administrator"})


def _page(world: World, user: Any) -> dict[str, Any]:
    content_load_if_empty()
    return {"slug": "privacy"}


def _old_version(world: World, user: Any) -> dict[str, Any]:
    content_load_if_empty()
    return {"slug": "privacy", "number": 1}


def _second_version(world: World, user: Any) -> None:
    """Restoring needs a version that is not the current one: an administrator saves version 2 first."""
    content_load_if_empty()
    page = Page.objects.get(slug="privacy")
    if page.current is not None and page.current.number == 1:
        page_version_add(
            actor=world.users["administrator"],
            page=page,
            text=PageText(title_nl="Privacy", body_nl="Tijdelijk.", title_en="", body_en=""),
            based_on=1,
        )


PUBLIC = {"content:index", "content:page", "search:search"}

BACK_OFFICE = {
    "content_admin:list": Row("get", ADMINISTRATORS),
    "content_admin:create": Row("get", ADMINISTRATORS),
    "content_admin:edit": Row("get", ADMINISTRATORS, kwargs=_page),
    "content_admin:history": Row("get", ADMINISTRATORS, kwargs=_page),
    "content_admin:version": Row("get", ADMINISTRATORS, kwargs=_old_version),
    "content_admin:restore": Row("post", ADMINISTRATORS, kwargs=_old_version, setup=_second_version),
}
