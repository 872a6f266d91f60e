"""Loading the demo: the DUO schools, demo staff per role and demo cases. Idempotent; demo settings only."""

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from meldpunt.accounts.models import User
from meldpunt.accounts.services import staff_create, staff_totp_device_create
from meldpunt.cases.constants import Attendance, AttendanceAlternative
from meldpunt.cases.deadlines import AMSTERDAM, add_working_days, is_working_day, local_date
from meldpunt.cases.models import Case, StatusChange
from meldpunt.cases.services import (
    attendance_record,
    case_assign,
    case_derived_refresh,
    case_message_from_handler_send,
    case_start_intake,
    case_start_intervention,
    case_start_investigation,
)
from meldpunt.content.services import content_load_if_empty
from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import (
    DEMO_ACCESS_CODE,
    DEMO_COORDINATOR,
    DEMO_HANDLER,
    DEMO_PARTNER_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_SCHOOL_CODE,
    DEMO_STAFF,
    DEMO_TOTP_SECRET,
)
from meldpunt.findings.services import FindingsTexts, draft_findings_save, draft_findings_send
from meldpunt.intake.attachments import CheckedAttachment, attachment_check
from meldpunt.intake.codes import access_code_hash
from meldpunt.intake.selectors import intake_school_facts
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import report_validate
from meldpunt.interventions.constants import AgreementOwner
from meldpunt.interventions.services import AgreementFields, agreement_add, mediation_plan
from meldpunt.investigations.constants import EvidenceSource, PartyRole
from meldpunt.investigations.services.evidence import evidence_register
from meldpunt.investigations.services.interviews import interview_record
from meldpunt.investigations.services.parties import parties_ensure
from meldpunt.investigations.services.requests import (
    RequestDraft,
    default_due_on,
    information_request_draft_save,
    information_request_send,
)
from meldpunt.network.models import Organisation
from meldpunt.network.services import organisations_load_if_empty
from meldpunt.privacy.actors import Actor
from meldpunt.referrals.constants import ReferralKind
from meldpunt.referrals.selectors import CONSENT_INTAKE, ReferralInput, referral_summary_prefill
from meldpunt.referrals.services import referral_send
from meldpunt.schools.models import School
from meldpunt.schools.services import school_holidays_load_if_empty, schools_load_if_empty


@dataclass
class DemoReport:
    schools_imported: int = 0
    staff_created: list[str] = field(default_factory=list)
    cases_created: list[str] = field(default_factory=list)
    casework_created: list[str] = field(default_factory=list)
    organisations_imported: int = 0
    pages_created: list[str] = field(default_factory=list)


def demo_data_load() -> DemoReport:
    """Load what is missing of the demo; a second run changes nothing."""
    if not settings.DEMO_DATA:
        raise MeldpuntError("Demo data is off (MELDPUNT_DEMO_DATA): refusing to create demo sign-ins.")
    report = DemoReport()
    imported = schools_load_if_empty()
    if imported is not None:
        report.schools_imported = len(imported.added)
    school_holidays_load_if_empty()
    # The demo partner acts for a network organisation, so the organisations come before the staff.
    organisations = organisations_load_if_empty()
    if organisations is not None:
        report.organisations_imported = len(organisations.added)
    report.pages_created = content_load_if_empty()
    report.staff_created = demo_staff_ensure()
    report.cases_created = demo_cases_ensure()
    report.casework_created = demo_casework_ensure()
    return report


