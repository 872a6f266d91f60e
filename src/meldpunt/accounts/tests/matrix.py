"""What the permission matrix needs, shared with the rows each app adds in `<app>/tests/permission_rows.py`.

An app with URLs of its own lists them there: `BACK_OFFICE` (name → Row: method, the actors allowed,
and how to build the URL's kwargs, the POST data and any setup on the `World`) and `PUBLIC` (names
anyone may open). `test_permission_matrix` collects them, so every URL has exactly one row.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from meldpunt.cases.models import Case

ACTORS = (
    "anonymous",
    "coordinator",
    "handler",  # assigned to the case
    "other_handler",  # a handler not assigned to the case
    "school_contact",  # contact of the board of the case's school
    "partner",
    "analyst",
    "administrator",
)
ALLOW, DENY = "allow", "deny"
CASE_WORKERS = {"coordinator", "handler", "other_handler"}
LOGIN_PREFIXES = ("/medewerkers/inloggen", "/beheer/admin/login", "/mijn-melding/")


@dataclass
class World:
    case: Case
    users: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    method: str
    allowed: frozenset[str]
    kwargs: Callable[[World, Any], dict[str, Any]] = lambda world, user: {}
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    setup: Callable[[World, Any], None] = lambda world, user: None


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, format="PNG")
    return out.getvalue()


def reference_kwargs(world: World, user: Any) -> dict[str, Any]:
    return {"reference": world.case.reference}
