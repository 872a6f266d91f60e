import pytest

from meldpunt.schools.constants import HolidayRegion, Sector
from meldpunt.schools.matching import search_text
from meldpunt.schools.models import Board, School


@pytest.fixture
def school(db) -> School:
    """One real DUO school (BBS de Verwondering, Alteveer) without importing the whole registry."""
    board, _ = Board.objects.get_or_create(number="20091")
    school, _ = School.objects.get_or_create(
        code="32JK00",
        defaults={
            "institution_code": "32JK",
            "board": board,
            "name": "BBS de Verwondering",
            "place": "ALTEVEER GEM NOORDENVELD",
            "municipality": "NOORDENVELD",
            "province": "Drenthe",
            "sector": Sector.PO,
            "holiday_region": HolidayRegion.NORTH,
            "search_text": search_text(
                name="BBS de Verwondering",
                place="ALTEVEER GEM NOORDENVELD",
                municipality="NOORDENVELD",
                code="32JK00",
                institution_code="32JK",
            ),
        },
    )
    return school


@pytest.fixture
def valid_report() -> dict:
    """A complete, valid intake body as CONTRACT.md names its fields."""
    return {
        "reporter_role": "parent",
        "categories": ["bullying_psychological"],
        "description": "Mijn dochter wordt al maanden gepest en durft niet meer naar school.",
        "attendance": "not_attending",
        "absent_since": "2026-10-01",
        "acute_danger": False,
        "school": "32JK00",
        "started_on": "2026-09-01",
        "steps_taken": ["talked_to_teacher", "complaint_to_board"],
        "accused_is_staff": False,
        "contact": {"email": "ouder@example.nl", "phone": "06 12345678"},
        "share_identity_with_school": True,
        "consent_referral": True,
        "language": "nl",
    }