def _demo_reports(*, today: date) -> list[tuple[int, dict[str, object]]]:
    """Five realistic situations (days ago received, intake body), written for the demo, not real people."""
    vo_school = School.objects.filter(sector="vo", place="UTRECHT", active=True).order_by("code").first()
    return [
        (
            2,
            {
                "reporter_role": "parent",
                "categories": ["bullying_psychological"],
                "description": (
                    "Onze dochter (groep 7) wordt sinds de zomer elke dag uitgescholden en buitengesloten, ook in de "
                    "groepsapp. We hebben drie keer met de juf en één keer met de directeur gepraat, maar er verandert "
                    "niets. Sinds half oktober durft ze niet meer naar school en zit ze thuis."
                ),
                "attendance": "not_attending",
                "absent_since": (today - timedelta(days=44)).isoformat(),
                "acute_danger": False,
                "school": DEMO_SCHOOL_CODE,
                "started_on": (today - timedelta(days=120)).isoformat(),
                "steps_taken": ["talked_to_teacher", "talked_to_school_management", "complaint_to_board"],
                "accused_is_staff": False,
                "contact": {"email": "ouder.demo@example.invalid"},
                "share_identity_with_school": True,
                "consent_referral": True,
            },
        ),
        (
            0,
            {
                "reporter_role": "pupil",
                "categories": ["discrimination"],
                "description": (
                    "Een paar jongens uit mijn klas maken steeds grappen over mijn hoofddoek en mijn geloof. "
                    "De mentor zegt dat ik er niet zo zwaar aan moet tillen."
                ),
                "attendance": "attending",
                "acute_danger": False,
                "steps_taken": ["talked_to_teacher"],
                "accused_is_staff": False,
                "language": "nl",
            },
        ),
        (
            5,
            {
                "reporter_role": "staff",
                "categories": ["sexual_harassment"],
                "description": (
                    "Een collega stuurt leerlingen uit de bovenbouw berichten via sociale media die over de grens "
                    "gaan. Ik heb het gemeld bij de teamleider, maar er is niets mee gedaan."
                ),
                "attendance": "attending",
                "acute_danger": False,
                "school": vo_school.code if vo_school else None,
                "steps_taken": ["talked_to_school_management", "confidential_person"],
                "accused_is_staff": True,
                "contact": {"phone": "06 12345678"},
            },
        ),
        (
            9,
            {
                "reporter_role": "parent",
                "categories": ["unequal_treatment", "complaint_handling"],
                "description": (
                    "Onze zoon heeft dyslexie. De school weigert de afgesproken extra tijd bij toetsen te geven en "
                    "heeft onze klacht na twee maanden nog steeds niet behandeld. Hij gaat nog maar drie dagen per "
                    "week naar school."
                ),
                "attendance": "partly",
                "acute_danger": False,
                "school": DEMO_SCHOOL_CODE,
                "steps_taken": ["complaint_to_board", "complaints_committee"],
                "accused_is_staff": None,
                "contact": {"email": "ouder2.demo@example.invalid"},
                "language": "en",
            },
        ),
        (
            1,
            {
                "reporter_role": "pupil",
                "categories": ["physical_violence"],
                "description": "Ik word na school opgewacht en geschopt. Ze zeggen dat het morgen weer gebeurt.",
                "attendance": "not_attending",
                "absent_since": (today - timedelta(days=1)).isoformat(),
                "acute_danger": True,
                "steps_taken": ["none"],
                "accused_is_staff": False,
            },
        ),
    ]


@transaction.atomic
def demo_cases_ensure() -> list[str]:
    """A handful of demo reports through the real intake path; the first has a known access code."""
    if Case.objects.exists():
        return []
    now = timezone.now()
    created = []
    for index, (days_ago, body) in enumerate(_demo_reports(today=local_date(now))):
        case = _demo_case_submit(body, days_ago=days_ago, now=now)
        if index == 0:
            Case.objects.filter(pk=case.pk).update(access_code_hash=access_code_hash(DEMO_ACCESS_CODE))
        case.refresh_from_db()
        case_derived_refresh(case=case, now=now)
        created.append(case.reference)
    return created


def _demo_case_submit(body: dict[str, object], *, days_ago: int, now: datetime) -> Case:
    """A demo report through the real intake, received `days_ago` days before `now`."""
    report, errors = report_validate(body, today=local_date(now), school_lookup=intake_school_facts)
    if report is None:
        raise MeldpuntError(f"A demo report is invalid: {sorted(errors)}")
    case = report_submit(report=report).case
    # Spread the demo over the last days, so the queue shows waiting times and deadlines.
    Case.objects.filter(pk=case.pk).update(received_at=now - timedelta(days=days_ago))
    StatusChange.objects.filter(case=case).update(at=now - timedelta(days=days_ago))
    case.refresh_from_db()
    return case


