"""Builders for the information-request tests, through the real services (shared by the schoolportal tests)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.test import TestCase
from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.investigations.constants import ConsentSubject, PartyRole
from meldpunt.investigations.models import Consent, InformationRequest, Party
from meldpunt.investigations.services.parties import PartyDetails, consent_record, parties_ensure, party_update
from meldpunt.investigations.services.requests import (
    RequestDraft,
    RequestSent,
    default_due_on,
    information_request_draft_save,
    information_request_send,
)

SUMMARY = "Een leerling van groep 7 wordt sinds september buitengesloten in de klas en op het plein."
QUESTIONS = ("Wat weet de school van het buitensluiten?", "Welke afspraken zijn er met de ouders gemaakt?")


def committed() -> Any:
    """Run what the code under test queued with `transaction.on_commit` (emails), as a real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def inactive(user: User) -> User:
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()
    return user


def summary_consent(case: Case, handler: User) -> Consent:
    return consent_record(
        case=case,
        user=handler,
        subject=ConsentSubject.SUMMARY_WITH_SCHOOL,
        how_given="Telefonisch, bevestigd per e-mail",
    )


def request_draft(
    case: Case,
    handler: User,
    *,
    summary: str = SUMMARY,
    questions: Sequence[str] = QUESTIONS,
    due_on: date | None = None,
    contact_email: str = "",
    consent: Consent | None = None,
    **overrides: Any,
) -> InformationRequest:
    """A draft request with a recorded consent to share its summary, due in ten working days."""
    return information_request_draft_save(
        case=case,
        user=handler,
        draft=RequestDraft(
            summary=summary,
            questions=questions,
            due_on=due_on or default_due_on(today=local_date(timezone.now())),
            contact_email=contact_email,
        ),
        consent=consent or summary_consent(case, handler),
        **overrides,
    )


def request_sent(case: Case, handler: User, *, single_use_link: bool = False, **draft: Any) -> RequestSent:
    return information_request_send(
        request=request_draft(case, handler, **draft), user=handler, single_use_link=single_use_link
    )


def school_contact(case: Case, **overrides: Any) -> User:
    """A school contact of the case's board (with a TOTP device, as make_staff_user makes them)."""
    assert case.school is not None
    return make_staff_user("school_contact", board=case.school.board, **overrides)


def reporter_named(case: Case, handler: User, name: str) -> Party:
    """The reporter's party with a name the handler learned (the intake asks for none)."""
    parties_ensure(case=case, user=handler)
    party = Party.objects.get(case=case, role=PartyRole.REPORTER)
    return party_update(
        party=party,
        user=handler,
        details=PartyDetails(
            name=name,
            email=party.email or "",
            phone=party.phone or "",
            access=party.access,
            identity_shared_with_school=party.identity_shared_with_school,
        ),
    )
