"""School days missed on real cases, with frozen time and the shipped holiday table (data/schoolvakanties.csv)."""

import datetime as dt

import pytest
import time_machine

from meldpunt.accounts.constants import Role
from meldpunt.cases.models import Case
from meldpunt.cases.queue import PagePosition, QueueFilters, Sort
from meldpunt.cases.selectors import case_page_get, case_queue
from meldpunt.cases.services import case_derived_refresh_all_open
from meldpunt.cases.tests.queue_factories import case_make, school_make
from meldpunt.schools.models import School
from meldpunt.schools.services import school_holidays_import

pytestmark = pytest.mark.django_db
AMSTERDAM = dt.timezone(dt.timedelta(hours=2))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def holidays():
    school_holidays_import()


def _school(code: str, region: str, board: str) -> School:
    school = school_make(code, board_number=board)
    School.objects.filter(pk=school.pk).update(holiday_region=region)
    school.refresh_from_db()
    return school


def _out_of_school_since(day: dt.date, school: School | None, now: dt.datetime) -> Case:
    return case_make(school=school, attendance="not_attending", absent_since=day, now=now, received_at=now)


def test_the_autumn_holiday_of_the_schools_own_region_is_not_counted():
    """Autumn 2025: zuid is off 11-19 October, noord 18-26 October; on Monday 20 October a child out of school
    since Monday 6 October missed 10 school days in noord but 5 in zuid."""
    noord = _school("51AA00", "noord", "50001")
    zuid = _school("52AA00", "zuid", "50002")
    now = _at(dt.date(2025, 10, 20))
    with time_machine.travel(now, tick=False):
        in_noord = _out_of_school_since(dt.date(2025, 10, 6), noord, now)
        in_zuid = _out_of_school_since(dt.date(2025, 10, 6), zuid, now)
    assert (in_noord.school_days_missed, in_zuid.school_days_missed) == (10, 5)


def test_the_count_grows_with_the_daily_refresh_and_skips_the_holiday():
    """A week later the daily refresh adds zuid's school week and nothing for noord's holiday week."""
    noord = _school("51AA00", "noord", "50001")
    zuid = _school("52AA00", "zuid", "50002")
    start = _at(dt.date(2025, 10, 20))
    with time_machine.travel(start, tick=False):
        in_noord = _out_of_school_since(dt.date(2025, 10, 6), noord, start)
        in_zuid = _out_of_school_since(dt.date(2025, 10, 6), zuid, start)
    with time_machine.travel(start + dt.timedelta(days=7), tick=False):
        case_derived_refresh_all_open()
    in_noord.refresh_from_db()
    in_zuid.refresh_from_db()
    assert (in_noord.school_days_missed, in_zuid.school_days_missed) == (10, 10)


def test_public_holidays_are_no_school_days():
    """Ascension Day (14 May 2026) and Whit Monday (25 May 2026) are not counted: 13 school days, not 15."""
    school = _school("53AA00", "midden", "50003")
    now = _at(dt.date(2026, 6, 1))
    with time_machine.travel(now, tick=False):
        case = _out_of_school_since(dt.date(2026, 5, 11), school, now)
    assert case.school_days_missed == 13


def test_kings_day_outside_the_may_holiday_is_no_school_day():
    """Koningsdag 2028 (Thursday 27 April) falls before the May holiday (29 April - 7 May): 4 school days in the
    week of 24 April, and none in the holiday after it."""
    school = _school("54AA00", "noord", "50004")
    for today, expected in ((dt.date(2028, 5, 1), 4), (dt.date(2028, 5, 8), 4), (dt.date(2028, 5, 9), 5)):
        now = _at(today)
        with time_machine.travel(now, tick=False):
            case = _out_of_school_since(dt.date(2028, 4, 24), school, now)
        assert case.school_days_missed == expected, today


def test_without_a_known_region_only_the_national_holidays_count():
    """A case without a school counts a regional autumn holiday as school days, the national Christmas one not."""
    autumn = _at(dt.date(2025, 10, 27))
    with time_machine.travel(autumn, tick=False):
        case = _out_of_school_since(dt.date(2025, 10, 6), None, autumn)
    assert case.school_days_missed == 15
    winter = _at(dt.date(2026, 1, 12))
    with time_machine.travel(winter, tick=False):
        case = _out_of_school_since(dt.date(2025, 12, 15), None, winter)
    assert case.school_days_missed == 10  # 15-19 December and 5-9 January; the holiday runs 20 December - 4 January


def test_the_count_is_shown_on_the_case_page_in_the_queue_and_in_the_triage(staff_user):
    """The case page, the queue row and the out-of-school factor all name the same school days missed."""
    coordinator = staff_user(Role.COORDINATOR)
    zuid = _school("52AA00", "zuid", "50002")
    now = _at(dt.date(2025, 10, 20))
    with time_machine.travel(now, tick=False):
        case = _out_of_school_since(dt.date(2025, 10, 6), zuid, now)
        page = case_page_get(case=case, user=coordinator, now=now)
        row = case_queue(viewer=coordinator, filters=QueueFilters(), sort=Sort.PRIORITY, page=PagePosition()).rows[0]
    assert page.school_days_missed == row.school_days_missed == 5
    factor = next(f for f in page.triage.factors if f.code == "out_of_school")
    assert "5 schooldagen" in factor.explanation