def demo_partner_organisation() -> Organisation:
    """The network organisation the demo partner acts for (Ouders & Onderwijs, from data/network.csv)."""
    organisation = Organisation.objects.filter(name=DEMO_PARTNER_ORGANISATION).first()
    if organisation is None:
        raise MeldpuntError(_("Laad eerst de organisaties van het netwerk."))
    if not organisation.accepts_referrals:
        organisation.accepts_referrals = True
        organisation.save(update_fields=["accepts_referrals", "updated_at"])
    return organisation


@transaction.atomic
def demo_staff_ensure() -> list[str]:
    """Every demo staff member of CONTRACT.md, with the shared password and TOTP secret."""
    board = School.objects.select_related("board").get(code=DEMO_SCHOOL_CODE).board
    created = []
    for username, role, first_name, last_name in DEMO_STAFF:
        if User.objects.filter(username=username).exists():
            continue
        user = staff_create(
            username=username,
            role=role,
            email=f"{username}@demo.invalid",
            password=DEMO_PASSWORD,
            board=board if role == "school_contact" else None,
            partner=demo_partner_organisation() if role == "partner" else None,
            first_name=first_name,
            last_name=last_name,
            password_rules=False,
        )
        staff_totp_device_create(user=user, secret_base32=DEMO_TOTP_SECRET)
        created.append(username)
    return created


# The demo handler's work: four cases taken through the real services, so every portal has something to do.

_INVESTIGATION_REPORT: dict[str, object] = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological", "physical_violence"],
    "description": (
        "Leerling A (groep 6) wordt sinds september op het schoolplein geduwd en in de groepsapp van de klas "
        "uitgelachen. We hebben het twee keer met de leerkracht en één keer met de directeur besproken. De school "
        "zegt dat ze het in de gaten houdt, maar het gaat door. We willen weten wat de school met onze meldingen "
        "heeft gedaan."
    ),
    "attendance": "attending",
    "acute_danger": False,
    "school": DEMO_SCHOOL_CODE,
    "steps_taken": ["talked_to_teacher", "talked_to_school_management"],
    "accused_is_staff": False,
    "contact": {"email": "ouder3.demo@example.invalid"},
    "share_identity_with_school": False,
    "consent_referral": False,
}
_REQUEST_SUMMARY = (
    "Een ouder meldt dat een leerling uit groep 6 sinds september op het schoolplein wordt geduwd en in de "
    "groepsapp van de klas wordt uitgelachen. De ouder heeft dit met de leerkracht en de directie besproken en "
    "vindt dat er sindsdien niet genoeg is veranderd."
)
_REQUEST_QUESTIONS = (
    "Welke meldingen over pesten in groep 6 heeft de school sinds september gekregen, en wat heeft de school met "
    "elke melding gedaan?",
    "Welke afspraken uit het pestprotocol van de school zijn voor deze groep gebruikt? Wilt u het protocol en het "
    "verslag van het laatste gesprek met de ouder meesturen?",
)
_INTERVIEW_SUMMARY = (
    "De melder vertelt dat Leerling A sinds september bijna elke week wordt geduwd bij het buitenspelen. In de "
    "groepsapp worden foto's van Leerling A met grappen gedeeld. De melder heeft schermafbeeldingen gestuurd. "
    "Leerling A gaat nog naar school, maar wil 's ochtends vaak niet. De melder wil vooral dat de school een plan "
    "maakt en de ouders op de hoogte houdt."
)

