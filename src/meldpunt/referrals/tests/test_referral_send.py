import pytest
from django.core import mail
from django.utils import timezone

from meldpunt.accounts.tests.helpers import make_staff_user
from meldpunt.cases.constants import Status
from meldpunt.cases.services import case_start_investigation
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.investigations.constants import ConsentSubject, PartyRole
from meldpunt.investigations.models import Consent, Party
from meldpunt.privacy.models import AuditEntry
from meldpunt.referrals.constants import ReferralStatus
from meldpunt.referrals.models import Referral
from meldpunt.referrals.selectors import referral_draft_build, referral_summary_prefill
from meldpunt.referrals.services import referral_send

from .conftest import DESCRIPTION, EMAIL, PHONE, network_input, organisation_make, submit

pytestmark = pytest.mark.django_db(transaction=True)


def _refusal(setting, **overrides) -> MeldpuntError:
    with pytest.raises(MeldpuntError) as refused:
        referral_send(case=setting.case, user=setting.handler, data=network_input(setting, **overrides))
    return refused.value


def test_send_with_intake_consent(setting, send):
    """The intake's tick counts as consent: a consent record is made for it and the referral rests on it."""
    referral = send()
    assert referral.status == ReferralStatus.SENT and referral.partner_id == setting.organisation.pk
    consent = referral.consent
    assert consent.subject == ConsentSubject.REFERRAL and consent.given_at == setting.case.received_at
    assert consent.recorded_by is None
    second = send()
    assert second.consent_id == consent.pk  # the intake's consent is recorded once


def test_consent_required(setting):
    """Without any consent (none at intake, none recorded, none chosen) nothing is shared."""
    setting.case.consent_referral = False
    setting.case.save(update_fields=["consent_referral"])
    for choice in ("", "intake", "999"):
        assert _refusal(setting, consent_choice=choice).field == "consent_choice"
    assert _refusal(setting, consent_choice="new").field == "consent_how_given"
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_new_consent_is_recorded_and_audited(setting, send):
    """A consent given now is recorded with how it was given and who recorded it, in the audit log too."""
    referral = send(consent_choice="new", consent_how_given="Telefonisch, door moeder")
    consent = referral.consent
    assert (consent.how_given, consent.recorded_by) == ("Telefonisch, door moeder", setting.handler)
    assert AuditEntry.objects.filter(action="consent.recorded", object_pk=str(consent.pk)).exists()
    again = send(consent_choice=str(consent.pk))
    assert again.consent_id == consent.pk


def test_withdrawn_or_other_case_consent_refused(setting):
    """A withdrawn consent, or one of another case, is no consent for this referral."""
    other = submit()
    foreign = Consent.objects.create(case=other.case, subject="referral", how_given="x", given_at=timezone.now())
    withdrawn = Consent.objects.create(
        case=setting.case, subject="referral", how_given="x", given_at=timezone.now(), withdrawn_at=timezone.now()
    )
    for consent in (foreign, withdrawn):
        assert _refusal(setting, consent_choice=str(consent.pk)).field == "consent_choice"


def test_police_needs_legal_ground_not_consent(setting, send):
    """Police and Veilig Thuis go on a recorded legal ground, without a consent record."""
    setting.case.consent_referral = False
    setting.case.save(update_fields=["consent_referral"])
    assert _refusal(setting, kind="police", organisation_id=None, consent_choice="").field == "legal_ground"
    referral = send(kind="veilig_thuis", organisation_id=None, consent_choice="", legal_ground="Meldcode, stap 5")
    assert referral.consent is None and referral.legal_ground == "Meldcode, stap 5"
    assert referral.organisation is None  # the meldpunt shares it itself: nobody but the reporter is emailed
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_named_kind_needs_name(setting, send):
    """A complaints committee is named; its contact text is kept for the handler."""
    assert _refusal(setting, kind="complaints_committee", organisation_id=None).field == "recipient_name"
    referral = send(
        kind="complaints_committee",
        organisation_id=None,
        recipient_name="Landelijke Klachtencommissie Onderwijs",
        recipient_contact="Via het webformulier",
    )
    assert (referral.recipient_name, referral.recipient_contact) == (
        "Landelijke Klachtencommissie Onderwijs",
        "Via het webformulier",
    )


def test_organisation_must_take_referrals(setting):
    """Only a network organisation that takes referrals through the meldpunt can be chosen."""
    closed = organisation_make("Alleen Informatie", accepts=False)
    assert _refusal(setting, organisation_id=closed.pk).field == "organisation"
    assert _refusal(setting, organisation_id=None).field == "organisation"


