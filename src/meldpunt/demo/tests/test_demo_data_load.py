import pytest
from django.test import override_settings

from meldpunt.accounts.models import User
from meldpunt.cases.models import Case
from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import DEMO_ACCESS_CODE, DEMO_STAFF
from meldpunt.demo.services import demo_data_load
from meldpunt.intake.codes import access_code_matches
from meldpunt.schools.models import School, SchoolHoliday


@pytest.mark.django_db
def test_demo_loads_once_with_every_demo_sign_in():
    """The demo has all DUO schools, the holidays, every demo sign-in and five cases; a second load adds nothing."""
    report = demo_data_load()
    assert School.objects.count() > 8000 and SchoolHoliday.objects.count() == 44
    assert sorted(report.staff_created) == sorted(username for username, *_rest in DEMO_STAFF)
    assert len(report.cases_created) == 5
    first = Case.objects.order_by("pk").first()
    assert access_code_matches(DEMO_ACCESS_CODE, first.access_code_hash)
    again = demo_data_load()
    assert (again.schools_imported, again.staff_created, again.cases_created) == (0, [], [])
    assert User.objects.count() == len(DEMO_STAFF)


@pytest.mark.django_db
@override_settings(DEMO_DATA=False)
def test_demo_is_refused_where_demo_data_is_off():
    """Without MELDPUNT_DEMO_DATA no demo sign-in with a published password can be created."""
    with pytest.raises(MeldpuntError):
        demo_data_load()
    assert not User.objects.exists()