_INTERVENTION_REPORT: dict[str, object] = {
    "reporter_role": "parent",
    "categories": ["discrimination"],
    "description": (
        "Leerling A (groep 8) wordt door klasgenoten uitgescholden om haar afkomst. Na een ruzie op het schoolplein "
        "kreeg alleen zij straf; de andere kinderen zijn niet gehoord. We voelen ons niet gehoord door de school."
    ),
    "attendance": "attending",
    "acute_danger": False,
    "school": DEMO_SCHOOL_CODE,
    "steps_taken": ["talked_to_teacher", "talked_to_school_management", "complaint_to_board"],
    "accused_is_staff": False,
    "contact": {"email": "ouder4.demo@example.invalid"},
    "share_identity_with_school": True,
    "consent_referral": False,
}
_FINDINGS = (
    "Leerling A is dit schooljaar meerdere keren door klasgenoten uitgescholden om haar afkomst. De school wist dit "
    "sinds oktober uit twee gesprekken met de ouders. Na de ruzie op het schoolplein in november kreeg alleen "
    "Leerling A straf. De andere leerlingen zijn niet gehoord.",
    "De school zegt dat zij na de melding van de ouders een les over discriminatie aan de groep heeft gegeven. De "
    "ouders zeggen dat Leerling A daar niets van heeft gemerkt.",
    "De school heeft de meldingen van de ouders niet volgens haar eigen pestprotocol behandeld. Dat alleen "
    "Leerling A straf kreeg, zonder dat de andere leerlingen zijn gehoord, is niet zorgvuldig.",
    "Maak samen met de ouders afspraken over hoe de school Leerling A beschermt en hoe de school de ouders op de "
    "hoogte houdt. Behandel een nieuwe melding binnen vijf schooldagen volgens het pestprotocol.",
)
_SCHOOL_AGREEMENT = (
    "De school wijst een vast aanspreekpunt aan voor Leerling A en haar ouders, en bespreekt het pestprotocol met "
    "het team van groep 8."
)
_MELDPUNT_AGREEMENT = (
    "Het meldpunt belt na vier weken met de ouders en met de school om te vragen of de afspraken werken."
)
_MEDIATION_PARTICIPANTS = (
    "De ouders van Leerling A, de directeur en de intern begeleider van de school, en de behandelaar van het "
    "meldpunt als gespreksleider."
)

_REFERRAL_REPORT: dict[str, object] = {
    "reporter_role": "parent",
    "categories": ["unequal_treatment"],
    "description": (
        "Leerling A (groep 5) heeft autisme. Sinds er een nieuwe leerkracht is, mag hij geen koptelefoon meer "
        "gebruiken en moet hij vaak op de gang werken. We weten niet hoe we dit met de school moeten bespreken en "
        "zoeken iemand die ons daarbij helpt."
    ),
    "attendance": "attending",
    "acute_danger": False,
    "steps_taken": ["talked_to_teacher"],
    "accused_is_staff": None,
    "contact": {"email": "ouder5.demo@example.invalid", "phone": "06 12345679"},
    "share_identity_with_school": False,
    "consent_referral": True,
}
_REFERRAL_REQUEST = (
    "De ouders zoeken iemand die met hen meedenkt over wat Leerling A nodig heeft, en die hen helpt bij het gesprek "
    "met de school. Wilt u contact opnemen met de ouders?"
)

_ABSENCE_REPORT: dict[str, object] = {
    "reporter_role": "parent",
    "categories": ["bullying_psychological"],
    "description": (
        "Leerling A (klas 2) wordt online bedreigd door klasgenoten. Sinds een paar maanden gaat hij steeds minder "
        "naar school. De school zegt dat het buiten schooltijd gebeurt en dat zij daar niets aan kan doen."
    ),
    "attendance": "partly",
    "acute_danger": False,
    "steps_taken": ["talked_to_teacher", "confidential_person"],
    "accused_is_staff": False,
    "contact": {"email": "ouder6.demo@example.invalid"},
    "share_identity_with_school": False,
    "consent_referral": False,
}


_ABSENCE_MESSAGE = (
    "Wij hebben uw melding gelezen. Omdat Leerling A niet naar school gaat, heeft uw melding voorrang. Wij bellen "
    "u vandaag om af te spreken hoe we verder gaan."
)
_ABSENCE_NOTE = (
    "Uit het gesprek met de ouder: de ochtenden lukken ook niet meer. Leerling A durft niet meer naar school. De "
    "school biedt nog geen les op een andere manier."
)


