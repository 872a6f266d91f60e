"""Reads on referrals: the handler's overview and draft, the partner's inbox, the reporter's view.

Every read of what was shared is written to the audit log. A partner's read of a referral is what the
reporter is shown back as "seen by <organisation> on <date>".
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.constants import Role
from meldpunt.accounts.models import User
from meldpunt.accounts.permissions import Action, role_may
from meldpunt.cases.constants import Attendance, Category, ReporterRole, Status, StepTaken
from meldpunt.cases.models import Case
from meldpunt.cases.workflow import OPEN_STATES
from meldpunt.core.errors import MeldpuntError, NotFound, PermissionDenied
from meldpunt.investigations.confidentiality import SIDE_OF_ROLE, Side
from meldpunt.investigations.constants import ConsentSubject, PartyRole
from meldpunt.investigations.models import Consent, Party
from meldpunt.network.models import Organisation
from meldpunt.privacy.actors import Actor, ActorKind
from meldpunt.privacy.models import AuditEntry
from meldpunt.privacy.services import audit_read
from meldpunt.referrals.constants import ReferralKind
from meldpunt.referrals.models import Referral
from meldpunt.referrals.rules import (
    STEP_SOURCES,
    Basis,
    Step,
    basis_of,
    needs_organisation,
    needs_recipient_name,
    redact,
)

SUMMARY_MAX_CHARS = 10_000
TEXT_MAX_CHARS = 2_000
RECIPIENT_NAME_MAX_CHARS = 200
CONSENT_INTAKE = "intake"
CONSENT_NEW = "new"
READ_ACTION = "referral.read"
# The largest primary key the database holds; a larger number in an address is simply not found.
ID_MAX = 2**63 - 1


@dataclass(frozen=True)
class ReferralInput:
    """What the handler filled in on the referral form; kept (encrypted) in the session until sent."""

    kind: str = ""
    organisation_id: int | None = None
    recipient_name: str = ""
    recipient_contact: str = ""
    summary: str = ""
    share_contact: bool = False
    consent_choice: str = ""
    consent_how_given: str = ""
    legal_ground: str = ""
    close_case: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, value: object) -> "ReferralInput | None":
        """The input back from the session; None for anything that is not what `as_dict` wrote."""
        if not isinstance(value, dict) or set(value) != {f.name for f in fields(cls)}:
            return None
        try:
            data = cls(**value)
        except TypeError:
            return None
        texts = [data.kind, data.recipient_name, data.recipient_contact, data.summary, data.consent_choice]
        texts += [data.consent_how_given, data.legal_ground]
        if not all(isinstance(text, str) for text in texts):
            return None
        if not isinstance(data.share_contact, bool) or not isinstance(data.close_case, bool):
            return None
        if data.organisation_id is not None and not isinstance(data.organisation_id, int):
            return None
        return data


@dataclass(frozen=True)
class SharedView:
    """Exactly what the recipient sees: the partner portal and the handler's preview show this one thing."""

    number: int | None
    kind: str
    kind_label: str
    recipient: str
    summary: str
    basis: str
    consent_given_at: datetime | None
    legal_ground: str
    sent_at: datetime | None


@dataclass(frozen=True)
class ReferralDraft:
    input: ReferralInput
    shared: SharedView
    organisation: Organisation | None
    consent: Consent | None  # an existing consent record; None when a new one is to be recorded
    consent_label: str
    closes_case: bool


@dataclass(frozen=True)
class ConsentOption:
    value: str
    label: str


