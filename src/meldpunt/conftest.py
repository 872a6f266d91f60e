"""Fixtures every app's tests share: staff members and test clients signed in as staff.

`staff_user(role, **overrides)` makes a staff member through the accounts services, with a
confirmed TOTP device (secret `STAFF_TOTP_SECRET`) and recovery codes. `staff_client(role,
**overrides)` returns a Django test client signed in as such a member with the second factor
verified, as after a real sign-in; `client.user` is the staff member. The role is a string or a
`Role`; a school contact gets a school board of its own unless `board=` is given.

    def test_handler_sees_home(staff_client):
        client = staff_client("handler")
        assert client.get("/medewerkers/").status_code == 200

With django-axes enabled `client.login()` cannot be used; these use `force_login` plus the
django-otp session key. The helpers themselves live in `meldpunt.accounts.tests.helpers`.
"""

from collections.abc import Callable

import pytest

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import StaffClient, make_staff_client, make_staff_user
from meldpunt.schools.constants import HolidayRegion, Sector
from meldpunt.schools.matching import search_text
from meldpunt.schools.models import Board, School


@pytest.fixture
def staff_user(db: None) -> Callable[..., User]:
    return make_staff_user


@pytest.fixture
def staff_client(db: None) -> Callable[..., StaffClient]:
    return make_staff_client


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
