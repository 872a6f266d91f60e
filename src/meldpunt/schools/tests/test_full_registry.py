"""The three shipped DUO files, imported once for this module (a few seconds), then searched."""

import time

import pytest

from meldpunt.schools.constants import DuoList, Sector
from meldpunt.schools.duo import FILE_NAMES
from meldpunt.schools.models import Board, School
from meldpunt.schools.selectors import school_search
from meldpunt.schools.services import duo_data_dir, duo_files_in, schools_import

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker):
    """The full registry, committed once; each test runs in its own rolled-back transaction on top."""
    with django_db_blocker.unblock():
        report = schools_import(files=duo_files_in(duo_data_dir()))
    yield report
    with django_db_blocker.unblock():
        School.objects.all().delete()
        Board.objects.all().delete()


def _codes(query, **options):
    return [school.code for school in school_search(query=query, **options)]


def test_the_shipped_files_import_with_their_counts(registry):
    """The shipped files hold 6,107 po, 1,630 vo and 905 sbo/so/vso locations, and all of them are imported."""
    assert registry.files == [
        (FILE_NAMES[DuoList.PRIMARY], "po", 6107),
        (FILE_NAMES[DuoList.SECONDARY], "vo", 1630),
        (FILE_NAMES[DuoList.SPECIAL], "sbo_so_vso", 905),
    ]
    assert len(registry.added) + len(registry.updated) + registry.unchanged == 8642
    assert School.objects.count() == 8642
    assert School.objects.filter(duo_list=DuoList.PRIMARY).count() == 6107
    assert School.objects.filter(duo_list=DuoList.SECONDARY).count() == 1630
    assert School.objects.filter(duo_list=DuoList.SPECIAL).count() == 905
    # SBAO (262 locations in the 09 file) counts as primary education.
    assert School.objects.filter(sector=Sector.PO).count() == 6107 + 262
    assert School.objects.filter(sector=Sector.SO).count() == 905 - 262
    assert Board.objects.filter(schools__isnull=False).distinct().count() == 1044


def test_the_shipped_files_are_decoded_right(registry):
    """Windows-1252 names, quoted names and UTF-8 names come out as DUO wrote them."""
    assert School.objects.get(code="10UN00").name == "IKC 't Oelebröd"
    assert School.objects.get(code="14DC06").name == 'VMBO "De Jutter" Vlieland'
    verwondering = School.objects.select_related("board").get(code="32JK00")
    assert (verwondering.name, verwondering.place, verwondering.board.number) == (
        "BBS de Verwondering",
        "ALTEVEER GEM NOORDENVELD",
        "20091",
    )


def test_reimporting_the_shipped_files_changes_nothing(registry):
    """A second import of the same files adds, updates and closes nothing."""
    report = schools_import(files=duo_files_in(duo_data_dir()))
    assert (report.added, report.updated, report.closed, report.unchanged) == ([], [], [], 8642)


def test_one_changed_name_in_a_real_file_is_one_update(registry, tmp_path):
    """Changing one name in a copy of DUO's Windows-1252 file gives exactly one update."""
    source = duo_data_dir() / FILE_NAMES[DuoList.PRIMARY]
    data = source.read_bytes()
    assert data.count(b";BBS de Verwondering;") == 1
    changed = tmp_path / source.name
    changed.write_bytes(data.replace(b";BBS de Verwondering;", b";BBS De Verwondering Alteveer;"))
    others = [path for path in duo_files_in(duo_data_dir()) if path.name != source.name]

    report = schools_import(files=[changed, *others])
    assert (report.added, report.updated, report.closed, report.unchanged) == ([], ["32JK00"], [], 8641)
    assert School.objects.get(code="32JK00").name == "BBS De Verwondering Alteveer"


def test_search_finds_a_school_by_a_word_prefix_of_its_name(registry):
    """ "verwonde" and "VERWONDÉ" both find "BBS de Verwondering", regardless of case and accents."""
    assert "32JK00" in _codes("verwonde")
    assert _codes("VERWONDÉ") == _codes("verwonde")


def test_search_by_code_puts_the_exact_code_first(registry):
    """An exact location code or institution code, in any case, ranks that school first."""
    assert _codes("32JK00")[0] == "32JK00"
    assert _codes("32jk00")[0] == "32JK00"
    assert _codes("32jk")[0] == "32JK00"


def test_search_by_place_and_narrowing_by_name(registry):
    """A place finds its schools, and every further term must also match a word prefix."""
    assert "32JK00" in _codes("alteveer")
    assert _codes("alteveer verw") == ["32JK00"]
    assert _codes("alteveer xyz") == []


def test_a_name_that_starts_with_the_query_ranks_above_one_that_only_contains_it(registry):
    """ "de verwondering" lists the schools named De Verwondering before "BBS de Verwondering"."""
    names = [school.name.casefold() for school in school_search(query="de verwondering", limit=50)]
    assert names.index("bbs de verwondering") > names.index("de verwondering")


def test_closed_schools_are_left_out_unless_asked_for(registry):
    """Only active schools are found by default."""
    School.objects.filter(code="32JK00").update(active=False)
    assert "32JK00" not in _codes("verwonde")
    assert "32JK00" in _codes("verwonde", include_inactive=True)


def test_search_returns_at_most_the_limit(registry):
    """A broad query returns no more than the limit, and an empty query nothing."""
    assert len(school_search(query="de", limit=20)) == 20
    assert school_search(query="  ") == []


def test_search_answers_well_within_50_ms_on_the_full_list(registry):
    """A broad search over all 8,642 locations takes well under 50 ms (best of five, on a busy machine)."""
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        school_search(query="de school")
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.05
