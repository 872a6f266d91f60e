import pytest
from django.test import override_settings

from meldpunt.core.models import ThrottleHit
from meldpunt.portal.services import SignInRefused, SignInThrottled, reporter_sign_in, visitor_sign_in
from meldpunt.portal.visitors import VisitorKind
from meldpunt.privacy.models import AuditEntry

CLIENT = "203.0.113.7"
pytestmark = pytest.mark.django_db


def test_right_pair_signs_in_and_is_audited(submitted):
    """The reference and access code give the case, and the sign-in is in the audit log as the reporter."""
    case = reporter_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client=CLIENT)
    assert case.pk == submitted.case.pk
    entry = AuditEntry.objects.get(action="case.reporter_sign_in")
    assert (entry.actor_kind, entry.actor_ref, entry.object_pk) == ("reporter", case.reference, str(case.pk))


def test_what_people_type_is_accepted(submitted):
    """Lower case, spaces around and inside, a typographic dash and a code without dashes still sign in."""
    typed_reference = "  " + submitted.case.reference.lower().replace("-", "–", 1) + " "
    typed_code = submitted.access_code.replace("-", " ").lower()
    assert reporter_sign_in(reference=typed_reference, access_code=typed_code, client=CLIENT).pk == submitted.case.pk


def test_unknown_reference_and_wrong_code_are_refused_alike(submitted):
    """A made-up reference and a wrong code for a real one raise the same refusal with the same words."""
    with pytest.raises(SignInRefused) as unknown:
        reporter_sign_in(reference="MSV-2026-999999", access_code=submitted.access_code, client=CLIENT)
    with pytest.raises(SignInRefused) as wrong:
        reporter_sign_in(reference=submitted.case.reference, access_code="0000-0000-0000-0000", client=CLIENT)
    assert unknown.value.message == wrong.value.message
    assert not AuditEntry.objects.filter(action="case.reporter_sign_in").exists()


def _fail(reference: str, client: str = CLIENT) -> None:
    with pytest.raises(SignInRefused):
        reporter_sign_in(reference=reference, access_code="WRNG-WRNG-WRNG-WRNG", client=client)


@override_settings(REPORTER_SIGNIN_FAILURES_PER_REFERENCE=3, REPORTER_SIGNIN_FAILURES_PER_CLIENT=100)
@pytest.mark.parametrize("real", [True, False], ids=["real reference", "made-up reference"])
def test_failures_are_counted_per_reference(submitted, real):
    """Past the limit per reference, even the right code is throttled, for real and made-up references alike."""
    reference = submitted.case.reference if real else "MSV-2026-424242"
    for number in range(3):
        _fail(reference, client=f"198.51.100.{number}")
    with pytest.raises(SignInThrottled) as throttled:
        reporter_sign_in(reference=reference.lower(), access_code=submitted.access_code, client="192.0.2.1")
    assert 0 < throttled.value.retry_after_seconds <= 15 * 60
    # Another reference is not affected.
    if real:
        with pytest.raises(SignInRefused):
            reporter_sign_in(reference="MSV-2026-424242", access_code="x", client="192.0.2.2")
    else:
        case = reporter_sign_in(
            reference=submitted.case.reference, access_code=submitted.access_code, client="192.0.2.2"
        )
        assert case.pk == submitted.case.pk


@override_settings(REPORTER_SIGNIN_FAILURES_PER_REFERENCE=100, REPORTER_SIGNIN_FAILURES_PER_CLIENT=3)
def test_failures_are_counted_per_client(submitted):
    """Past the limit per client, that client is throttled on any reference; another client is not."""
    for number in range(3):
        _fail(f"MSV-2026-00000{number}")
    with pytest.raises(SignInThrottled):
        reporter_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client=CLIENT)
    case = reporter_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client="192.0.2.9")
    assert case.pk == submitted.case.pk


def test_throttled_attempts_are_not_counted_again(submitted):
    """A throttled attempt adds no hit, so waiting out the window always helps."""
    with override_settings(REPORTER_SIGNIN_FAILURES_PER_REFERENCE=2):
        _fail(submitted.case.reference)
        _fail(submitted.case.reference)
        hits = ThrottleHit.objects.count()
        with pytest.raises(SignInThrottled):
            reporter_sign_in(reference=submitted.case.reference, access_code="x", client=CLIENT)
    assert ThrottleHit.objects.count() == hits


def test_window_frees_up_after_fifteen_minutes(submitted, time_machine):
    """Fifteen minutes after the failures, the reporter can sign in again."""
    time_machine.move_to("2026-11-30 10:00 +01:00", tick=False)
    with override_settings(REPORTER_SIGNIN_FAILURES_PER_REFERENCE=2):
        _fail(submitted.case.reference)
        _fail(submitted.case.reference)
        with pytest.raises(SignInThrottled) as throttled:
            reporter_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client=CLIENT)
        assert throttled.value.retry_after_seconds == 15 * 60
        time_machine.move_to("2026-11-30 10:15:01 +01:00", tick=False)
        case = reporter_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client=CLIENT)
    assert case.pk == submitted.case.pk


def test_throttle_keys_store_no_reference_or_address(submitted):
    """The throttle table holds keyed hashes, never the typed reference or the client address."""
    _fail(submitted.case.reference)
    stored = " ".join(ThrottleHit.objects.values_list("key_hash", flat=True))
    assert submitted.case.reference not in stored and CLIENT not in stored


def test_portal_sign_in_gives_a_reporter_visitor(submitted):
    """On the portal page a case reference signs in the reporter, who may write."""
    visitor = visitor_sign_in(reference=submitted.case.reference, access_code=submitted.access_code, client=CLIENT)
    assert visitor.kind is VisitorKind.REPORTER and not visitor.read_only
    assert visitor.actor.ref == submitted.case.reference