def _staff(username: str) -> User:
    return User.objects.get(username=username)


def _at(day: date, hour: int) -> datetime:
    """That day at that hour in the Netherlands."""
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _school_code(*, sector: str, place: str) -> str | None:
    """A regular school of the shipped DUO files in that place; None when the files have none."""
    return (
        School.objects.filter(sector=sector, place=place, kind="", active=True)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )


def _case_taken_on(body: dict[str, object], *, days_ago: int, coordinator: User, handler: User, now: datetime) -> Case:
    """A demo report that the coordinator assigned to the handler on the day it came in, and that the
    handler took up the next day."""
    case = _demo_case_submit(body, days_ago=days_ago, now=now)
    case = case_assign(case=case, coordinator=coordinator, handler=handler, now=case.received_at + timedelta(hours=2))
    return case_start_intake(case=case, actor=handler, now=case.received_at + timedelta(days=1))


def _demo_screenshot() -> CheckedAttachment:
    """A plain picture standing in for a screenshot the reporter sent; it holds no real messages."""
    image = Image.new("RGB", (480, 200), "white")
    draw = ImageDraw.Draw(image)
    lines = ("DEMO - geen echte gegevens", "Schermafbeelding groepsapp groep 6", "[namen en berichten weggelaten]")
    for index, line in enumerate(lines):
        draw.text((20, 30 + 50 * index), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return attachment_check(filename="schermafbeelding-groepsapp.png", data=buffer.getvalue())


def _demo_investigation(*, coordinator: User, handler: User, now: datetime) -> Case:
    """(a) In investigation at the demo school: parties, a sent information request, a document and an interview."""
    case = _case_taken_on(_INVESTIGATION_REPORT, days_ago=21, coordinator=coordinator, handler=handler, now=now)
    started = case.received_at + timedelta(days=3)  # within the intake decision's five working days
    case = case_start_investigation(case=case, actor=handler, now=started)
    parties_ensure(case=case, user=handler, now=started)
    request = information_request_draft_save(
        case=case,
        user=handler,
        draft=RequestDraft(
            summary=_REQUEST_SUMMARY, questions=_REQUEST_QUESTIONS, due_on=default_due_on(today=local_date(now))
        ),
        new_consent_how="Telefonisch gegeven aan de behandelaar en daarna per e-mail bevestigd.",
        new_consent_given_on=local_date(started),
        now=now,
    )
    information_request_send(request=request, user=handler, now=now)
    reporter = case.parties.get(role=PartyRole.REPORTER)
    evidence_register(
        case=case,
        title="Schermafbeelding van berichten in de groepsapp, gestuurd door de melder",
        attachment=_demo_screenshot(),
        source=EvidenceSource.REPORTER,
        received_on=local_date(case.received_at) + timedelta(days=2),
        actor=Actor.staff(handler),
        source_party=reporter,
    )
    interview_record(
        case=case,
        user=handler,
        interviewee_id=reporter.pk,
        held_at=_at(_working_day_on_or_before(local_date(started) + timedelta(days=3)), 14),
        location="Videogesprek",
        present="De behandelaar van het meldpunt en de melder.",
        summary=_INTERVIEW_SUMMARY,
        agreed_by_interviewee=True,
        now=now,
    )
    return case


def _demo_intervention(*, coordinator: User, handler: User, now: datetime) -> Case:
    """(b) In intervention at the demo school: draft findings sent to both sides, an action plan and a meeting."""
    case = _case_taken_on(_INTERVENTION_REPORT, days_ago=40, coordinator=coordinator, handler=handler, now=now)
    started = case.received_at + timedelta(days=3)
    case = case_start_investigation(case=case, actor=handler, now=started)
    parties_ensure(case=case, user=handler, now=started)
    # Sent three days ago: both sides can still comment for about a week and a half.
    sent = now - timedelta(days=3)
    draft_findings_save(case=case, user=handler, texts=FindingsTexts(*_FINDINGS), now=sent - timedelta(hours=1))
    draft_findings_send(case=case, user=handler, now=sent)
    case = case_start_intervention(
        case=case,
        actor=handler,
        reason="Conceptbevindingen verstuurd. De school en de ouders willen samen afspraken maken.",
        now=sent + timedelta(days=1),
    )
    today = local_date(now)
    agreement_add(
        case=case,
        user=handler,
        fields=AgreementFields(
            description=_SCHOOL_AGREEMENT, owner=AgreementOwner.SCHOOL_BOARD, due_on=add_working_days(today, 10)
        ),
        now=now,
    )
    agreement_add(
        case=case,
        user=handler,
        fields=AgreementFields(
            description=_MELDPUNT_AGREEMENT, owner=AgreementOwner.MELDPUNT, due_on=add_working_days(today, 20)
        ),
        now=now,
    )
    mediation_plan(
        case=case,
        user=handler,
        planned_at=_at(add_working_days(today, 5), 10),
        participants=_MEDIATION_PARTICIPANTS,
        now=now,
    )
    return case


def _demo_referral(*, coordinator: User, handler: User, now: datetime) -> Case:
    """(c) In intake, referred with the reporter's consent (ticked at intake) to the demo partner's organisation."""
    body = {**_REFERRAL_REPORT, "school": _school_code(sector="po", place="AMERSFOORT")}
    case = _case_taken_on(body, days_ago=6, coordinator=coordinator, handler=handler, now=now)
    referral_send(
        case=case,
        user=handler,
        data=ReferralInput(
            kind=ReferralKind.NETWORK_ORGANISATION,
            organisation_id=demo_partner_organisation().pk,
            summary=f"{referral_summary_prefill(case=case)}\n{_REFERRAL_REQUEST}",
            share_contact=True,
            consent_choice=CONSENT_INTAKE,
        ),
        now=now,
    )
    return case


def _demo_absence(*, coordinator: User, handler: User, now: datetime) -> Case:
    """(d) Since yesterday, in intake: a child who went to school only in the mornings and now not at all.

    The meldpunt wrote to the family at once (a child out of school is urgent: contact within one working
    day), so it came in yesterday; the dates the handler records reach weeks back, and the queue counts
    the school days missed.
    """
    body = {**_ABSENCE_REPORT, "school": _school_code(sector="vo", place="AMERSFOORT")}
    case = _case_taken_on(body, days_ago=1, coordinator=coordinator, handler=handler, now=now)
    today = local_date(now)
    attendance_record(
        case=case,
        actor=handler,
        status=Attendance.PARTLY,
        since=today - timedelta(days=42),
        alternative=AttendanceAlternative.PART_TIME_SCHEDULE,
        alternative_note="Alleen de ochtenden, afgesproken met de mentor.",
        now=case.received_at + timedelta(hours=3),
    )
    case_message_from_handler_send(case=case, author=handler, body=_ABSENCE_MESSAGE)
    attendance_record(
        case=case,
        actor=handler,
        status=Attendance.NOT_ATTENDING,
        since=today - timedelta(days=15),
        alternative=AttendanceAlternative.NONE,
        alternative_note=_ABSENCE_NOTE,
        now=now,
    )
    return case


@transaction.atomic
def demo_casework_ensure() -> list[str]:
    """The demo handler's cases, worked through the real services: one in investigation with a request the
    demo school contact can answer, one in intervention with draft findings and an action plan, one referred
    to the demo partner, and one of a child out of school. Skipped once any case has a handler."""
    if Case.objects.filter(assigned_handler__isnull=False).exists():
        return []
    coordinator = _staff(DEMO_COORDINATOR)
    handler = _staff(DEMO_HANDLER)
    now = timezone.now()
    created = []
    # The texts the services write themselves (a referral's summary, reasons) are stored in Dutch, as typed.
    with translation.override("nl"):
        for make in (_demo_investigation, _demo_intervention, _demo_referral, _demo_absence):
            case = make(coordinator=coordinator, handler=handler, now=now)
            case.refresh_from_db()
            case_derived_refresh(case=case, now=now)
            created.append(case.reference)
    return created
