"""Steps the findings tests repeat, through the real services."""

from meldpunt.accounts.models import User
from meldpunt.cases.models import Case
from meldpunt.findings.constants import Side
from meldpunt.findings.models import DraftFindings, FinalFindings
from meldpunt.findings.services import (
    draft_findings_save,
    draft_findings_send,
    findings_comment_add,
    findings_finalise,
)
from meldpunt.privacy.actors import Actor

from .conftest import TEXTS

CHANGES = "De reactie van de school is verwerkt bij de betwiste feiten."


def sent(case: Case, handler: User) -> DraftFindings:
    draft_findings_save(case=case, user=handler, texts=TEXTS)
    return draft_findings_send(case=case, user=handler)


def both_commented(case: Case, handler: User, reporter: Actor, school: Actor) -> DraftFindings:
    draft = sent(case, handler)
    findings_comment_add(case=case, side=Side.REPORTER, body="Het was vaker.", actor=reporter)
    findings_comment_add(case=case, side=Side.SCHOOL, body="Wij wisten het niet.", actor=school)
    return draft


def finalised(case: Case, handler: User, reporter: Actor, school: Actor) -> FinalFindings:
    both_commented(case, handler, reporter, school)
    return findings_finalise(case=case, user=handler, texts=TEXTS, changes=CHANGES)