def test_summary_redacts_contact_data_and_names(setting, send):
    """The reporter's name, email and phone, and other parties' names, never reach the partner unasked."""
    now = timezone.now()
    Party.objects.create(case=setting.case, role=PartyRole.REPORTER, name="Marieke Jansen", added_at=now)
    Party.objects.create(case=setting.case, role=PartyRole.WITNESS, name="Kees Bakker", added_at=now)
    text = f"Marieke Jansen ({EMAIL}, {PHONE}) vraagt hulp. Getuige Kees Bakker zag het. Mail ook x@y.nl."
    referral = send(summary=text)
    shared = referral.shared_summary
    for secret in ("Marieke", "Jansen", EMAIL, PHONE, "Kees", "Bakker", "x@y.nl"):
        assert secret not in shared, secret
    assert "[naam weggelaten]" in shared and "[e-mailadres weggelaten]" in shared
    assert "[telefoonnummer weggelaten]" in shared and "vraagt hulp" in shared


def test_share_contact_with_consent(setting, send):
    """With the reporter's consent their contact details go along, below the summary; others' names still go."""
    Party.objects.create(case=setting.case, role=PartyRole.REPORTER, name="Marieke Jansen", added_at=timezone.now())
    Party.objects.create(case=setting.case, role=PartyRole.WITNESS, name="Kees Bakker", added_at=timezone.now())
    referral = send(summary="Marieke zoekt steun; Kees Bakker zag het.", share_contact=True)
    shared = referral.shared_summary
    assert "Marieke zoekt steun" in shared and "Kees" not in shared
    assert EMAIL in shared and PHONE in shared and "Naam: Marieke Jansen" in shared
    assert referral.shared_contact


def test_share_contact_without_contact_data(setting):
    """Sharing contact details that the reporter never gave is refused with a reason."""
    setting.case.contact_email = None
    setting.case.contact_phone = None
    setting.case.save(update_fields=["contact_email", "contact_phone"])
    assert _refusal(setting, share_contact=True).field == "share_contact"


def test_prefill_has_facts_but_no_story_or_contact(setting):
    """The starting summary names subjects and attendance, never the description or contact details."""
    text = referral_summary_prefill(case=setting.case)
    assert "pesten of psychisch geweld" in text and "gaat niet naar school" in text
    assert DESCRIPTION not in text and EMAIL not in text and PHONE not in text


def test_preview_equals_what_is_sent(setting, send):
    """The draft shown in the preview is exactly what is stored and shown to the partner."""
    data = network_input(setting, summary="Bel 06 98765432 of mail a@b.nl.")
    draft = referral_draft_build(case=setting.case, user=setting.handler, data=data)
    referral = referral_send(case=setting.case, user=setting.handler, data=data)
    assert draft.shared.summary == referral.shared_summary
    assert draft.shared.recipient == "Stichting Steun op School"


def test_send_is_audited_and_partners_get_a_content_free_email(setting, send):
    """Sending is audited; the organisation's partners and the reporter get an email without any case content."""
    referral = send()
    entry = AuditEntry.objects.get(action="referral.sent", object_pk=str(referral.pk))
    assert entry.actor == setting.handler and entry.details["organisation"] == setting.organisation.pk
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setting.partner.email, EMAIL])  # partner and reporter
    partner_mail = next(m for m in mail.outbox if m.to == [setting.partner.email])
    assert "/partner/" in partner_mail.body
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for secret in (setting.case.reference, DESCRIPTION, "Ouder zoekt steun", "Stichting"):
            assert secret not in text


def test_close_case_as_referred_only_in_intake(setting, send):
    """ "Close the case as referred" ends a case in intake; later in the lifecycle it is refused."""
    referral = send(close_case=True)
    setting.case.refresh_from_db()
    assert setting.case.status == Status.REFERRED
    assert setting.case.referral_target == "Stichting Steun op School"
    assert referral.pk
    other = submit()
    other.case.assigned_handler = setting.handler
    other.case.save(update_fields=["assigned_handler"])
    from meldpunt.cases.services import case_start_intake

    case_start_intake(case=other.case, actor=setting.handler)
    case_start_investigation(case=other.case, actor=setting.handler)
    other.case.refresh_from_db()
    with pytest.raises(MeldpuntError) as refused:
        referral_send(case=other.case, user=setting.handler, data=network_input(setting, close_case=True))
    assert refused.value.field == "close_case"


def test_closed_case_cannot_be_referred(setting, send):
    """A case that has ended is not referred again until it is reopened."""
    send(close_case=True)
    setting.case.refresh_from_db()
    with pytest.raises(MeldpuntError):
        send()


def test_only_the_assigned_handler_refers(setting):
    """Another handler, a coordinator or a partner cannot send a referral of this case."""
    for role in ("handler", "coordinator", "partner"):
        with pytest.raises(PermissionDenied):
            referral_send(case=setting.case, user=make_staff_user(role), data=network_input(setting))
    assert not Referral.objects.exists()
