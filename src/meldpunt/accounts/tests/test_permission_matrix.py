"""The permission matrix: every URL of the URL conf × every role (DESIGN.md "People and roles").

The test walks the URL conf itself, so a new endpoint without a row here fails the suite.
"""

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from meldpunt.accounts.tests.helpers import make_staff_user, sign_in_client
from meldpunt.accounts.tests.matrix import (
    ACTORS,
    ALLOW,
    CASE_WORKERS,
    DENY,
    LOGIN_PREFIXES,
    Row,
    World,
    png,
    reference_kwargs,
)
from meldpunt.cases.models import BoardLink, Case, SavedFilter
from meldpunt.cases.services import case_start_intake, case_start_investigation, case_suspend
from meldpunt.intake.attachments import attachment_check
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import SchoolFacts, report_validate
from meldpunt.schools.models import Board


def _own_filter(world: World, user: Any) -> dict[str, Any]:
    owner = user or world.users["coordinator"]
    return {"pk": SavedFilter.objects.create(owner=owner, name="Mijn filter", query="status=received").pk}


def _own_link(world: World, user: Any) -> dict[str, Any]:
    owner = user or world.users["handler"]
    board = Board.objects.create(number="77777", name="Ander bestuur")
    return {"pk": BoardLink.objects.create(handler=owner, board=board, kind="other").pk}


def _open_suspension(world: World, user: Any) -> None:
    case_suspend(case=world.case, actor=world.users["handler"], reason="wacht op stukken")


BACK_OFFICE: dict[str, Row] = {
    "accounts:home": Row("get", frozenset(ACTORS) - {"anonymous"}),
    "cases:queue": Row("get", frozenset(CASE_WORKERS)),
    "cases:saved_filter_save": Row(
        "post", frozenset(CASE_WORKERS), data=lambda w: {"name": "Spoed", "query": "status=received"}
    ),
    "cases:saved_filter_delete": Row("post", frozenset(CASE_WORKERS), kwargs=_own_filter),
    "cases:board_links": Row("get", frozenset(CASE_WORKERS)),
    "cases:board_link_remove": Row("post", frozenset(CASE_WORKERS), kwargs=_own_link),
    "cases:assign": Row("get", frozenset({"coordinator"}), kwargs=reference_kwargs),
    "cases:priority": Row("get", frozenset({"coordinator"}), kwargs=reference_kwargs),
    "cases:case": Row("get", frozenset({"coordinator", "handler"}), kwargs=reference_kwargs),
    "cases:case_transition": Row(
        "post",
        frozenset({"handler"}),
        kwargs=lambda w, u: {"reference": w.case.reference, "name": "start_intervention"},
        data=lambda w: {"start_intervention-reason": "afspraken maken"},
    ),
    "cases:case_suspend": Row(
        "post", frozenset({"handler"}), kwargs=reference_kwargs, data=lambda w: {"suspend-reason": "wacht op stukken"}
    ),
    "cases:case_resume": Row("post", frozenset({"handler"}), kwargs=reference_kwargs, setup=_open_suspension),
    "cases:case_extend": Row(
        "post",
        frozenset({"handler"}),
        kwargs=reference_kwargs,
        data=lambda w: {"extend-term_code": "findings", "extend-amount": "2", "extend-reason": "meer gesprekken nodig"},
    ),
    "cases:case_note_add": Row(
        "post", frozenset({"handler"}), kwargs=reference_kwargs, data=lambda w: {"note-body": "notitie"}
    ),
    "cases:case_message_send": Row(
        "post", frozenset({"handler"}), kwargs=reference_kwargs, data=lambda w: {"message-body": "Hoe gaat het nu?"}
    ),
    "cases:case_attendance": Row(
        "post",
        frozenset({"handler"}),
        kwargs=reference_kwargs,
        data=lambda w: {
            "attendance-status": "not_attending",
            "attendance-since": dt.date.today().isoformat(),
            "attendance-alternative": "home_tuition",
        },
    ),
    "cases:case_attachment": Row(
        "get",
        frozenset({"handler"}),
        kwargs=lambda w, u: {"reference": w.case.reference, "attachment_id": w.case.attachments.get().pk},
    ),
    # The reporter's API answers to a bearer token only: a staff session gives no access.
    "api:reporter_case": Row("get", frozenset()),
    "api:reporter_messages": Row("post", frozenset()),
    "api:reporter_session": Row("post", frozenset()),
    "api:schema": Row("get", frozenset(ACTORS)),
    # Reporter portal pages need a reporter session; staff accounts do not open them.
    "portal:case": Row("get", frozenset()),
    "portal:files": Row("get", frozenset()),
    "portal:support": Row("get", frozenset()),
    "portal:support_revoke": Row("post", frozenset()),
    "portal:follow_up": Row("get", frozenset()),
    "portal:follow_up_done": Row("get", frozenset()),
}

