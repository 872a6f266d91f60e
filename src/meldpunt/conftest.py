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


@pytest.fixture
def staff_user(db: None) -> Callable[..., User]:
    return make_staff_user


@pytest.fixture
def staff_client(db: None) -> Callable[..., StaffClient]:
    return make_staff_client
