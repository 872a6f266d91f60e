import re

import pytest

from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.intake.codes import access_code_matches
from meldpunt.portal.models import SupportAccess
from meldpunt.portal.selectors import support_accesses_for_case, visitor_find
from meldpunt.portal.services import (
    SUPPORT_PERSONS_MAX,
    SignInRefused,
    reporter_message_send,
    support_access_invite,
    support_access_revoke,
    visitor_sign_in,
)
from meldpunt.portal.visitors import Visitor, VisitorKind
from meldpunt.privacy.models import AuditEntry

CLIENT = "203.0.113.9"
pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(submitted) -> Visitor:
    return Visitor(case=submitted.case, kind=VisitorKind.REPORTER)


def test_invitation_gives_an_own_id_and_a_hashed_code(reporter):
    """A support person gets an id like STP-XXXX-XXXX and an access code stored only as an Argon2id hash."""
    access, code = support_access_invite(visitor=reporter)
    assert re.fullmatch(r"STP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", access.public_id)
    stored = SupportAccess.objects.get()
    assert stored.access_code_hash.startswith("$argon2id$") and code not in stored.access_code_hash
    assert access_code_matches(code, stored.access_code_hash)
    assert AuditEntry.objects.filter(action="case.support_person_invited", actor_kind="reporter").exists()


def test_support_person_signs_in_read_only(reporter):
    """The support person signs in with their own id and code and gets a read-only visitor, audited as such."""
    access, code = support_access_invite(visitor=reporter)
    visitor = visitor_sign_in(reference=access.public_id.lower(), access_code=code, client=CLIENT)
    assert visitor.kind is VisitorKind.SUPPORT_PERSON and visitor.read_only
    assert visitor.case.pk == reporter.case.pk
    entry = AuditEntry.objects.get(action="case.support_person_sign_in")
    assert (entry.actor_kind, entry.actor_ref) == ("support_person", access.public_id)


def test_support_person_cannot_write(reporter):
    """A support person can send no message and cannot invite or revoke others."""
    access, _code = support_access_invite(visitor=reporter)
    support = Visitor(case=reporter.case, kind=VisitorKind.SUPPORT_PERSON, support_id=access.public_id)
    with pytest.raises(PermissionDenied):
        reporter_message_send(visitor=support, body="Hallo")
    with pytest.raises(PermissionDenied):
        support_access_invite(visitor=support)
    with pytest.raises(PermissionDenied):
        support_access_revoke(visitor=support, support_id=access.public_id)


def test_wrong_support_code_is_refused_like_a_reporter_code(reporter):
    """A wrong support code, or a made-up support id, gets the same refusal as a wrong reporter code."""
    access, _code = support_access_invite(visitor=reporter)
    messages = set()
    for reference in (access.public_id, "STP-AAAA-AAAA", reporter.case.reference):
        with pytest.raises(SignInRefused) as refused:
            visitor_sign_in(reference=reference, access_code="0000-0000-0000-0000", client=CLIENT)
        messages.add(refused.value.message)
    assert len(messages) == 1


def test_revoked_access_stops_at_once(reporter):
    """After revoking, the code no longer signs in and an open session finds no visitor."""
    access, code = support_access_invite(visitor=reporter)
    support_access_revoke(visitor=reporter, support_id=access.public_id)
    with pytest.raises(SignInRefused):
        visitor_sign_in(reference=access.public_id, access_code=code, client=CLIENT)
    assert visitor_find(case_id=reporter.case.pk, support_id=access.public_id) is None
    (listed,) = support_accesses_for_case(case=reporter.case)
    assert listed.revoked_at is not None
    assert AuditEntry.objects.filter(action="case.support_person_revoked").exists()


def test_reporter_cannot_revoke_another_cases_support_person(reporter, make_report):
    """A support id of another case is not found for this reporter."""
    other = Visitor(case=make_report().case, kind=VisitorKind.REPORTER)
    access, _code = support_access_invite(visitor=other)
    with pytest.raises(NotFound):
        support_access_revoke(visitor=reporter, support_id=access.public_id)


def test_number_of_support_persons_is_limited(reporter):
    """At most three support persons at a time; revoking one makes room again."""
    accesses = [support_access_invite(visitor=reporter)[0] for _ in range(SUPPORT_PERSONS_MAX)]
    with pytest.raises(MeldpuntError):
        support_access_invite(visitor=reporter)
    support_access_revoke(visitor=reporter, support_id=accesses[0].public_id)
    support_access_invite(visitor=reporter)
