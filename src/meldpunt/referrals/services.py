"""Writes on referrals: the handler sends (with the reporter's consent or a legal ground), the partner
accepts or declines and reports back, the handler links a buddy and closes the referral.

Every write is audited. Emails say only that there is something to look at (referrals.tasks).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case
from meldpunt.cases.services import case_refer
from meldpunt.core.errors import MeldpuntError, PermissionDenied
from meldpunt.investigations.constants import ConsentSubject
from meldpunt.investigations.models import Consent
from meldpunt.portal.models import SupportAccess
from meldpunt.portal.services import SUPPORT_PERSONS_MAX, support_access_grant_for_buddy
from meldpunt.portal.tasks import reporter_news_announce
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.services import audit_record
from meldpunt.referrals.constants import ReferralStatus
from meldpunt.referrals.models import Referral
from meldpunt.referrals.rules import Basis, Step, step_check
from meldpunt.referrals.selectors import (
    CONSENT_INTAKE,
    CONSENT_NEW,
    TEXT_MAX_CHARS,
    ReferralInput,
    referral_draft_build,
    staff_may,
)
from meldpunt.referrals.tasks import Notice, referral_notice_after_commit

# Stored as data, not as an interface text: the reporter's tick at intake, in the source language.
INTAKE_CONSENT_TEXT = "Bij de melding: de melder vinkte toestemming voor doorverwijzing aan."
BUDDY_NAME_MAX_CHARS = 200


def _partner_actor(user: User) -> Actor:
    return Actor(kind=ActorKind.PARTNER, user=user)


def _consent_for(case: Case, user: User, data: ReferralInput, existing: Consent | None, now: datetime) -> Consent:
    """The consent record the referral rests on: the chosen one, the intake's, or a new one recorded now."""
    if existing is not None:
        return existing
    if data.consent_choice == CONSENT_INTAKE:
        intake = Consent.objects.filter(
            case=case, subject=ConsentSubject.REFERRAL, recorded_by__isnull=True, given_at=case.received_at
        ).first()
        if intake is not None:
            return intake
        consent = Consent.objects.create(
            case=case, subject=ConsentSubject.REFERRAL, how_given=INTAKE_CONSENT_TEXT, given_at=case.received_at
        )
    else:
        assert data.consent_choice == CONSENT_NEW  # referral_draft_build accepts nothing else without a record
        consent = Consent.objects.create(
            case=case,
            subject=ConsentSubject.REFERRAL,
            how_given=data.consent_how_given.strip(),
            given_at=now,
            recorded_by=user,
        )
    audit_record(
        actor=Actor.staff(user), action="consent.recorded", obj=consent, details={"subject": ConsentSubject.REFERRAL}
    )
    return consent


@transaction.atomic
def referral_send(*, case: Case, user: User, data: ReferralInput, now: datetime | None = None) -> Referral:
    """Share the previewed summary with the chosen organisation and record on what basis.

    Checks everything again (the draft waited in the session), so what is stored is what the preview
    showed. A network organisation's partners get an email that there is a new referral; for other
    kinds the meldpunt shares it itself and this records what was shared, when and with whom.
    """
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("school").get(pk=case.pk)
    draft = referral_draft_build(case=case, user=user, data=data, now=now)
    consent = None
    if draft.shared.basis == Basis.CONSENT:
        consent = _consent_for(case, user, data, draft.consent, now)
    referral = Referral(
        case=case,
        kind=data.kind,
        organisation=draft.organisation,
        recipient_name=data.recipient_name.strip() if draft.organisation is None else "",
        recipient_contact=data.recipient_contact.strip(),
        shared_summary=draft.shared.summary,
        shared_contact=data.share_contact,
        consent=consent,
        legal_ground=draft.shared.legal_ground,
        created_at=now,
        created_by=user,
    )
    referral.full_clean()
    referral.save()
    audit_record(
        actor=Actor.staff(user),
        action="referral.sent",
        obj=referral,
        details={
            "case": case.reference,
            "kind": referral.kind,
            "organisation": referral.organisation_id,
            "consent": consent.pk if consent else None,
            "shared_contact": referral.shared_contact,
        },
    )
    if data.close_case:
        case_refer(
            case=case,
            actor=user,
            reason=_("Doorverwezen (doorverwijzing %(number)d).") % {"number": referral.pk},
            referral_target=draft.shared.recipient[:200],
            now=now,
        )
    else:
        # The reporter sees in the portal with whom what was shared; the email only says there is news.
        reporter_news_announce(case=case)
    if referral.organisation_id is not None:
        referral_notice_after_commit(referral=referral, notice=Notice.NEW_REFERRAL)
    return referral


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update(of=("self",)).select_related("case", "organisation").get(pk=referral.pk)