def _when(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return formats.date_format(timezone.localtime(moment), "j F Y")
    return formats.date_format(moment, "j F Y")


def _is_intake_consent(consent: Consent, case: Case) -> bool:
    return consent.recorded_by_id is None and consent.given_at == case.received_at


def referral_consent_options(*, case: Case) -> list[ConsentOption]:
    """The consents a referral can rest on: the intake's, each recorded one still standing, or a new one."""
    options: list[ConsentOption] = []
    if case.consent_referral:
        options.append(
            ConsentOption(
                CONSENT_INTAKE,
                _("Gegeven bij de melding op %(day)s (de melder vinkte toestemming voor doorverwijzing aan)")
                % {"day": _when(case.received_at)},
            )
        )
    recorded = Consent.objects.filter(case=case, subject=ConsentSubject.REFERRAL, withdrawn_at__isnull=True)
    for consent in recorded:
        if case.consent_referral and _is_intake_consent(consent, case):
            continue  # the intake's consent is already offered above
        options.append(
            ConsentOption(
                str(consent.pk),
                _("Vastgelegd op %(day)s: %(how)s") % {"day": _when(consent.given_at), "how": consent.how_given},
            )
        )
    options.append(ConsentOption(CONSENT_NEW, _("De melder geeft nu toestemming: leg die hieronder vast")))
    return options


def referral_organisations() -> QuerySet[Organisation]:
    """The network organisations that take referrals through the meldpunt, by name."""
    return Organisation.objects.filter(accepts_referrals=True, active=True).order_by("name")


def _reporter_parties(case: Case) -> tuple[list[Party], list[Party]]:
    """The case's parties on the reporter's side (the pupil included) and everyone else."""
    own, others = [], []
    for party in Party.objects.filter(case=case):
        role = PartyRole(party.role) if party.role in PartyRole.values else None
        if role is not None and (SIDE_OF_ROLE[role] is Side.REPORTER or role is PartyRole.PUPIL):
            own.append(party)
        else:
            others.append(party)
    return own, others


def referral_summary_prefill(*, case: Case) -> str:
    """A starting text from the case's facts: subjects, who reports, school, attendance. No names, no story."""
    labels = [str(Category(c).label) if c in Category.values else c for c in case.categories]
    lines = [_("Onderwerp: %(subjects)s.") % {"subjects": ", ".join(labels).lower() or _("niet genoemd")}]
    if case.reporter_role in ReporterRole.values:
        lines.append(_("De melder is: %(role)s.") % {"role": str(ReporterRole(case.reporter_role).label).lower()})
    if case.school is not None:
        lines.append(
            _("School: %(name)s in %(place)s.") % {"name": case.school.name, "place": case.school.place.title()}
        )
    if case.started_on:
        lines.append(_("Speelt sinds: %(day)s.") % {"day": _when(case.started_on)})
    attendance = str(Attendance(case.attendance).label) if case.attendance in Attendance.values else ""
    if case.attendance == Attendance.NOT_ATTENDING and case.absent_since:
        attendance = _("%(attendance)s, sinds %(day)s") % {"attendance": attendance, "day": _when(case.absent_since)}
    if attendance:
        lines.append(_("Naar school: %(attendance)s.") % {"attendance": attendance.lower()})
    steps = [str(StepTaken(s).label).lower() for s in case.steps_taken if s in StepTaken.values and s != "none"]
    if steps:
        lines.append(_("Al gedaan: %(steps)s.") % {"steps": "; ".join(steps)})
    lines.append("")
    lines.append(_("Waarom wij doorverwijzen en wat de melder van u vraagt:"))
    return "\n".join(lines)


def _recipient_label(kind: str, organisation: Organisation | None, recipient_name: str) -> str:
    if organisation is not None:
        return organisation.name
    kind_label = str(ReferralKind(kind).label) if kind in ReferralKind.values else kind
    return f"{kind_label}: {recipient_name}" if recipient_name else kind_label


def referral_recipient_label(*, referral: Referral) -> str:
    return _recipient_label(referral.kind, referral.organisation, referral.recipient_name)


def _contact_block(case: Case, own: list[Party]) -> str:
    names = [party.name for party in own if party.role == PartyRole.REPORTER and party.name]
    lines = [_("Contactgegevens van de melder (gedeeld met toestemming van de melder):")]
    if names:
        lines.append(_("Naam: %(name)s") % {"name": names[0]})
    if case.contact_email:
        lines.append(_("E-mail: %(email)s") % {"email": case.contact_email})
    if case.contact_phone:
        lines.append(_("Telefoon: %(phone)s") % {"phone": case.contact_phone})
    if len(lines) == 1:
        raise MeldpuntError(
            _("De melder gaf geen contactgegevens. Zet het vinkje uit, of vraag de melder eerst om contactgegevens."),
            field="share_contact",
        )
    return "\n".join(lines)


def _shared_summary(case: Case, data: ReferralInput) -> str:
    own, others = _reporter_parties(case)
    text = data.summary.strip()
    # Names of everyone else involved never go to a partner; the reporter's own only with their consent.
    text = redact(text, names=[p.name for p in others], emails=[p.email or "" for p in others])
    if data.share_contact:
        return f"{text}\n\n{_contact_block(case, own)}"
    return redact(
        text,
        names=[p.name for p in own],
        emails=[case.contact_email or "", *(p.email or "" for p in own)],
        phones=[case.contact_phone or "", *(p.phone or "" for p in own)],
    )


def _check_text(value: str, *, field: str, limit: int, required: str) -> str:
    text = value.strip()
    if not text:
        raise MeldpuntError(required, field=field)
    if len(text) > limit:
        raise MeldpuntError(_("Schrijf hoogstens %(max)d tekens.") % {"max": limit}, field=field)
    return text


def _organisation_of(data: ReferralInput) -> Organisation | None:
    if not needs_organisation(data.kind):
        return None
    organisation = (
        referral_organisations().filter(pk=data.organisation_id).first() if data.organisation_id is not None else None
    )
    if organisation is None:
        raise MeldpuntError(
            _("Kies een organisatie uit het netwerk die doorverwijzingen via het meldpunt ontvangt."),
            field="organisation",
        )
    return organisation


def _consent_of(case: Case, data: ReferralInput) -> tuple[Consent | None, str, datetime | None]:
    """The consent the referral rests on: (an existing record, its label for the handler, when it was given)."""
    choice = data.consent_choice
    if choice == CONSENT_INTAKE and case.consent_referral:
        return None, _("Gegeven bij de melding"), case.received_at
    if choice == CONSENT_NEW:
        how = _check_text(
            data.consent_how_given,
            field="consent_how_given",
            limit=TEXT_MAX_CHARS,
            required=_("Schrijf op hoe en wanneer de melder toestemming gaf."),
        )
        return None, _("Nu vastgelegd: %(how)s") % {"how": how}, None
    if choice.isdigit():
        consent = Consent.objects.filter(
            pk=int(choice), case=case, subject=ConsentSubject.REFERRAL, withdrawn_at__isnull=True
        ).first()
        if consent is not None:
            return consent, _("Vastgelegd op %(day)s") % {"day": _when(consent.given_at)}, consent.given_at
    raise MeldpuntError(
        _("Zonder toestemming van de melder kunt u niet doorverwijzen. Kies de toestemming of leg die vast."),
        field="consent_choice",
    )


def staff_may(user: User, action: Action, obj: object) -> bool:
    """The role table for an active account. Views let only signed-in staff (second factor) get this far."""
    return user.is_active and role_may(user, action, obj)


def _case_worker_check(case: Case, user: User) -> None:
    if not staff_may(user, Action.CASE_TRANSITION, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak kan doorverwijzen."))


def referral_draft_build(*, case: Case, user: User, data: ReferralInput, now: datetime | None = None) -> ReferralDraft:
    """Check the handler's input and make exactly what the recipient will see. Raises MeldpuntError naming the field.

    The preview and the sending both call this, so what is sent is what was previewed.
    """
    _case_worker_check(case, user)
    if case.status not in OPEN_STATES:
        raise MeldpuntError(_("Deze zaak is afgesloten. Heropen de zaak om door te verwijzen."))
    if data.kind not in ReferralKind.values:
        raise MeldpuntError(_("Kies naar wie u doorverwijst."), field="kind")
    organisation = _organisation_of(data)
    recipient_name = ""
    if needs_recipient_name(data.kind):
        recipient_name = _check_text(
            data.recipient_name,
            field="recipient_name",
            limit=RECIPIENT_NAME_MAX_CHARS,
            required=_("Vul de naam van de organisatie in."),
        )
    if len(data.recipient_contact.strip()) > TEXT_MAX_CHARS:
        raise MeldpuntError(_("Schrijf hoogstens %(max)d tekens.") % {"max": TEXT_MAX_CHARS}, field="recipient_contact")
    _check_text(
        data.summary, field="summary", limit=SUMMARY_MAX_CHARS, required=_("Schrijf wat u met de organisatie deelt.")
    )
    basis = basis_of(data.kind)
    consent: Consent | None = None
    consent_label, consent_given_at, legal_ground = "", None, ""
    if basis is Basis.CONSENT:
        consent, consent_label, consent_given_at = _consent_of(case, data)
    else:
        legal_ground = _check_text(
            data.legal_ground,
            field="legal_ground",
            limit=TEXT_MAX_CHARS,
            required=_("Schrijf de wettelijke grondslag op, zoals de stap van de meldcode."),
        )
    if data.close_case and case.status != Status.INTAKE:
        raise MeldpuntError(
            _("Alleen een zaak in de intake kan als doorverwezen worden afgesloten."), field="close_case"
        )
    shared = SharedView(
        number=None,
        kind=data.kind,
        kind_label=str(ReferralKind(data.kind).label),
        recipient=_recipient_label(data.kind, organisation, recipient_name),
        summary=_shared_summary(case, data),
        basis=str(basis),
        consent_given_at=consent_given_at or (now or timezone.now() if basis is Basis.CONSENT else None),
        legal_ground=legal_ground,
        sent_at=None,
    )
    return ReferralDraft(
        input=data,
        shared=shared,
        organisation=organisation,
        consent=consent,
        consent_label=consent_label,
        closes_case=data.close_case,
    )


@dataclass(frozen=True)
class ReferralFormPage:
    organisations: list[Organisation]
    consent_options: list[ConsentOption]
    may_close_case: bool
    is_open: bool
    initial: dict[str, Any]


def referral_form_get(*, case: Case, user: User) -> ReferralFormPage:
    """What the new-referral form offers, with a starting summary from the case; audited as a read."""
    _case_worker_check(case, user)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "referral_form"})
    options = referral_consent_options(case=case)
    return ReferralFormPage(
        organisations=list(referral_organisations()),
        consent_options=options,
        may_close_case=case.status == Status.INTAKE,
        is_open=case.status in OPEN_STATES,
        initial={
            "kind": ReferralKind.NETWORK_ORGANISATION,
            "summary": referral_summary_prefill(case=case),
            "consent_choice": CONSENT_INTAKE if case.consent_referral else "",
        },
    )


