"""`manage.py schools_import`: the shipped folder by default, and `--fetch` against a real local HTTP server."""

import functools
import http.server
import io
import socket
import threading

import pytest
from django.core.management import CommandError, call_command

from meldpunt.schools.constants import DuoList
from meldpunt.schools.duo import FILE_NAMES
from meldpunt.schools.models import School
from meldpunt.schools.tests.duofiles import school, write_duo

pytestmark = pytest.mark.django_db


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Keeps the test output clean; the server's access log says nothing the test needs."""


@pytest.fixture
def duo_site(tmp_path):
    """A local stand-in for DUO's open-data site serving `<root>/images/`, on a free port of 127.0.0.1."""
    images = tmp_path / "site" / "images"
    write_duo(images, DuoList.PRIMARY, [school(), school("03WU00", "Kindcentrum De Wegwijzer", board="32073")])
    write_duo(images, DuoList.SECONDARY, [school("14DC06", 'VMBO "De Jutter" Vlieland', board="13603")])
    write_duo(
        images,
        DuoList.SPECIAL,
        [school("06SV00", "De Aventurijn", board="41414", **{"SOORT PRIMAIR ONDERWIJS": "(V)SO", "CLUSTER": "4"})],
        encoding="utf-8",
        newline="\n",
    )
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield images, f"http://127.0.0.1:{server.server_address[1]}/images/"
    server.shutdown()
    server.server_close()
    thread.join()


def _run(*args):
    out = io.StringIO()
    call_command("schools_import", *args, stdout=out)
    return out.getvalue()


def test_without_arguments_the_shipped_folder_is_imported(tmp_path, settings):
    """With no arguments the command imports the CSV files in data/duo/ and prints the report."""
    settings.DATA_DIR = tmp_path
    write_duo(tmp_path / "duo", DuoList.PRIMARY, [school()])
    output = _run()
    assert f"{FILE_NAMES[DuoList.PRIMARY]}: 1 vestigingen (po)" in output
    assert "Nieuw: 1" in output
    assert School.objects.filter(code="32JK00").exists()


def test_the_report_names_changed_and_closed_schools(tmp_path):
    """A re-import prints how many were added, changed, unchanged and closed, with their codes."""
    _run(str(write_duo(tmp_path / "a", DuoList.PRIMARY, [school(), school("31LN00", "De Verwondering")])))
    output = _run(str(write_duo(tmp_path / "b", DuoList.PRIMARY, [school(name="BBS De Verwondering")])))
    assert "Nieuw: 0" in output
    assert "Gewijzigd: 1 (32JK00)" in output
    assert "Ongewijzigd: 0" in output
    assert "Niet meer bij DUO (gesloten, niet verwijderd): 1 (31LN00)" in output


def test_fetch_downloads_duo_files_byte_for_byte_and_imports_them(duo_site, tmp_path, settings):
    """--fetch downloads the three files from DUO_BASE_URL into the folder, unchanged, and imports them."""
    images, base_url = duo_site
    settings.DUO_BASE_URL = base_url
    target = tmp_path / "data"
    output = _run("--fetch", "--dir", str(target))
    for name in FILE_NAMES.values():
        assert (target / name).read_bytes() == (images / name).read_bytes()
    assert "Nieuw: 4" in output
    assert set(School.objects.values_list("code", flat=True)) == {"32JK00", "03WU00", "14DC06", "06SV00"}


def test_fetch_replaces_nothing_when_a_file_is_missing_on_the_site(duo_site, tmp_path, settings):
    """When DUO answers 404 for one file, no file on disk is replaced and nothing is imported."""
    images, base_url = duo_site
    (images / FILE_NAMES[DuoList.SPECIAL]).unlink()
    settings.DUO_BASE_URL = base_url
    target = tmp_path / "data"
    old = write_duo(target, DuoList.PRIMARY, [school(name="Oud")]).read_bytes()
    with pytest.raises(CommandError, match="status 404"):
        _run("--fetch", "--dir", str(target))
    assert (target / FILE_NAMES[DuoList.PRIMARY]).read_bytes() == old
    assert not School.objects.exists()


def test_fetch_gives_a_clear_error_when_duo_cannot_be_reached(tmp_path, settings):
    """When nothing listens at DUO_BASE_URL, the command stops with a message naming the address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.DUO_BASE_URL = f"http://127.0.0.1:{port}/images/"
    with pytest.raises(CommandError, match=rf"Kan http://127\.0\.0\.1:{port}/images/02\..* niet ophalen"):
        _run("--fetch", "--dir", str(tmp_path), "--timeout", "5")
    assert not list(tmp_path.iterdir())


def test_fetch_refuses_a_base_url_that_is_not_http(tmp_path, settings):
    """Only http and https addresses are fetched (urllib would also open file: URLs)."""
    settings.DUO_BASE_URL = f"file://{tmp_path}/"
    with pytest.raises(CommandError, match="http:// of https://"):
        _run("--fetch", "--dir", str(tmp_path))


def test_fetch_and_files_together_are_refused(tmp_path):
    """--fetch takes no file arguments."""
    with pytest.raises(CommandError, match="niet allebei"):
        _run("--fetch", str(tmp_path / "x.csv"))
