from pathlib import Path

import pytest

from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.models import SchoolHoliday
from meldpunt.schools.selectors import school_holidays_for_region
from meldpunt.schools.services import school_holidays_import, school_holidays_path

pytestmark = pytest.mark.django_db


def test_the_shipped_table_loads_and_reloads_without_duplicates():
    """The shipped table has 44 holidays; importing it twice changes nothing the second time."""
    first = school_holidays_import()
    assert (first.added, first.updated) == (44, 0)
    second = school_holidays_import()
    assert (second.added, second.updated, second.unchanged) == (0, 0, 44)
    assert SchoolHoliday.objects.count() == 44


def test_an_updated_row_is_updated(tmp_path: Path):
    """A corrected date in a newer table updates the row in place."""
    school_holidays_import()
    text = (
        school_holidays_path()
        .read_text(encoding="utf-8")
        .replace(
            "2026-2027,meivakantie,heel-nederland,2027-04-24,2027-05-02",
            "2026-2027,meivakantie,heel-nederland,2027-05-01,2027-05-09",
        )
    )
    newer = tmp_path / "schoolvakanties.csv"
    newer.write_text(text, encoding="utf-8")
    report = school_holidays_import(path=newer)
    assert (report.added, report.updated) == (0, 1)
    assert str(SchoolHoliday.objects.get(school_year="2026-2027", name="meivakantie").start) == "2027-05-01"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2026-2027,kerst,oost,2026-12-19,2027-01-03,x", "region"),
        ("2026-2027,kerst,noord,2026-12-32,2027-01-03,x", "YYYY-MM-DD"),
        ("2026-2027,kerst,noord,2027-01-03,2026-12-19,x", "ends before"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(tmp_path: Path, line: str, message: str):
    """A table with a bad row changes nothing and says which line is wrong."""
    bad = tmp_path / "bad.csv"
    bad.write_text("schoolyear,holiday,region,start,end,source\n" + line + "\n", encoding="utf-8")
    with pytest.raises(MeldpuntError, match=message):
        school_holidays_import(path=bad)
    assert not SchoolHoliday.objects.exists()


def test_a_region_gets_its_own_and_the_national_holidays():
    """Holidays of noord include the national Christmas and May holidays, not zuid's autumn week."""
    school_holidays_import()
    noord = school_holidays_for_region(region="noord")
    starts = {str(first) for first, _last in noord}
    assert "2026-12-19" in starts  # kerst, heel Nederland
    assert "2026-10-10" in starts  # herfst noord
    assert "2026-10-17" not in starts  # herfst midden/zuid
