"""Permission-matrix rows of the guide (see accounts/tests/matrix.py): the guide is public, its editor is for
administrators only."""

from __future__ import annotations

import copy
import json
from typing import Any

from meldpunt.accounts.tests.matrix import Row, World
from meldpunt.guide.selectors import shipped_table_content
from meldpunt.guide.services import decision_table_save, guide_table_load_if_empty

ADMINISTRATOR = frozenset({"administrator"})


def _changed_content() -> dict[str, Any]:
    content = copy.deepcopy(shipped_table_content())
    content["questions"][0]["text"]["nl"] = "Wie ben jij?"
    return content


def _save_data(world: World) -> dict[str, Any]:
    return {"content": json.dumps(_changed_content(), ensure_ascii=False), "note": "Je-vorm", "save": "1"}


def _first_version(world: World, user: Any) -> dict[str, Any]:
    guide_table_load_if_empty()
    return {"number": 1}


def _two_versions(world: World, user: Any) -> None:
    decision_table_save(actor=world.users["administrator"], content=_changed_content(), note="Je-vorm")


BACK_OFFICE = {
    "guide_admin:overview": Row("get", ADMINISTRATOR),
    "guide_admin:edit": Row("post", ADMINISTRATOR, data=_save_data),
    "guide_admin:history": Row("get", ADMINISTRATOR),
    "guide_admin:version": Row("get", ADMINISTRATOR, kwargs=_first_version),
    "guide_admin:restore": Row("post", ADMINISTRATOR, kwargs=_first_version, setup=_two_versions),
}

PUBLIC = {
    "guide:start",
    "guide:question",
    "guide:advice",
    "guide:advice_print",
    "guide:advice_email",
    "guide:restart",
}