def referral_preview(*, case: Case, user: User, data: ReferralInput) -> ReferralDraft:
    """The draft as the recipient will see it, for the handler to check before sending; audited as a read."""
    draft = referral_draft_build(case=case, user=user, data=data)
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "referral_preview"})
    return draft


def shared_view_of(*, referral: Referral) -> SharedView:
    consent_given_at = referral.consent.given_at if referral.consent is not None else None
    return SharedView(
        number=referral.pk,
        kind=referral.kind,
        kind_label=referral.get_kind_display(),
        recipient=referral_recipient_label(referral=referral),
        summary=referral.shared_summary,
        basis=str(basis_of(referral.kind)),
        consent_given_at=consent_given_at,
        legal_ground=referral.legal_ground,
        sent_at=referral.created_at,
    )


def _partner_reads(referrals: list[Referral]) -> dict[int, list[datetime]]:
    """When a partner opened each referral, oldest first, in one query for the whole list."""
    if not referrals:
        return {}
    entries = AuditEntry.objects.filter(
        object_app_label=Referral._meta.app_label,
        object_model=Referral._meta.model_name,
        object_pk__in=[str(r.pk) for r in referrals],
        actor_kind=ActorKind.PARTNER,
        action=READ_ACTION,
    ).order_by("sequence")
    reads: dict[int, list[datetime]] = defaultdict(list)
    for object_pk, occurred_at in entries.values_list("object_pk", "occurred_at"):
        reads[int(object_pk)].append(occurred_at)
    return reads


