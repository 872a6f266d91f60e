"""Parties on a case and the reporter's recorded consents (issue 5, part 1).

The reporter's choices at intake are the default. Whatever widens them, such as letting the school
know who the reporter (or someone on the reporter's side) is, needs a recorded consent of the
reporter that has not been withdrawn; the services refuse the change without one. Narrowing is
always allowed. The reporter and the school board are added automatically, once per case.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.cases.deadlines import AMSTERDAM, local_date
from meldpunt.cases.models import Case
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, Side
from meldpunt.investigations.constants import ConsentSubject, PartyAccess, PartyRole
from meldpunt.investigations.models import Consent, Party
from meldpunt.investigations.services.chronology import (
    InvestigationError,
    case_content_check,
    case_work_check,
    text_clean,
)
from meldpunt.privacy.actors import Actor
from meldpunt.privacy.services import audit_record

NAME_MAX_CHARS = 200
PHONE_MAX_CHARS = 30
HOW_GIVEN_MAX_CHARS = 2_000
# Made by the system, once per case; the handler cannot add a second one.
AUTOMATIC_ROLES = frozenset({PartyRole.REPORTER, PartyRole.SCHOOL_BOARD})


@dataclass(frozen=True)
class PartyDetails:
    """What the handler fills in about a party."""

    name: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    access: str = PartyAccess.NOTHING
    identity_shared_with_school: bool = False


def is_reporter_side(role: str) -> bool:
    return SIDE_OF_ROLE[PartyRole(role)] is Side.REPORTER


def consent_active(*, case: Case, consent: Consent | None, subject: ConsentSubject) -> bool:
    """A consent of this case, for this subject, that the reporter has not withdrawn."""
    return (
        consent is not None
        and consent.case_id == case.pk
        and consent.subject == subject
        and consent.withdrawn_at is None
    )


def _details_clean(details: PartyDetails) -> PartyDetails:
    email = details.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as invalid:
            raise InvestigationError(
                _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."), field="email"
            ) from invalid
    phone = text_clean(details.phone, field="phone", max_chars=PHONE_MAX_CHARS)
    if phone and not all(ch.isdigit() or ch in " +-()" for ch in phone):
        raise InvestigationError(_("Een telefoonnummer bestaat uit cijfers, zoals 06 12345678."), field="phone")
    if details.access not in PartyAccess.values:
        raise InvestigationError(_("Kies wat deze betrokkene mag zien."), field="access")
    return PartyDetails(
        name=text_clean(details.name, field="name", max_chars=NAME_MAX_CHARS),
        organisation=text_clean(details.organisation, field="organisation", max_chars=NAME_MAX_CHARS),
        email=email,
        phone=phone,
        access=details.access,
        identity_shared_with_school=details.identity_shared_with_school,
    )


def _widening_check(*, case: Case, role: str, was_shared: bool, shared: bool, consent: Consent | None) -> None:
    """Letting the school know who someone on the reporter's side is needs the reporter's recorded consent."""
    if not shared or was_shared or not is_reporter_side(role):
        return
    if not consent_active(case=case, consent=consent, subject=ConsentSubject.IDENTITY_WITH_SCHOOL):
        raise InvestigationError(
            _(
                "De melder koos ervoor dat de school niet weet wie dit is. Dat mag u alleen veranderen met "
                "toestemming van de melder. Leg die toestemming eerst vast en kies haar hier."
            ),
            field="consent",
        )


def _case_identity_sync(*, case: Case, party: Party) -> None:
    """The reporter's party and the case's intake choice say the same, so the portal tells the reporter the truth."""
    if party.role != PartyRole.REPORTER or case.share_identity_with_school == party.identity_shared_with_school:
        return
    Case.objects.filter(pk=case.pk).update(share_identity_with_school=party.identity_shared_with_school)
    case.share_identity_with_school = party.identity_shared_with_school


def _party_create(*, case: Case, role: PartyRole, user: User | None, now: datetime, **fields: object) -> Party | None:
    """An automatic party; None when a concurrent request made it first (the unique constraint decides)."""
    try:
        with transaction.atomic():
            party = Party.objects.create(case=case, role=role, added_at=now, added_by=user, **fields)
    except IntegrityError:
        return None
    actor = Actor.staff(user) if user is not None else Actor.system("investigations")
    audit_record(
        actor=actor, action="party.added", obj=party, details={"case": case.pk, "role": str(role), "auto": True}
    )
    return party


@transaction.atomic
def parties_ensure(*, case: Case, user: User, now: datetime | None = None) -> list[Party]:
    """Add the reporter (from the case's contact details and intake choice) and the school board, when missing.

    Returns the parties it added. Both sides may see what is shared with them; the school knows the
    reporter's identity only when the reporter chose so at intake.
    """
    case_content_check(case=case, user=user)
    now = now or timezone.now()
    present = set(case.parties.filter(role__in=AUTOMATIC_ROLES).values_list("role", flat=True))
    added: list[Party] = []
    if PartyRole.REPORTER not in present:
        party = _party_create(
            case=case,
            role=PartyRole.REPORTER,
            user=user,
            now=now,
            email=case.contact_email or None,
            phone=case.contact_phone or None,
            access=PartyAccess.SHARED,
            identity_shared_with_school=case.share_identity_with_school,
        )
        if party is not None:
            added.append(party)
    board = case.school.board if case.school_id and case.school else None
    if PartyRole.SCHOOL_BOARD not in present and board is not None:
        party = _party_create(
            case=case,
            role=PartyRole.SCHOOL_BOARD,
            user=user,
            now=now,
            name=board.name,
            organisation=board.name,
            access=PartyAccess.SHARED,
            identity_shared_with_school=True,
        )
        if party is not None:
            added.append(party)
    return added


@transaction.atomic
def party_add(*, case: Case, user: User, role: str, details: PartyDetails, consent: Consent | None = None) -> Party:
    """The handler adds someone involved: a witness, the pupil concerned, a parent, a staff member accused, ..."""
    case_work_check(case=case, user=user)
    if role not in PartyRole.values:
        raise InvestigationError(_("Kies de rol van deze betrokkene."), field="role")
    if role in AUTOMATIC_ROLES and case.parties.filter(role=role).exists():
        raise InvestigationError(
            _("Deze zaak heeft al een %(role)s. Pas die aan in plaats van een nieuwe toe te voegen.")
            % {"role": PartyRole(role).label.lower()},
            field="role",
        )
    clean = _details_clean(details)
    _widening_check(case=case, role=role, was_shared=False, shared=clean.identity_shared_with_school, consent=consent)
    party = Party.objects.create(
        case=case,
        role=role,
        name=clean.name,
        organisation=clean.organisation,
        email=clean.email or None,
        phone=clean.phone or None,
        access=clean.access,
        identity_shared_with_school=clean.identity_shared_with_school,
        added_at=timezone.now(),
        added_by=user,
    )
    audit_record(
        actor=Actor.staff(user),
        action="party.added",
        obj=party,
        details={"case": case.pk, "role": role, "consent": consent.pk if consent else None},
    )
    _case_identity_sync(case=case, party=party)
    return party


@transaction.atomic
def party_update(*, party: Party, user: User, details: PartyDetails, consent: Consent | None = None) -> Party:
    """Change a party's details or what it may see; widening the reporter side's choice needs a consent."""
    case = party.case
    case_work_check(case=case, user=user)
    clean = _details_clean(details)
    _widening_check(
        case=case,
        role=party.role,
        was_shared=party.identity_shared_with_school,
        shared=clean.identity_shared_with_school,
        consent=consent,
    )
    changed = [
        name
        for name, old, new in (
            ("name", party.name, clean.name),
            ("organisation", party.organisation, clean.organisation),
            ("email", party.email or "", clean.email),
            ("phone", party.phone or "", clean.phone),
            ("access", party.access, clean.access),
            ("identity_shared_with_school", party.identity_shared_with_school, clean.identity_shared_with_school),
        )
        if old != new
    ]
    party.name = clean.name
    party.organisation = clean.organisation
    party.email = clean.email or None
    party.phone = clean.phone or None
    party.access = clean.access
    party.identity_shared_with_school = clean.identity_shared_with_school
    party.save(update_fields=["name", "organisation", "email", "phone", "access", "identity_shared_with_school"])
    audit_record(
        actor=Actor.staff(user),
        action="party.changed",
        obj=party,
        details={"case": case.pk, "changed": changed, "consent": consent.pk if consent else None},
    )
    _case_identity_sync(case=case, party=party)
    return party


def _given_at(given_on: date | None, *, now: datetime) -> datetime:
    if given_on is None or given_on == local_date(now):
        return now
    if given_on > local_date(now):
        raise InvestigationError(
            _("De toestemming kan niet in de toekomst gegeven zijn. Vul een datum in tot en met vandaag."),
            field="given_on",
        )
    return datetime.combine(given_on, time(12, 0), tzinfo=AMSTERDAM)


@transaction.atomic
def consent_record(
    *,
    case: Case,
    user: User,
    subject: str,
    how_given: str,
    given_on: date | None = None,
    now: datetime | None = None,
) -> Consent:
    """Record that the reporter agreed to something, and how (for example "by phone on 3 March, confirmed by email")."""
    case_work_check(case=case, user=user)
    now = now or timezone.now()
    if subject not in ConsentSubject.values:
        raise InvestigationError(_("Kies waarvoor de melder toestemming gaf."), field="subject")
    how = text_clean(
        how_given,
        field="how_given",
        max_chars=HOW_GIVEN_MAX_CHARS,
        required_message=_(
            "Schrijf op hoe de melder toestemming gaf, bijvoorbeeld ‘telefonisch, bevestigd per e-mail’."
        ),
    )
    consent = Consent.objects.create(
        case=case, subject=subject, how_given=how, given_at=_given_at(given_on, now=now), recorded_by=user
    )
    audit_record(
        actor=Actor.staff(user), action="consent.recorded", obj=consent, details={"case": case.pk, "subject": subject}
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, user: User, now: datetime | None = None) -> Consent:
    """The reporter takes a consent back. Withdrawing the identity consent narrows every reporter-side party again.

    What the school already saw stays seen; from now on nothing new is shared on this consent.
    """
    case = consent.case
    case_work_check(case=case, user=user)
    if consent.withdrawn_at is not None:
        raise InvestigationError(_("Deze toestemming is al ingetrokken."))
    consent.withdrawn_at = now or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    narrowed: list[int] = []
    if consent.subject == ConsentSubject.IDENTITY_WITH_SCHOOL:
        reporter_roles = [role for role in PartyRole if is_reporter_side(role)]
        for party in case.parties.filter(role__in=reporter_roles, identity_shared_with_school=True):
            party.identity_shared_with_school = False
            party.save(update_fields=["identity_shared_with_school"])
            narrowed.append(party.pk)
            _case_identity_sync(case=case, party=party)
    audit_record(
        actor=Actor.staff(user),
        action="consent.withdrawn",
        obj=consent,
        details={"case": case.pk, "subject": consent.subject, "parties_narrowed": narrowed},
    )
    return consent
