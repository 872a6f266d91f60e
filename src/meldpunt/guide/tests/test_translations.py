"""English is complete: every string of the page frame and of every app is translated and compiled."""

import ast
import gettext
from pathlib import Path

import pytest

MELDPUNT = Path(__file__).resolve().parents[2]
# Every catalog of the project: the frame's and each app's own.
CATALOGS = sorted(MELDPUNT.glob("**/locale/en/LC_MESSAGES/django.po"))


def read_po(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for every entry except the header."""
    entries: list[tuple[str, str, bool]] = []
    msgid = msgstr = None
    fuzzy = False
    target = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, target = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr "):
            msgstr, target = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and target == "msgid":
            msgid = (msgid or "") + ast.literal_eval(line)
        elif line.startswith('"') and target == "msgstr":
            msgstr = (msgstr or "") + ast.literal_eval(line)
        elif not line.strip() or line.startswith("#"):
            if msgid and msgstr is not None:
                entries.append((msgid, msgstr, fuzzy))
                fuzzy = False
            if msgstr is not None:
                msgid = msgstr = None
                target = ""
    return entries


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(MELDPUNT)))
def test_catalog_is_complete(po: Path) -> None:
    """Every msgid has an English msgstr and none is fuzzy."""
    entries = read_po(po)
    assert entries
    assert [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy] == []


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(MELDPUNT)))
def test_compiled_catalog_matches_the_source(po: Path) -> None:
    """The committed .mo holds exactly the translations in the .po (compilemessages was run)."""
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for msgid, msgstr, _fuzzy in read_po(po):
        # Django's template tags escape % as %% in msgids; gettext sees them as written.
        assert compiled.gettext(msgid) == msgstr, msgid