# Public pages: anyone may open them, and being signed in as staff changes nothing there.
PUBLIC = {
    "health",
    "guide:home",
    "guide:privacy",
    "guide:accessibility",
    "guide:contact",
    "schools:search",
    "schools:search_json",
    "api:reports",
    "portal:sign_in",
    "portal:link_request",
    "portal:link_sent",
    "portal:link_invalid",
    "portal:link_landing",
    "portal:sign_out",
    "portal:signed_out",
    "accounts:login",
    "accounts:login_code",
    "accounts:login_recovery",
    "accounts:enrol",
    "accounts:recovery_codes",
    "accounts:recovery_codes_renew",
    "accounts:logout",
    "accounts:signed_out",
}
PUBLIC_NAMESPACES = {"intake"}


def _app_rows() -> None:
    """Add the rows each app keeps in its own `tests/permission_rows.py`; a name listed twice is an error."""
    for app in apps.get_app_configs():
        if not app.name.startswith("meldpunt."):
            continue
        try:
            rows = importlib.import_module(f"{app.name}.tests.permission_rows")
        except ModuleNotFoundError as missing:
            if missing.name is None or not f"{app.name}.tests.permission_rows".startswith(missing.name):
                raise
            continue
        for name, row in getattr(rows, "BACK_OFFICE", {}).items():
            assert name not in BACK_OFFICE and name not in PUBLIC, name
            BACK_OFFICE[name] = row
        for name in getattr(rows, "PUBLIC", set()):
            assert name not in BACK_OFFICE and name not in PUBLIC, name
            PUBLIC.add(name)
        PUBLIC_NAMESPACES.update(getattr(rows, "PUBLIC_NAMESPACES", set()))


_app_rows()
ADMIN_NAMESPACE = "admin"


def _url_names() -> list[str]:
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern):
                names.append(namespace + (pattern.name or f"<unnamed {pattern.pattern}>"))

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_is_in_the_matrix():
    """No endpoint is left out: every URL of the URL conf has a row, is public, or is the admin."""
    missing = [
        name
        for name in _url_names()
        if name not in BACK_OFFICE
        and name not in PUBLIC
        and name.split(":")[0] not in PUBLIC_NAMESPACES
        and not name.startswith(f"{ADMIN_NAMESPACE}:")
    ]
    assert missing == []


@pytest.fixture
def world(db, school) -> World:
    """A case under investigation at BBS de Verwondering, assigned to `handler`, with one attachment."""
    users = {
        "coordinator": make_staff_user("coordinator"),
        "handler": make_staff_user("handler"),
        "other_handler": make_staff_user("handler"),
        "school_contact": make_staff_user("school_contact", board=school.board),
        "partner": make_staff_user("partner"),
        "analyst": make_staff_user("analyst"),
        "administrator": make_staff_user("administrator"),
    }
    body = {
        "reporter_role": "parent",
        "categories": ["bullying_psychological"],
        "description": "Mijn zoon wordt gepest.",
        "attendance": "attending",
        "acute_danger": False,
        "school": school.code,
        "contact": {"email": "ouder@example.nl"},
    }
    report, errors = report_validate(body, today=dt.date.today(), school_lookup=lambda c: SchoolFacts(c, "po"))
    assert errors == {}
    case = report_submit(report=report, attachments=[attachment_check(filename="brief.png", data=png())]).case
    Case.objects.filter(pk=case.pk).update(assigned_handler=users["handler"])
    case.refresh_from_db()
    case_start_intake(case=case, actor=users["handler"])
    case_start_investigation(case=case, actor=users["handler"])
    case.refresh_from_db()
    return World(case=case, users=users)


def _outcome(response: Any, method: str) -> str:
    location = response.get("Location", "")
    if response.status_code in (401, 403, 404, 405, 400):
        return DENY
    if response.status_code in (301, 302, 303):
        return DENY if location.startswith(LOGIN_PREFIXES) else ALLOW
    if response.status_code in (200, 201):
        # A POST that comes back as a page (not a redirect) was refused by a guard and shows why.
        return ALLOW if method == "get" else DENY
    raise AssertionError(f"unexpected status {response.status_code}")


def _client_for(world: World, actor: str) -> tuple[Client, Any]:
    client = Client()
    user = world.users.get(actor)
    if user is not None:
        sign_in_client(client, user)
    return client, user


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(BACK_OFFICE))
def test_back_office_and_api_answer_exactly_what_the_role_table_allows(world, name, actor):
    """Each back-office page, action and API endpoint allows exactly the roles of DESIGN.md, nobody else."""
    row = BACK_OFFICE[name]
    client, user = _client_for(world, actor)
    row.setup(world, user)
    url = reverse(name, kwargs=row.kwargs(world, user))
    response = client.get(url) if row.method == "get" else client.post(url, row.data(world))
    expected = ALLOW if actor in row.allowed else DENY
    assert _outcome(response, row.method) == expected, (name, actor, response.status_code, response.get("Location"))


@pytest.mark.parametrize("actor", ACTORS)
def test_admin_is_for_administrators_only(world, actor):
    """Every admin page refuses everyone but a signed-in administrator."""
    client, _user = _client_for(world, actor)
    response = client.get(reverse("admin:index"))
    expected = ALLOW if actor == "administrator" else DENY
    assert _outcome(response, "get") == expected
    if actor != "administrator":
        for url in ("/beheer/admin/cases/case/", "/beheer/admin/privacy/auditentry/", "/beheer/admin/accounts/user/"):
            assert _outcome(client.get(url), "get") == DENY, url
