"""Fixtures and helpers the intake API tests share.

A test module imports the fixture functions (`school_fixture`, ...); pytest registers each under its
`name` (`school`, ...), which is what tests ask for as an argument.
"""

import json
from typing import Any

import pytest
from django.test import Client

from meldpunt.schools.constants import HolidayRegion, Sector
from meldpunt.schools.models import Board, School

URL = "/api/v1/reports"


def _school(*, code: str, sector: str, active: bool) -> School:
    board, _ = Board.objects.get_or_create(number="20091")
    school, _ = School.objects.get_or_create(
        code=code,
        defaults={
            "institution_code": code[:4],
            "board": board,
            "name": f"School {code}",
            "place": "ALTEVEER GEM NOORDENVELD",
            "sector": sector,
            "holiday_region": HolidayRegion.NORTH,
            "active": active,
        },
    )
    return school


@pytest.fixture(name="school")
def school_fixture(db) -> School:
    """An open primary school, 32JK00, as in DUO's registry."""
    return _school(code="32JK00", sector=Sector.PO, active=True)


@pytest.fixture(name="closed_school")
def closed_school_fixture(db) -> School:
    """A school that left DUO's files: still in the registry, no longer open for reports."""
    return _school(code="99ZZ00", sector=Sector.VO, active=False)


@pytest.fixture(name="valid_report")
def valid_report_fixture() -> dict:
    """A complete, valid intake body with every CONTRACT.md field."""
    return {
        "reporter_role": "parent",
        "categories": ["bullying_psychological"],
        "description": "Mijn dochter wordt al maanden gepest en durft niet meer naar school.",
        "attendance": "not_attending",
        "absent_since": "2026-10-01",
        "acute_danger": False,
        "school": "32JK00",
        "sector": None,
        "started_on": "2026-09-01",
        "steps_taken": ["talked_to_teacher", "complaint_to_board"],
        "accused_is_staff": False,
        "contact": {"email": "ouder@example.nl", "phone": "06 12345678"},
        "share_identity_with_school": True,
        "consent_referral": True,
        "language": "nl",
    }


def post_json(client: Client, body: Any, *, path: str = URL, content_type: str = "application/json", **extra: Any):
    """POST a body; bytes are sent exactly as given, anything else as JSON."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    # generic(), not post(): post() re-encodes bytes to the charset the content type names.
    return client.generic("POST", path, data=data, content_type=content_type, **extra)