@dataclass(frozen=True)
class ReferralRow:
    """One referral on the handler's overview, with what they may do with it now."""

    referral: Referral
    shared: SharedView
    status_label: str
    consent_label: str
    recipient_contact: str
    first_seen_at: datetime | None
    last_seen_at: datetime | None
    may_close: bool
    may_link_buddy: bool
    buddy_linked: bool


def _consent_label(referral: Referral) -> str:
    consent = referral.consent
    if consent is None:
        return _("Wettelijke grondslag: %(ground)s") % {"ground": referral.legal_ground}
    if _is_intake_consent(consent, referral.case):
        return _("Toestemming gegeven bij de melding op %(day)s") % {"day": _when(consent.given_at)}
    return _("Toestemming vastgelegd op %(day)s: %(how)s") % {"day": _when(consent.given_at), "how": consent.how_given}


def referrals_of_case(*, case: Case, user: User) -> list[ReferralRow]:
    """Every referral of the case for its handler, oldest first; audited as a read of the case."""
    if not staff_may(user, Action.CASE_VIEW_CONTENT, case):
        raise PermissionDenied(_("Alleen de behandelaar van deze zaak ziet de doorverwijzingen."))
    audit_read(actor=Actor.staff(user), obj=case, details={"view": "referrals"})
    may_act = staff_may(user, Action.CASE_TRANSITION, case)
    # select_related: each row shows its organisation and consent; the case is the one already at hand.
    referrals = list(Referral.objects.filter(case=case).select_related("organisation", "consent", "buddy_access"))
    for referral in referrals:
        referral.case = case
    reads = _partner_reads(referrals)
    rows = []
    for referral in referrals:
        seen = reads.get(referral.pk, [])
        rows.append(
            ReferralRow(
                referral=referral,
                shared=shared_view_of(referral=referral),
                status_label=referral.get_status_display(),
                consent_label=_consent_label(referral),
                recipient_contact=referral.recipient_contact,
                first_seen_at=seen[0] if seen else None,
                last_seen_at=seen[-1] if seen else None,
                may_close=may_act and referral.status in STEP_SOURCES[Step.CLOSE],
                may_link_buddy=may_act
                and referral.buddy_assigned
                and bool(referral.buddy_email)
                and referral.buddy_access_id is None
                and referral.status in STEP_SOURCES[Step.LINK_BUDDY],
                buddy_linked=referral.buddy_access_id is not None,
            )
        )
    return rows


