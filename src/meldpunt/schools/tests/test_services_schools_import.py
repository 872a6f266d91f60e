import pytest

from meldpunt.schools.constants import DuoList, Sector
from meldpunt.schools.duo import DuoFileError
from meldpunt.schools.models import Board, School
from meldpunt.schools.services import schools_import, schools_load_if_empty
from meldpunt.schools.tests.duofiles import school, write_duo

pytestmark = pytest.mark.django_db


def _three_schools() -> list[dict[str, str]]:
    return [
        school(),
        school("03WU00", "Kindcentrum De Wegwijzer", place="2E EXLOERMOND", board="32073"),
        school("31LN00", "De Verwondering", place="ALMERE", board="40114"),
    ]


def test_import_creates_schools_and_their_boards(tmp_path):
    """An import creates each location with its board; the report counts them as added."""
    report = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools())])
    assert sorted(report.added) == ["03WU00", "31LN00", "32JK00"]
    assert report.boards_added == 3
    verwondering = School.objects.select_related("board").get(code="32JK00")
    assert verwondering.board.number == "20091"
    assert verwondering.institution_code == "32JK"
    assert verwondering.sector == Sector.PO
    assert verwondering.holiday_region == "noord"
    assert verwondering.active
    assert verwondering.search_text == " bbs de verwondering alteveer gem noordenveld 32jk00 32jk "


def test_reimport_is_idempotent_and_counts_changes(tmp_path):
    """A second import of the same file changes nothing; a changed name is one update, nothing duplicates."""
    path = write_duo(tmp_path, DuoList.PRIMARY, _three_schools())
    schools_import(files=[path])
    again = schools_import(files=[path])
    assert (again.added, again.updated, again.unchanged, again.closed) == ([], [], 3, [])

    rows = _three_schools()
    rows[0]["VESTIGINGSNAAM"] = "BBS De Verwondering Alteveer"
    changed = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, rows)])
    assert (changed.added, changed.updated, changed.unchanged) == ([], ["32JK00"], 2)
    assert School.objects.count() == 3
    assert Board.objects.count() == 3
    assert School.objects.get(code="32JK00").search_text.startswith(" bbs de verwondering alteveer ")


def test_a_board_name_entered_earlier_is_kept(tmp_path):
    """DUO's files carry no board names, so an import keeps a name an administrator entered."""
    Board.objects.create(number="20091", name="Stichting Baasis")
    report = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools())])
    assert report.boards_added == 2
    assert School.objects.get(code="32JK00").board.name == "Stichting Baasis"


def test_a_school_missing_from_a_later_file_is_closed_not_deleted(tmp_path):
    """A school that leaves DUO's file is marked inactive and reported; it comes back active if it returns."""
    schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools())])
    later = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools()[:2])])
    assert later.closed == ["31LN00"]
    assert later.unchanged == 2
    assert School.objects.get(code="31LN00").active is False

    returned = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools())])
    assert returned.updated == ["31LN00"]
    assert School.objects.get(code="31LN00").active is True


def test_an_import_closes_only_schools_of_the_lists_it_read(tmp_path):
    """Importing only the vo file does not close primary schools, nor schools made by hand."""
    schools_import(files=[write_duo(tmp_path / "po", DuoList.PRIMARY, _three_schools())])
    School.objects.create(
        code="99XX00", institution_code="99XX", board=Board.objects.first(), name="Handwerk", place="ASSEN"
    )
    vo = [school("14DC06", 'VMBO "De Jutter" Vlieland', place="VLIELAND", board="13603")]
    report = schools_import(files=[write_duo(tmp_path / "vo", DuoList.SECONDARY, vo)])
    assert report.added == ["14DC06"]
    assert report.closed == []
    assert School.objects.filter(active=True).count() == 5


def test_encodings_as_duo_publishes_them(tmp_path):
    """A Windows-1252 file and a UTF-8 file with a BOM and CRLF import to the same names."""
    rows = [school(name="Dr. Ariëns Daltonschool"), school("05NO00", "CNS-basisschool Cavaljé", board="42587")]
    cp1252 = write_duo(tmp_path / "a", DuoList.PRIMARY, rows, encoding="cp1252", newline="\r\n")
    schools_import(files=[cp1252])
    names = sorted(School.objects.values_list("name", flat=True))
    utf8 = write_duo(tmp_path / "b", DuoList.PRIMARY, rows, encoding="utf-8", newline="\r\n", bom=True)
    report = schools_import(files=[utf8])
    assert report.unchanged == 2
    assert names == ["CNS-basisschool Cavaljé", "Dr. Ariëns Daltonschool"]


def test_a_bad_file_changes_nothing(tmp_path):
    """When one of several files is refused, none of them is imported."""
    good = write_duo(tmp_path / "good", DuoList.PRIMARY, _three_schools())
    bad = tmp_path / "bad.csv"
    bad.write_text("NAAM;PLAATS\nDe School;ASSEN\n", encoding="utf-8")
    with pytest.raises(DuoFileError, match=r"bad\.csv is geen adressenbestand van DUO: deze kolommen ontbreken"):
        schools_import(files=[good, bad])
    assert not School.objects.exists()


def test_a_code_in_two_files_is_refused(tmp_path):
    """One location code in two files is an error, not a silent overwrite."""
    po = write_duo(tmp_path / "po", DuoList.PRIMARY, [school()])
    vo = write_duo(tmp_path / "vo", DuoList.SECONDARY, [school()])
    with pytest.raises(DuoFileError, match="32JK00 staat in meer dan één bestand"):
        schools_import(files=[po, vo])


def test_a_missing_file_is_a_clear_error(tmp_path):
    """A file that cannot be read gives a domain error naming it."""
    with pytest.raises(DuoFileError, match="niet lezen"):
        schools_import(files=[tmp_path / "weg.csv"])


def test_load_if_empty_imports_once(tmp_path):
    """The demo loader's call imports into an empty registry, and is a no-op once schools exist."""
    write_duo(tmp_path, DuoList.PRIMARY, _three_schools())
    first = schools_load_if_empty(directory=tmp_path)
    assert first is not None
    assert len(first.added) == 3
    assert schools_load_if_empty(directory=tmp_path) is None


def test_a_school_that_moves_to_another_board_follows_it(tmp_path):
    """When DUO lists a location under another board number, the school moves to that board."""
    schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, _three_schools())])
    rows = _three_schools()
    rows[0]["BEVOEGD GEZAG NUMMER"] = "40114"
    report = schools_import(files=[write_duo(tmp_path, DuoList.PRIMARY, rows)])
    assert report.updated == ["32JK00"]
    assert School.objects.get(code="32JK00").board.number == "40114"
