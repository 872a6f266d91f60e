"""Loading the demo: the DUO schools, demo staff per role and demo cases. Idempotent; demo settings only."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.accounts.models import User
from meldpunt.accounts.services import staff_create, staff_totp_device_create
from meldpunt.cases.deadlines import local_date
from meldpunt.cases.models import Case, StatusChange
from meldpunt.cases.services import case_derived_refresh
from meldpunt.content.services import content_load_if_empty
from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import (
    DEMO_ACCESS_CODE,
    DEMO_PARTNER_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_SCHOOL_CODE,
    DEMO_STAFF,
    DEMO_TOTP_SECRET,
)
from meldpunt.intake.codes import access_code_hash
from meldpunt.intake.selectors import intake_school_facts
from meldpunt.intake.services import report_submit
from meldpunt.intake.validation import report_validate
from meldpunt.network.models import Organisation
from meldpunt.network.services import organisations_load_if_empty
from meldpunt.schools.models import School
from meldpunt.schools.services import school_holidays_load_if_empty, schools_load_if_empty


@dataclass
class DemoReport:
    schools_imported: int = 0
    staff_created: list[str] = field(default_factory=list)
    cases_created: list[str] = field(default_factory=list)
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
        report, errors = report_validate(body, today=local_date(now), school_lookup=intake_school_facts)
        if report is None:
            raise MeldpuntError(f"Demo report {index} is invalid: {sorted(errors)}")
        case = report_submit(report=report).case
        # Spread the demo over the last days, so the queue shows waiting times and deadlines.
        Case.objects.filter(pk=case.pk).update(received_at=now - timedelta(days=days_ago))
        StatusChange.objects.filter(case=case).update(at=now - timedelta(days=days_ago))
        if index == 0:
            Case.objects.filter(pk=case.pk).update(access_code_hash=access_code_hash(DEMO_ACCESS_CODE))
        case.refresh_from_db()
        case_derived_refresh(case=case, now=now)
        created.append(case.reference)
    return created


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