def referral_of_case_get(*, case: Case, referral_id: int) -> Referral:
    """One referral of this case (for the handler's actions); NotFound for any other id."""
    referral = (
        Referral.objects.select_related("organisation").filter(pk=referral_id, case=case).first()
        if 0 < referral_id <= ID_MAX
        else None
    )
    if referral is None:
        raise NotFound(_("Deze doorverwijzing bestaat niet."))
    referral.case = case
    return referral


# The partner portal (/partner/): a partner sees only the referrals made to its own organisation.


def _partner_organisation(user: User) -> int:
    if user.role != Role.PARTNER or user.partner_id is None:
        raise PermissionDenied(_("Alleen partnerorganisaties zien doorverwijzingen."))
    return user.partner_id


@dataclass(frozen=True)
class PartnerRow:
    number: int
    kind_label: str
    sent_at: datetime
    status: str
    status_label: str


def partner_inbox(*, user: User) -> list[PartnerRow]:
    """The referrals to the partner's organisation, newest first: numbers, dates and status, no content."""
    organisation_id = _partner_organisation(user)
    referrals = Referral.objects.filter(organisation_id=organisation_id).order_by("-created_at", "-pk")
    return [PartnerRow(r.pk, r.get_kind_display(), r.created_at, r.status, r.get_status_display()) for r in referrals]


def partner_referral_get(*, user: User, referral_id: int) -> Referral:
    """A referral to the partner's organisation. NotFound for any other, so its existence stays unknown."""
    referral = (
        Referral.objects.select_related("organisation", "consent", "case", "buddy_access")
        .filter(pk=referral_id)
        .first()
        if 0 < referral_id <= ID_MAX
        else None
    )
    if referral is None or not staff_may(user, Action.REFERRAL_VIEW, referral):
        raise NotFound(_("Deze doorverwijzing bestaat niet."))
    return referral


