"""Fixtures of the interventions tests: the findings tests' case, handler, school contact and reporter."""

import datetime as dt
from typing import Any

import pytest

from meldpunt.findings.tests.conftest import (  # noqa: F401 - fixtures shared with the findings tests
    case,
    contact,
    handler,
    reporter,
    reporter_client,
    school_actor,
)
from meldpunt.interventions.services import AgreementFields


def fields(**overrides: Any) -> AgreementFields:
    values: dict[str, Any] = {
        "description": "De school maakt een plan tegen pesten en bespreekt het met de melder.",
        "owner": "school_board",
        "due_on": dt.date.today() + dt.timedelta(days=30),
        **overrides,
    }
    return AgreementFields(**values)


@pytest.fixture
def make_fields():
    return fields
