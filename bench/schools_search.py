"""School search on the full DUO list: median time per query, and the ratio to a bare indexed lookup.

    .venv/bin/python bench/schools_search.py            # a temporary SQLite file
    DATABASE_URL=postgres://... .venv/bin/python bench/schools_search.py   # a throwaway test_<name> database

Imports the shipped files in data/duo/ (8,642 locations), then times each query and
`School.objects.filter(code=...).first()` (the unique index) in the same run. The ratio says how far
the search is from the cheapest query the database can answer; the absolute median must stay well
under 50 ms.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meldpunt.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from meldpunt.schools.models import School  # noqa: E402
from meldpunt.schools.selectors import school_search  # noqa: E402
from meldpunt.schools.services import duo_data_dir, duo_files_in, schools_import  # noqa: E402

ROUNDS = 200
QUERIES = [
    "verwonde",  # a word prefix in the middle of a name
    "alteveer verw",  # place and name together
    "de",  # very broad: thousands match, only the first 20 are sorted out
    "montessori amsterdam",
    "sint jozef",
    "32jk00",  # an exact location code
    "zzzz",  # nothing matches
]
LOOKUP_CODE = "32JK00"


def median_ms(action) -> float:
    action()  # warm the statement and page caches, as a running server would have them
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        if connection.vendor == "sqlite":
            # A real file, not the in-memory database tests use, so the numbers match `make run`.
            connection.settings_dict["TEST"]["NAME"] = str(Path(scratch) / "bench.sqlite3")
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            start = time.perf_counter()
            report = schools_import(files=duo_files_in(duo_data_dir()))
            print(f"database: {connection.vendor} ({test_name})")
            print(f"import: {report.rows} locations in {time.perf_counter() - start:.2f} s")

            lookup = median_ms(lambda: School.objects.filter(code=LOOKUP_CODE).first())
            print(f"bare lookup by code (unique index): median {lookup:.3f} ms over {ROUNDS} runs")
            medians = []
            for query in QUERIES:
                found = len(school_search(query=query))
                median = median_ms(lambda query=query: school_search(query=query))
                medians.append(median)
                print(f"  search {query!r:24} {found:3} results  median {median:7.3f} ms  ratio {median / lookup:6.1f}")
            overall = statistics.median(medians)
            worst = max(medians)
            print(f"search: median {overall:.3f} ms, slowest query {worst:.3f} ms (limit: well under 50 ms)")
            print(f"ratio search / bare lookup: {overall / lookup:.1f}")
            if worst >= 50:
                sys.exit("FAIL: a search took 50 ms or more")
        finally:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