@dataclass(frozen=True)
class PartnerReferralPage:
    referral: Referral
    shared: SharedView
    status_label: str
    may_decide: bool
    may_report: bool
    buddy_linked: bool


def partner_referral_open(*, user: User, referral_id: int) -> PartnerReferralPage:
    """The referral as the partner sees it; the read is audited and shown to the reporter."""
    referral = partner_referral_get(user=user, referral_id=referral_id)
    audit_read(actor=Actor(kind=ActorKind.PARTNER, user=user), obj=referral)
    may_respond = staff_may(user, Action.REFERRAL_RESPOND, referral)
    return PartnerReferralPage(
        referral=referral,
        shared=shared_view_of(referral=referral),
        status_label=referral.get_status_display(),
        may_decide=may_respond and referral.status in STEP_SOURCES[Step.ACCEPT],
        may_report=may_respond and referral.status in STEP_SOURCES[Step.REPORT],
        buddy_linked=referral.buddy_access_id is not None,
    )


# The reporter portal: which organisations got what about them, and what came of it.


@dataclass(frozen=True)
class BuddyInvitation:
    support_id: str
    code: str


@dataclass(frozen=True)
class ReporterReferralView:
    kind: str
    recipient: str
    kind_label: str
    summary: str
    sent_at: datetime
    basis_label: str
    status: str
    status_label: str
    decline_reason: str
    contact_made: bool | None
    contact_made_on: date | None
    support_offered: str
    buddy_name: str
    seen_at: list[datetime]
    reported_at: datetime | None
    buddy_invitation: BuddyInvitation | None


def _buddy_signed_in(referrals: list[Referral]) -> set[str]:
    """The support ids of linked buddies that have signed in at least once (one query)."""
    ids = [r.buddy_access.public_id for r in referrals if r.buddy_access is not None]
    if not ids:
        return set()
    return set(
        AuditEntry.objects.filter(
            actor_kind=ActorKind.SUPPORT_PERSON, actor_ref__in=ids, action="case.support_person_sign_in"
        ).values_list("actor_ref", flat=True)
    )


def _reporter_basis(referral: Referral) -> str:
    if referral.consent is not None:
        return _("Met uw toestemming (gegeven op %(day)s)") % {"day": _when(referral.consent.given_at)}
    return _("Zonder uw toestemming, omdat de wet dit vraagt: %(ground)s") % {"ground": referral.legal_ground}


def reporter_referrals(*, case: Case, show_invitation: bool) -> list[ReporterReferralView]:
    """Each referral of the reporter's case: with whom what was shared, why, what came of it, and who opened it.

    `show_invitation`: show a linked buddy's access code that the reporter still has to pass on; never
    for a support person, who must not hand out access to someone else.
    """
    # select_related: each referral shows its organisation, consent and linked buddy access.
    referrals = list(Referral.objects.filter(case=case).select_related("organisation", "consent", "buddy_access"))
    reads = _partner_reads(referrals)
    signed_in = _buddy_signed_in(referrals) if show_invitation else set()
    views = []
    for referral in referrals:
        access = referral.buddy_access
        invitation = None
        if (
            show_invitation
            and access is not None
            and access.is_active
            and access.public_id not in signed_in
            and referral.buddy_access_code
        ):
            invitation = BuddyInvitation(access.public_id, referral.buddy_access_code)
        views.append(
            ReporterReferralView(
                kind=referral.kind,
                recipient=referral_recipient_label(referral=referral),
                kind_label=referral.get_kind_display(),
                summary=referral.shared_summary,
                sent_at=referral.created_at,
                basis_label=_reporter_basis(referral),
                status=referral.status,
                status_label=referral.get_status_display(),
                decline_reason=referral.decline_reason,
                contact_made=referral.contact_made,
                contact_made_on=referral.contact_made_on,
                support_offered=referral.support_offered,
                buddy_name=(referral.buddy_name or "") if referral.buddy_assigned else "",
                seen_at=reads.get(referral.pk, []),
                reported_at=referral.reported_at,
                buddy_invitation=invitation,
            )
        )
    return views
