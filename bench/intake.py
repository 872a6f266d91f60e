"""One accepted report, as a ratio to its floor measured in the same run (issue 3: the ratio should be under 2).

    .venv/bin/python bench/intake.py            # a temporary SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/intake.py   # a throwaway test_<name> database

Measured, interleaved round by round so that a busy machine slows every part alike:

- HTTP: a Django test Client POST of a complete report to /api/v1/reports (JSON parsing, middleware,
  validation with the school lookup, the throttle check and count, report_submit, the 201 body).
- service: `report_validate` + `report_submit`, the unit the wizard and the API share.
- floor: what no implementation can avoid: the Argon2id hash of the access code, plus one bare INSERT of
  the same case row (raw SQL, column values encrypted beforehand, committed on its own).

The throttle is raised out of reach. Tasks go to the database queue as in production, so the
acknowledgement costs one enqueued row, not a sent email.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meldpunt.settings.test")

from django.conf import settings  # noqa: E402

settings.INTAKE_REPORTS_PER_HOUR = 1_000_000_000
settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from meldpunt.cases.deadlines import local_date  # noqa: E402
from meldpunt.cases.models import Case  # noqa: E402
from meldpunt.intake.codes import access_code_hash, access_code_new  # noqa: E402
from meldpunt.intake.services import report_submit  # noqa: E402
from meldpunt.intake.validation import SchoolFacts, report_validate  # noqa: E402
from meldpunt.schools.constants import HolidayRegion, Sector  # noqa: E402
from meldpunt.schools.models import Board, School  # noqa: E402

ROUNDS = 60
TARGET = 2.0
REPORT = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological", "unequal_treatment"],
    "description": "Mijn dochter wordt al maanden gepest en durft niet meer naar school. " * 10,
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


def school_lookup(code: str) -> SchoolFacts | None:
    row = School.objects.filter(code=code, active=True).values_list("code", "sector").first()
    return SchoolFacts(*row) if row else None


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        if connection.vendor == "sqlite":
            # A real file, not the in-memory database tests use, so commits cost what they cost in `make run`.
            connection.settings_dict["TEST"]["NAME"] = str(Path(scratch) / "bench.sqlite3")
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run(test_name)
        finally:
            connection.creation.destroy_test_db(test_name, verbosity=0)


def run(test_name: str) -> None:
    board = Board.objects.create(number="20091")
    School.objects.create(
        code="32JK00",
        institution_code="32JK",
        board=board,
        name="BBS de Verwondering",
        place="ALTEVEER GEM NOORDENVELD",
        sector=Sector.PO,
        holiday_region=HolidayRegion.NORTH,
    )
    client = Client()
    raw = json.dumps(REPORT).encode()

    def http() -> None:
        response = client.post("/api/v1/reports", data=raw, content_type="application/json")
        assert response.status_code == 201, response.content

    def service() -> None:
        report, errors = report_validate(REPORT, today=local_date(timezone.now()), school_lookup=school_lookup)
        assert report is not None, errors
        report_submit(report=report)

    http()
    service()
    # The floor's row: the stored case's own column values, encrypted once here, outside the timing.
    case = Case.objects.order_by("-pk").first()
    fields = [field for field in Case._meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(getattr(case, field.attname), connection) for field in fields]
    at_reference = [field.attname for field in fields].index("reference")
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(Case._meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    inserted = 0

    def bare_insert() -> None:
        nonlocal inserted
        inserted += 1
        values[at_reference] = f"BENCH-{inserted:06d}"
        with connection.cursor() as cursor:  # autocommit: the INSERT is committed on its own
            cursor.execute(sql, values)

    code = access_code_new()
    timings: dict[str, list[float]] = {"http": [], "service": [], "hash": [], "insert": []}
    bare_insert()
    for _ in range(ROUNDS):
        timings["http"].append(timed(http))
        timings["service"].append(timed(service))
        timings["hash"].append(timed(lambda: access_code_hash(code)))
        timings["insert"].append(timed(bare_insert))
    median = {name: statistics.median(values) for name, values in timings.items()}
    floor = median["hash"] + median["insert"]

    print(f"database: {connection.vendor} ({test_name}), {ROUNDS} rounds, medians")
    print(f"one accepted report, HTTP POST /api/v1/reports:      {median['http']:7.2f} ms")
    print(f"one accepted report, report_validate + report_submit: {median['service']:7.2f} ms")
    print(
        f"floor: Argon2id access-code hash {median['hash']:.2f} ms + bare INSERT {median['insert']:.2f} ms "
        f"= {floor:.2f} ms"
    )
    print(f"ratio HTTP / floor:    {median['http'] / floor:.2f} (target: under {TARGET})")
    print(f"ratio service / floor: {median['service'] / floor:.2f}")
    if median["http"] / floor >= TARGET:
        sys.exit(f"FAIL: one accepted report costs {TARGET} times its floor or more")


if __name__ == "__main__":
    main()
