"""The work queue at 100,000 cases: one page of `case_queue` as a ratio to a bare query of the same rows.

    .venv/bin/python bench/work_queue.py            # a temporary SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/work_queue.py   # a throwaway test_<name> database

Fills 100,000 cases with `bulk_create` (ten years of history; a heavy backlog of 30% still open so that
page 500 of the triage queue exists), spread over 2,000 schools in the 12 provinces, 25 handlers, every
status, category and attendance, priorities 0-150 and due dates from three weeks late to two months
ahead. Then, for a coordinator (the triage queue) and the busiest handler (their own cases), without
and with filters (status + province + late), sorted by priority and by deadline, it times page 1 and
page 500 (or the last page, when the filter leaves fewer) and, in the same run, the bare query a
reader would write for the same rows:

    Case.objects.filter(...).order_by(...).values_list("id")[offset:offset + 25]

`case_queue` finds the page with keyset seeks on the queue indexes (one query) and loads its rows with
the school, the handler and the earlier-reports count (a second query), and computes the triage
factors of the 25 rows in Python. The bare query has neither the rows nor the factors; over several
statuses it must also sort every matching row, and at page 500 it reads and skips 12,475 rows first,
which is why the selector can beat it there. A second column times the same bare query loading the 25
rows with their school and handler (`select_related`), the least an ORM page of rows costs. Exits
non-zero when a queue page takes 100 ms or more.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meldpunt.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, F  # noqa: E402
from django.utils import timezone  # noqa: E402

from meldpunt.accounts.constants import Role  # noqa: E402
from meldpunt.accounts.models import User  # noqa: E402
from meldpunt.cases.constants import Attendance, Category, ReporterRole, Status  # noqa: E402
from meldpunt.cases.deadlines import local_date  # noqa: E402
from meldpunt.cases.models import Case  # noqa: E402
from meldpunt.cases.queue import REGIONS, Cursor, PagePosition, QueueFilters, Sort  # noqa: E402
from meldpunt.cases.selectors import case_queue  # noqa: E402
from meldpunt.cases.services import case_type_default_get  # noqa: E402
from meldpunt.cases.workflow import OPEN_STATES  # noqa: E402
from meldpunt.schools.constants import Sector  # noqa: E402
from meldpunt.schools.models import Board, School  # noqa: E402

CASES = 100_000
OPEN_SHARE = 0.30
SCHOOLS = 2_000
BOARDS = 400
HANDLERS = 25
PAGE_SIZE = 25
DEEP_PAGE = 500
ROUNDS = 25
LIMIT_MS = 100.0
FILTERED = QueueFilters(status=Status.INTAKE, region="Noord-Holland", overdue=True)
CLOSED_STATES = [Status.CLOSED, Status.REFERRED, Status.NOT_TAKEN]


def fill(now: datetime) -> tuple[User, User]:
    rng = random.Random(20260310)
    today = local_date(now)
    boards = Board.objects.bulk_create(Board(number=f"{70000 + n}", name=f"Bestuur {n}") for n in range(BOARDS))
    schools = School.objects.bulk_create(
        School(
            code=f"{n:04d}XX",
            institution_code=f"{n:04d}",
            board=boards[n % BOARDS],
            name=f"School {n}",
            place="Plaats",
            province=REGIONS[n % len(REGIONS)],
            sector=Sector.PO if n % 3 else Sector.VO,
        )
        for n in range(SCHOOLS)
    )
    coordinator = User.objects.create(username="bench-coordinator", role=Role.COORDINATOR)
    handlers = User.objects.bulk_create(
        User(username=f"bench-handler-{n}", role=Role.HANDLER, email=f"h{n}@bench.test") for n in range(HANDLERS)
    )
    case_type = case_type_default_get()
    open_states = sorted(OPEN_STATES)
    categories = list(Category.values)
    batch: list[Case] = []
    for n in range(CASES):
        received_at = now - timedelta(days=3650 * (CASES - n) / CASES, minutes=n % 1440)
        is_open = rng.random() < OPEN_SHARE
        school = schools[rng.randrange(SCHOOLS)] if rng.random() < 0.9 else None
        out_of_school = rng.random() < 0.15
        due = today + timedelta(days=rng.randint(-20, 60)) if is_open and rng.random() < 0.9 else None
        handler = handlers[rng.randrange(HANDLERS)] if (not is_open or rng.random() < 0.8) else None
        priority = int(rng.triangular(0, 150, 20)) if is_open else 0
        # As `case_derived_refresh` stores it: a coordinator's override is the priority the queue sorts on.
        override = priority + 40 if is_open and rng.random() < 0.01 else None
        category = categories[rng.randrange(len(categories))]
        batch.append(
            Case(
                reference=f"MSV-BENCH-{n:06d}",
                status=open_states[rng.randrange(len(open_states))] if is_open else rng.choice(CLOSED_STATES),
                received_at=received_at,
                reporter_role=rng.choice(ReporterRole.values),
                categories=[category],
                description="Beschrijving voor de benchmark.",
                attendance=Attendance.NOT_ATTENDING if out_of_school else Attendance.ATTENDING,
                absent_since=today - timedelta(days=rng.randint(1, 90)) if out_of_school else None,
                acute_danger=rng.random() < 0.05,
                accused_is_staff=rng.random() < 0.1,
                school=school,
                sector=school.sector if school else Sector.UNKNOWN,
                access_code_hash="bench",
                assigned_handler=handler,
                case_type=case_type,
                region=school.province if school else "",
                primary_category=category,
                priority=override if override is not None else priority,
                priority_override=override,
                next_due_on=due,
                next_due_code="intake_decision" if due else "",
            )
        )
        if len(batch) == 2_000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    busiest = (
        Case.objects.filter(status__in=OPEN_STATES, assigned_handler__isnull=False)
        .values("assigned_handler")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    return coordinator, User.objects.get(pk=busiest["assigned_handler"])


def median_ms(action) -> float:
    action()  # warm the statement and page caches, as a running server would have them
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def bare_rows(viewer: User, *, own: bool, filters: QueueFilters, sort: Sort, today: date):
    """The same rows as the queue, written the obvious way: filter, order, slice."""
    cases = Case.objects.filter(status__in=[filters.status] if filters.status else list(OPEN_STATES))
    if own:
        cases = cases.filter(assigned_handler=viewer)
    if filters.region:
        cases = cases.filter(region=filters.region)
    if filters.overdue:
        cases = cases.filter(next_due_on__lt=today)
    if sort is Sort.PRIORITY:
        return cases.order_by("-priority", "id")
    return cases.order_by(F("next_due_on").asc(nulls_last=True), "id")


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        if connection.vendor == "sqlite":
            # A real file, not the in-memory database tests use, so the numbers match `make run`.
            connection.settings_dict["TEST"]["NAME"] = str(Path(scratch) / "bench.sqlite3")
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            now = timezone.now()
            today = local_date(now)
            start = time.perf_counter()
            coordinator, handler = fill(now)
            open_count = Case.objects.filter(status__in=OPEN_STATES).count()
            print(f"database: {connection.vendor} ({test_name})")
            print(f"filled {Case.objects.count():,} cases ({open_count:,} open) in {time.perf_counter() - start:.1f} s")
            print(
                f"{'viewer':12} {'filter':9} {'sort':10} {'page':>5} {'rows':>5} {'queue ms':>9} "
                f"{'bare ms':>8} {'ratio':>6} {'rows ms':>8} {'ratio':>6}"
            )
            worst = 0.0
            for viewer, own in ((coordinator, False), (handler, True)):
                for label, filters in (("none", QueueFilters()), ("filtered", FILTERED)):
                    for sort in Sort:
                        bare = bare_rows(viewer, own=own, filters=filters, sort=sort, today=today)
                        keys = list(bare.values_list("id", "priority", "next_due_on"))
                        last_page = max(1, -(-len(keys) // PAGE_SIZE))
                        for page_number in sorted({1, min(DEEP_PAGE, last_page)}):
                            offset = (page_number - 1) * PAGE_SIZE
                            after = None
                            if offset:
                                row_id, priority, due = keys[offset - 1]
                                after = Cursor(priority if sort is Sort.PRIORITY else due, row_id)
                            position = PagePosition(after=after, number=page_number)
                            page = case_queue(viewer=viewer, filters=filters, sort=sort, page=position, now=now)
                            expected = [row_id for row_id, _, _ in keys[offset : offset + PAGE_SIZE]]
                            assert [row.case.pk for row in page.rows] == expected, "the queue and the bare query differ"
                            queue_ms = median_ms(
                                lambda viewer=viewer, filters=filters, sort=sort, position=position: case_queue(
                                    viewer=viewer, filters=filters, sort=sort, page=position, now=now
                                )
                            )
                            bare_ms = median_ms(
                                lambda bare=bare, offset=offset: list(
                                    bare.values_list("id")[offset : offset + PAGE_SIZE]
                                )
                            )
                            rows_ms = median_ms(
                                lambda bare=bare, offset=offset: list(
                                    bare.select_related("school", "assigned_handler")[offset : offset + PAGE_SIZE]
                                )
                            )
                            worst = max(worst, queue_ms)
                            who = "coordinator" if not own else "handler"
                            print(
                                f"{who:12} {label:9} {sort.value:10} {page_number:5} {len(page.rows):5} "
                                f"{queue_ms:9.2f} {bare_ms:8.2f} {queue_ms / bare_ms:6.2f} "
                                f"{rows_ms:8.2f} {queue_ms / rows_ms:6.2f}"
                            )
            print(f"slowest queue page: {worst:.2f} ms (limit {LIMIT_MS:.0f} ms)")
            if worst >= LIMIT_MS:
                sys.exit(f"FAIL: a queue page took {LIMIT_MS:.0f} ms or more")
        finally:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