def _partner_may_respond(user: User, referral: Referral) -> None:
    if not staff_may(user, Action.REFERRAL_RESPOND, referral):
        raise PermissionDenied(_("U mag op deze doorverwijzing niet reageren."))


@transaction.atomic
def referral_accept(*, referral: Referral, user: User, now: datetime | None = None) -> Referral:
    """The partner takes the referral on; the handler gets an email that there is news."""
    locked = _locked(referral)
    _partner_may_respond(user, locked)
    step_check(Step.ACCEPT, status=locked.status, kind=locked.kind)
    locked.status = ReferralStatus.ACCEPTED
    locked.decided_at = now or timezone.now()
    locked.decided_by = user
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(actor=_partner_actor(user), action="referral.accepted", obj=locked)
    _partner_news(locked)
    return locked


def _partner_news(referral: Referral) -> None:
    """A partner's answer is news for the handler and (in the portal) the reporter: both get a content-free email."""
    referral_notice_after_commit(referral=referral, notice=Notice.PARTNER_RESPONDED)
    reporter_news_announce(case=referral.case)


def _reason_clean(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise MeldpuntError(_("Schrijf waarom u de doorverwijzing afwijst."), field="reason")
    if len(text) > TEXT_MAX_CHARS:
        raise MeldpuntError(_("Schrijf hoogstens %(max)d tekens.") % {"max": TEXT_MAX_CHARS}, field="reason")
    return text


@transaction.atomic
def referral_decline(*, referral: Referral, user: User, reason: str, now: datetime | None = None) -> Referral:
    """The partner declines, with a reason the handler and the reporter read."""
    text = _reason_clean(reason)
    locked = _locked(referral)
    _partner_may_respond(user, locked)
    step_check(Step.DECLINE, status=locked.status, kind=locked.kind)
    locked.status = ReferralStatus.DECLINED
    locked.decided_at = now or timezone.now()
    locked.decided_by = user
    locked.decline_reason = text
    locked.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    audit_record(actor=_partner_actor(user), action="referral.declined", obj=locked)
    _partner_news(locked)
    return locked


def _contact_check(contact_made: bool | None, contact_made_on: date | None, referral: Referral, now: datetime) -> None:
    if contact_made is None:
        raise MeldpuntError(_("Geef aan of er contact is gelegd met de melder."), field="contact_made")
    if not contact_made:
        if contact_made_on is not None:
            raise MeldpuntError(_("Laat de datum leeg als er nog geen contact is gelegd."), field="contact_made_on")
        return
    if contact_made_on is None:
        raise MeldpuntError(_("Vul in wanneer er contact is gelegd."), field="contact_made_on")
    if contact_made_on > local_date(now):
        raise MeldpuntError(_("De datum van het contact kan niet in de toekomst liggen."), field="contact_made_on")
    if contact_made_on < local_date(referral.created_at):
        raise MeldpuntError(
            _("Het contact kan niet eerder zijn dan de doorverwijzing (%(day)s).")
            % {"day": local_date(referral.created_at).strftime("%d-%m-%Y")},
            field="contact_made_on",
        )


def _buddy_clean(buddy_assigned: bool, buddy_name: str, buddy_email: str) -> tuple[str | None, str | None]:
    name, email = buddy_name.strip(), buddy_email.strip()
    if not buddy_assigned:
        if name or email:
            raise MeldpuntError(
                _("Laat de naam en het e-mailadres van de buddy leeg als er geen buddy is."), field="buddy_name"
            )
        return None, None
    if not name:
        raise MeldpuntError(_("Vul de naam van de buddy in."), field="buddy_name")
    if len(name) > BUDDY_NAME_MAX_CHARS:
        raise MeldpuntError(
            _("Schrijf de naam in hoogstens %(max)d tekens.") % {"max": BUDDY_NAME_MAX_CHARS}, field="buddy_name"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise MeldpuntError(
                _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."), field="buddy_email"
            ) from None
    return name, email or None


@transaction.atomic
def referral_report(
    *,
    referral: Referral,
    user: User,
    contact_made: bool | None,
    contact_made_on: date | None,
    support_offered: str,
    buddy_assigned: bool,
    buddy_name: str = "",
    buddy_email: str = "",
    now: datetime | None = None,
) -> Referral:
    """The partner reports back on an accepted referral (again, to correct it); the handler and reporter see it."""
    now = now or timezone.now()
    support = support_offered.strip()
    if len(support) > TEXT_MAX_CHARS:
        raise MeldpuntError(_("Schrijf hoogstens %(max)d tekens.") % {"max": TEXT_MAX_CHARS}, field="support_offered")
    name, email = _buddy_clean(buddy_assigned, buddy_name, buddy_email)
    locked = _locked(referral)
    _partner_may_respond(user, locked)
    step_check(Step.REPORT, status=locked.status, kind=locked.kind)
    _contact_check(contact_made, contact_made_on, locked, now)
    if locked.buddy_access_id is not None and (not buddy_assigned or email != locked.buddy_email):
        raise MeldpuntError(
            _("De buddy is al gekoppeld aan de melding. Vraag het meldpunt om dit te wijzigen."), field="buddy_assigned"
        )
    locked.contact_made = contact_made
    locked.contact_made_on = contact_made_on if contact_made else None
    locked.support_offered = support
    locked.buddy_assigned = buddy_assigned
    locked.buddy_name = name
    locked.buddy_email = email
    locked.reported_at = now
    locked.reported_by = user
    locked.full_clean()
    locked.save()
    audit_record(
        actor=_partner_actor(user),
        action="referral.reported",
        obj=locked,
        details={"contact_made": contact_made, "buddy_assigned": buddy_assigned},
    )
    _partner_news(locked)
    return locked


def _handler_check(user: User, case: Case) -> None:
    if not staff_may(user, Action.CASE_TRANSITION, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak kan dit doen."))


@transaction.atomic
def referral_close(*, referral: Referral, user: User, now: datetime | None = None) -> Referral:
    """The handler marks the referral as done; the partner can no longer change it."""
    locked = _locked(referral)
    _handler_check(user, locked.case)
    step_check(Step.CLOSE, status=locked.status, kind=locked.kind)
    locked.status = ReferralStatus.CLOSED
    locked.closed_at = now or timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(actor=Actor.staff(user), action="referral.closed", obj=locked)
    return locked


@transaction.atomic
def referral_buddy_link(*, referral: Referral, user: User) -> SupportAccess:
    """Link the partner's buddy as the reporter's read-only support person.

    The access code is not emailed: the reporter sees it in the portal and passes it on, so the buddy
    reads along only when the reporter wants that (and the reporter can revoke it there). The buddy
    gets an email that says only how to sign in once they have the code.
    """
    locked = _locked(referral)
    _handler_check(user, locked.case)
    step_check(Step.LINK_BUDDY, status=locked.status, kind=locked.kind)
    if not locked.buddy_assigned or not locked.buddy_email:
        raise MeldpuntError(_("De organisatie heeft geen buddy met een e-mailadres doorgegeven."))
    if locked.buddy_access_id is not None:
        raise MeldpuntError(_("Deze buddy is al gekoppeld als steunpersoon."))
    if SupportAccess.objects.filter(case=locked.case, revoked_at__isnull=True).count() >= SUPPORT_PERSONS_MAX:
        raise MeldpuntError(
            _("De melder heeft al %(max)d steunpersonen. De melder kan er een intrekken in het portaal.")
            % {"max": SUPPORT_PERSONS_MAX}
        )
    access, code = support_access_grant_for_buddy(case=locked.case, granted_by=Actor.staff(user))
    locked.buddy_access = access
    locked.buddy_access_code = code
    locked.save(update_fields=["buddy_access", "buddy_access_code"])
    audit_record(
        actor=Actor.staff(user), action="referral.buddy_linked", obj=locked, details={"support_id": access.public_id}
    )
    referral_notice_after_commit(referral=locked, notice=Notice.BUDDY_LINKED)
    return access
