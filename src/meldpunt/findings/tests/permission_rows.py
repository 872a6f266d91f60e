"""Permission-matrix rows of the findings pages (see accounts/tests/matrix.py): the assigned handler only;
the reporter's pages answer to the portal session alone, so every staff account is turned away."""

from typing import Any

from meldpunt.accounts.tests.matrix import Row, World, reference_kwargs
from meldpunt.findings.constants import Side
from meldpunt.findings.services import (
    FindingsTexts,
    draft_findings_save,
    draft_findings_send,
    findings_comment_add,
    findings_finalise,
)
from meldpunt.privacy.actors import Actor, ActorKind

TEXTS = FindingsTexts(
    facts_established="De melder is gepest in de pauze.",
    facts_disputed="",
    assessment="De school heeft te weinig gedaan.",
    recommendations="Maak een plan tegen pesten.",
)
HANDLER_ONLY = frozenset({"handler"})


def _draft(world: World, user: Any) -> None:
    draft_findings_save(case=world.case, user=world.users["handler"], texts=TEXTS)


def _commented(world: World, user: Any) -> None:
    _draft(world, user)
    draft_findings_send(case=world.case, user=world.users["handler"])
    contact = world.users["school_contact"]
    findings_comment_add(case=world.case, side=Side.REPORTER, body="Klopt.", actor=Actor.reporter(world.case.reference))
    findings_comment_add(
        case=world.case, side=Side.SCHOOL, body="Klopt niet.", actor=Actor(kind=ActorKind.SCHOOL, user=contact)
    )


def _final(world: World, user: Any) -> None:
    _commented(world, user)
    findings_finalise(
        case=world.case,
        user=world.users["handler"],
        texts=TEXTS,
        changes="Niets veranderd: beide reacties bevestigen de feiten.",
    )


TEXT_DATA = {
    "facts_established": "De melder is gepest in de pauze.",
    "assessment": "De school heeft te weinig gedaan.",
}

BACK_OFFICE: dict[str, Row] = {
    "findings:case": Row("get", HANDLER_ONLY, kwargs=reference_kwargs),
    "findings:draft_save": Row(
        "post", HANDLER_ONLY, kwargs=reference_kwargs, data=lambda w: {f"draft-{k}": v for k, v in TEXT_DATA.items()}
    ),
    "findings:preview": Row("get", HANDLER_ONLY, kwargs=reference_kwargs, setup=_draft),
    "findings:send": Row("post", HANDLER_ONLY, kwargs=reference_kwargs, setup=_draft),
    "findings:finalise": Row(
        "post",
        HANDLER_ONLY,
        kwargs=reference_kwargs,
        setup=_commented,
        data=lambda w: {**{f"final-{k}": v for k, v in TEXT_DATA.items()}, "final-changes": "Niets veranderd."},
    ),
    "findings:pdf": Row(
        "get", HANDLER_ONLY, kwargs=lambda w, u: {"reference": w.case.reference, "round_number": 1}, setup=_final
    ),
    # The reporter's pages need the portal session; a staff account opens nothing there.
    "findings_reporter:page": Row("get", frozenset()),
    "findings_reporter:pdf": Row("get", frozenset()),
}
