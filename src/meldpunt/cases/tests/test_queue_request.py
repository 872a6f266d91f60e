import datetime as dt

import pytest

from meldpunt.cases.deadlines import working_days_in
from meldpunt.cases.queue import (
    Assigned,
    Cursor,
    QueueFilters,
    Sort,
    cursor_format,
    cursor_parse,
    filters_query,
    page_query,
    queue_request_parse,
    saved_query_clean,
    working_days_left,
)


def test_a_query_string_becomes_filters_sort_and_page():
    """Every known parameter is read into the request."""
    request = queue_request_parse(
        {
            "status": "intake",
            "onderwerp": "discrimination",
            "sector": "vo",
            "regio": "Utrecht",
            "binnen": "7",
            "te_laat": "1",
            "thuiszitter": "on",
            "toegewezen": "nee",
            "sorteer": "termijn",
            "na": "2026-03-10.42",
            "pagina": "3",
        }
    )
    assert request.filters == QueueFilters(
        status="intake",
        category="discrimination",
        sector="vo",
        region="Utrecht",
        due_within_days=7,
        overdue=True,
        out_of_school=True,
        assigned=Assigned.NO,
    )
    assert request.sort is Sort.DEADLINE
    assert request.page.after == Cursor(dt.date(2026, 3, 10), 42) and request.page.number == 3


@pytest.mark.parametrize(
    "params",
    [
        {"status": "gesloten"},
        {"regio": "Atlantis"},
        {"binnen": "-1"},
        {"binnen": "9999"},
        {"binnen": "zeven"},
        {"sorteer": "naam"},
        {"toegewezen": "iedereen"},
        {"na": "drop table"},
        {"pagina": "7"},
    ],
)
def test_unknown_or_malformed_values_fall_back_to_the_default(params):
    """A hand-edited address never ends on an error: what is not understood is dropped."""
    request = queue_request_parse(params)
    assert request.filters == QueueFilters()
    assert request.sort is Sort.PRIORITY
    assert request.page.after is None and request.page.number == 1


@pytest.mark.parametrize(
    ("cursor", "sort"),
    [
        (Cursor(57, 12), Sort.PRIORITY),
        (Cursor(dt.date(2026, 1, 2), 9), Sort.DEADLINE),
        (Cursor(None, 3), Sort.DEADLINE),
    ],
)
def test_a_cursor_survives_the_round_trip_through_the_address(cursor, sort):
    """What a page link writes is what the next request reads."""
    assert cursor_parse(cursor_format(cursor), sort) == cursor


def test_a_cursor_of_the_other_sort_order_is_ignored():
    """A date cursor means nothing in the priority order, and a number nothing in the deadline order."""
    assert cursor_parse("2026-01-02.9", Sort.PRIORITY) is None
    assert cursor_parse("57.12", Sort.DEADLINE) is None
    assert cursor_parse("2026-02-30.1", Sort.DEADLINE) is None


def test_page_links_keep_the_filters_and_add_the_position():
    """The next-page address is the filter's address plus the cursor and the page number shown."""
    filters = QueueFilters(region="Utrecht", overdue=True)
    assert filters_query(filters, Sort.PRIORITY) == "regio=Utrecht&te_laat=1"
    assert page_query(filters, Sort.DEADLINE, after=Cursor(None, 8), number=2) == (
        "regio=Utrecht&te_laat=1&sorteer=termijn&na=x.8&pagina=2"
    )


def test_a_saved_filter_keeps_only_the_canonical_filter():
    """Saving drops page positions and anything unknown, in a fixed order."""
    assert saved_query_clean("?na=5.9&thuiszitter=1&x=<script>&regio=Utrecht") == "regio=Utrecht&thuiszitter=1"
    assert saved_query_clean("") == ""


@pytest.mark.parametrize(
    ("due", "today", "left"),
    [
        (dt.date(2026, 3, 10), dt.date(2026, 3, 10), 0),
        (dt.date(2026, 3, 16), dt.date(2026, 3, 13), 1),  # Friday to Monday
        (dt.date(2026, 3, 13), dt.date(2026, 3, 16), -1),
        (dt.date(2026, 4, 27), dt.date(2026, 4, 24), 0),  # Koningsdag is no working day
    ],
)
def test_working_days_left_count_like_the_deadline_clock(due, today, left):
    """0 on the due day, working days to go before it, minus working days past it."""
    assert working_days_left(due, today) == left
    if today <= due:
        assert left == working_days_in(today + dt.timedelta(days=1), due + dt.timedelta(days=1))
