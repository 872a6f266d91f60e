"""Loading the demo: the DUO schools, demo staff per role and demo cases. Idempotent; demo settings only."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from meldpunt.accounts.models import User
from meldpunt.accounts.services import staff_create, staff_totp_device_create
from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import DEMO_PASSWORD, DEMO_SCHOOL_CODE, DEMO_STAFF, DEMO_TOTP_SECRET
from meldpunt.schools.models import School
from meldpunt.schools.services import schools_load_if_empty


@dataclass
class DemoReport:
    schools_imported: int = 0
    staff_created: list[str] = field(default_factory=list)


def demo_data_load() -> DemoReport:
    """Load what is missing of the demo; a second run changes nothing."""
    if not settings.DEMO_DATA:
        raise MeldpuntError("Demo data is off (MELDPUNT_DEMO_DATA): refusing to create demo sign-ins.")
    report = DemoReport()
    imported = schools_load_if_empty()
    if imported is not None:
        report.schools_imported = len(imported.added)
    report.staff_created = demo_staff_ensure()
    return report


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
            first_name=first_name,
            last_name=last_name,
            password_rules=False,
        )
        staff_totp_device_create(user=user, secret_base32=DEMO_TOTP_SECRET)
        created.append(username)
    return created
