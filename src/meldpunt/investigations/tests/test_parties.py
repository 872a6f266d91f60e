"""Parties and consent (issue 5, part 1): the reporter's intake choices are the default and widen only with consent."""

import datetime as dt

import pytest

from meldpunt.cases.models import Case
from meldpunt.cases.tests.case_helpers import case_in_investigation
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole
from meldpunt.investigations.models import Party
from meldpunt.investigations.services.parties import (
    PartyDetails,
    consent_record,
    consent_withdraw,
    parties_ensure,
    party_add,
    party_update,
)
from meldpunt.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(staff_user):
    return staff_user("handler")


@pytest.fixture
def case(handler, school):
    return case_in_investigation(handler, school=school.code)


def _identity_consent(case, handler):
    return consent_record(
        case=case, user=handler, subject=ConsentSubject.IDENTITY_WITH_SCHOOL, how_given="Telefonisch op 3 maart"
    )


def _details(party, **changes):
    values = {
        "name": party.name,
        "organisation": party.organisation,
        "email": party.email or "",
        "phone": party.phone or "",
        "access": party.access,
        "identity_shared_with_school": party.identity_shared_with_school,
    }
    values.update(changes)
    return PartyDetails(**values)


def test_the_reporter_and_the_board_become_parties_once(case, handler, school):
    """The reporter (with the case's contact details and intake choice) and the board are added once, audited."""
    added = parties_ensure(case=case, user=handler)
    assert sorted(p.role for p in added) == [PartyRole.REPORTER, PartyRole.SCHOOL_BOARD]
    reporter = Party.objects.get(case=case, role=PartyRole.REPORTER)
    assert (reporter.email, reporter.phone) == ("ouder@example.nl", "06 12345678")
    assert reporter.identity_shared_with_school is False
    assert reporter.access == PartyAccess.SHARED
    board = Party.objects.get(case=case, role=PartyRole.SCHOOL_BOARD)
    assert board.name == school.board.name
    assert parties_ensure(case=case, user=handler) == []
    assert AuditEntry.objects.filter(action="party.added").count() == 2


def test_the_intake_choice_to_share_identity_is_the_reporters_default(handler, school):
    """A reporter who agreed at intake is known to the school without a further consent."""
    case = case_in_investigation(handler, school=school.code, share_identity_with_school=True)
    parties_ensure(case=case, user=handler)
    assert Party.objects.get(case=case, role=PartyRole.REPORTER).identity_shared_with_school is True


def test_widening_the_reporters_identity_needs_a_recorded_consent(case, handler):
    """Letting the school know who the reporter is, against the intake choice, is refused without consent."""
    parties_ensure(case=case, user=handler)
    reporter = Party.objects.get(case=case, role=PartyRole.REPORTER)
    with pytest.raises(MeldpuntError) as refused:
        party_update(party=reporter, user=handler, details=_details(reporter, identity_shared_with_school=True))
    assert refused.value.field == "consent"
    summary_consent = consent_record(
        case=case, user=handler, subject=ConsentSubject.SUMMARY_WITH_SCHOOL, how_given="per e-mail"
    )
    with pytest.raises(MeldpuntError):
        party_update(
            party=reporter,
            user=handler,
            details=_details(reporter, identity_shared_with_school=True),
            consent=summary_consent,
        )
    party_update(
        party=reporter,
        user=handler,
        details=_details(reporter, identity_shared_with_school=True),
        consent=_identity_consent(case, handler),
    )
    reporter.refresh_from_db()
    assert reporter.identity_shared_with_school is True
    assert Case.objects.get(pk=case.pk).share_identity_with_school is True


def test_narrowing_is_always_allowed(handler, school):
    """Taking back what the school may know needs no consent, and the case's intake flag follows."""
    case = case_in_investigation(handler, school=school.code, share_identity_with_school=True)
    parties_ensure(case=case, user=handler)
    reporter = Party.objects.get(case=case, role=PartyRole.REPORTER)
    party_update(party=reporter, user=handler, details=_details(reporter, identity_shared_with_school=False))
    assert Case.objects.get(pk=case.pk).share_identity_with_school is False


def test_a_withdrawn_consent_no_longer_widens_and_its_withdrawal_narrows(case, handler):
    """Withdrawing the identity consent hides each reporter-side identity again; a withdrawn one counts for nothing."""
    consent = _identity_consent(case, handler)
    parent = party_add(
        case=case,
        user=handler,
        role=PartyRole.PARENT,
        details=PartyDetails(name="Ria Zwaan", access=PartyAccess.SHARED, identity_shared_with_school=True),
        consent=consent,
    )
    consent_withdraw(consent=consent, user=handler)
    parent.refresh_from_db()
    assert parent.identity_shared_with_school is False
    with pytest.raises(MeldpuntError):
        party_update(
            party=parent, user=handler, details=_details(parent, identity_shared_with_school=True), consent=consent
        )
    with pytest.raises(MeldpuntError):
        consent_withdraw(consent=consent, user=handler)


def test_a_witness_identity_is_the_handlers_choice(case, handler):
    """Parties outside the reporter's side need no reporter consent to be named to the school."""
    witness = party_add(
        case=case,
        user=handler,
        role=PartyRole.WITNESS,
        details=PartyDetails(name="Meester Bakker", email="bakker@school.nl", identity_shared_with_school=True),
    )
    assert witness.identity_shared_with_school is True
    assert witness.access == PartyAccess.NOTHING


def test_the_reporter_and_the_board_cannot_be_added_twice(case, handler):
    """The automatic parties exist once per case; the handler edits them instead."""
    parties_ensure(case=case, user=handler)
    with pytest.raises(MeldpuntError) as refused:
        party_add(case=case, user=handler, role=PartyRole.SCHOOL_BOARD, details=PartyDetails())
    assert refused.value.field == "role"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "geen-adres"}, "email"),
        ({"phone": "bel me"}, "phone"),
        ({"name": "x" * 201}, "name"),
        ({"access": "everything"}, "access"),
    ],
)
def test_bad_party_details_are_refused_on_their_field(case, handler, changes, field):
    """Each bad detail gets its own message on its own field."""
    details = {"name": "Getuige", "access": PartyAccess.NOTHING, **changes}
    with pytest.raises(MeldpuntError) as refused:
        party_add(case=case, user=handler, role=PartyRole.WITNESS, details=PartyDetails(**details))
    assert refused.value.field == field


def test_only_the_cases_handler_works_on_its_parties(case, staff_user):
    """Another handler or a coordinator not assigned to the case may not add parties or consents."""
    for other in (staff_user("handler"), staff_user("coordinator")):
        with pytest.raises(PermissionDenied):
            parties_ensure(case=case, user=other)
        with pytest.raises(PermissionDenied):
            consent_record(case=case, user=other, subject=ConsentSubject.REFERRAL, how_given="x")


def test_a_consent_cannot_be_dated_in_the_future_and_needs_words(case, handler):
    """How the consent was given is required, and it was given today or earlier."""
    with pytest.raises(MeldpuntError) as refused:
        consent_record(case=case, user=handler, subject=ConsentSubject.REFERRAL, how_given="  ")
    assert refused.value.field == "how_given"
    with pytest.raises(MeldpuntError) as refused:
        consent_record(
            case=case,
            user=handler,
            subject=ConsentSubject.REFERRAL,
            how_given="per brief",
            given_on=dt.date.today() + dt.timedelta(days=2),
        )
    assert refused.value.field == "given_on"
