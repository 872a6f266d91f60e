import pytest

from meldpunt.schools import duo
from meldpunt.schools.constants import DuoList, Sector
from meldpunt.schools.tests.duofiles import duo_bytes, school


def test_a_windows_1252_file_with_crlf_is_read():
    """A file in Windows-1252 with CRLF line endings (as DUO publishes it) is decoded and read."""
    data = duo_bytes(DuoList.PRIMARY, [school(name="IKC 't Oelebröd")], encoding="cp1252", newline="\r\n")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = duo.parse(data, source="po.csv")
    assert parsed.encoding == "cp1252"
    assert parsed.duo_list == DuoList.PRIMARY
    assert [s.name for s in parsed.schools] == ["IKC 't Oelebröd"]


def test_a_utf8_file_with_bom_and_crlf_is_read():
    """A UTF-8 file with a BOM and CRLF line endings is read; the BOM does not end up in the first column name."""
    data = duo_bytes(DuoList.PRIMARY, [school(name="Dr. Ariëns Daltonschool")], encoding="utf-8", bom=True)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = duo.parse(data, source="po.csv")
    assert parsed.encoding == "utf-8"
    assert parsed.schools[0].name == "Dr. Ariëns Daltonschool"
    assert parsed.schools[0].province == "Drenthe"


def test_quoted_fields_and_single_space_blanks():
    """A quoted value with doubled quotes is unquoted, and DUO's single-space blank becomes empty."""
    rows = [school("14DC06", 'VMBO "De Jutter" Vlieland', place="VLIELAND", ONDERWIJSSTRUCTUUR="VBO/MAVO")]
    data = duo_bytes(DuoList.SECONDARY, rows, encoding="utf-8", newline="\n")
    assert b'"VMBO ""De Jutter"" Vlieland"' in data
    (parsed,) = duo.parse(data, source="vo.csv").schools
    assert parsed.name == 'VMBO "De Jutter" Vlieland'
    assert parsed.phone == ""
    assert parsed.website == ""
    assert parsed.education == "VBO/MAVO"
    assert parsed.sector == Sector.VO


def test_each_list_is_recognised_by_its_header():
    """31 columns are primary, 32 with ONDERWIJSSTRUCTUUR secondary, 34 with SOORT PRIMAIR ONDERWIJS special."""
    assert len(duo.HEADERS[DuoList.PRIMARY]) == 31
    assert len(duo.HEADERS[DuoList.SECONDARY]) == 32
    assert len(duo.HEADERS[DuoList.SPECIAL]) == 34
    for duo_list, header in duo.HEADERS.items():
        assert duo.recognise(list(header), source="x.csv") == duo_list


def test_an_unknown_header_is_refused_naming_the_missing_columns():
    """A file without DUO's columns is refused with a message that names what is missing."""
    header = [column for column in duo.HEADERS[DuoList.PRIMARY] if column not in {"VESTIGINGSCODE", "POSTCODE"}]
    with pytest.raises(duo.DuoFileError) as error:
        duo.parse(duo_bytes(DuoList.PRIMARY, [school()], header=tuple(header)), source="raar.csv")
    assert "raar.csv" in error.value.message
    assert "VESTIGINGSCODE, POSTCODE" in error.value.message


def test_special_education_sectors():
    """In the 09 file SBAO rows count as primary (po), SO, VSO and (V)SO rows as special education (so)."""
    rows = [
        school("00AA00", "Sbo", **{"SOORT PRIMAIR ONDERWIJS": "SBAO", "ONDERWIJS": "SBAO"}),
        school("00AB00", "So", **{"SOORT PRIMAIR ONDERWIJS": "SO", "CLUSTER": "3", "ONDERWIJS": "SO ZMLK"}),
        school("00AC00", "Vso", **{"SOORT PRIMAIR ONDERWIJS": "(V)SO", "CLUSTER": "3/4"}),
    ]
    parsed = duo.parse(duo_bytes(DuoList.SPECIAL, rows), source="09.csv")
    assert parsed.duo_list == DuoList.SPECIAL
    assert [(s.kind, s.sector, s.cluster) for s in parsed.schools] == [
        ("SBAO", Sector.PO, ""),
        ("SO", Sector.SO, "3"),
        ("(V)SO", Sector.SO, "3/4"),
    ]
    assert parsed.schools[1].education == "SO ZMLK"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([school("32JK00"), school("32JK00", "Twee")], "twee keer"),
        ([school("32JK0")], "ongeldige vestigingscode"),
        ([{**school("32JK01"), "INSTELLINGSCODE": "99ZZ"}], "hoort niet bij"),
        ([school("32JK01", board=" ")], "ontbreekt"),
    ],
)
def test_a_bad_row_refuses_the_file_with_its_line(rows, message):
    """A duplicate or malformed code, or a missing board, refuses the whole file and names the line."""
    with pytest.raises(duo.DuoFileError) as error:
        duo.parse(duo_bytes(DuoList.PRIMARY, rows), source="po.csv")
    assert message in error.value.message
    assert "regel" in error.value.message


def test_a_row_with_the_wrong_number_of_fields_is_refused():
    """A row that does not have one value per column is refused."""
    data = duo_bytes(DuoList.PRIMARY, [school()]) + b"Drenthe;1;2\r\n"
    with pytest.raises(duo.DuoFileError, match="regel 3: 3 kolommen in plaats van 31"):
        duo.parse(data, source="po.csv")


def test_an_empty_file_is_refused():
    """An empty file is refused with a clear message."""
    with pytest.raises(duo.DuoFileError, match="leeg"):
        duo.parse(b"", source="po.csv")
