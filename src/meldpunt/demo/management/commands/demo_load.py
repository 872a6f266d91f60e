from datetime import date

from django.core.management.base import BaseCommand, CommandError

from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.constants import DEMO_HANDLER, DEMO_PARTNER, DEMO_PARTNER_ORGANISATION, DEMO_SCHOOL_CONTACT
from meldpunt.demo.selectors import DemoPortals, demo_portals_overview
from meldpunt.demo.services import demo_data_load


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "-"


def portal_lines(portals: DemoPortals) -> list[str]:
    """What the demo school contact and partner find when they sign in: references, dates and numbers only."""
    school = [
        f"information request for {reference} (answer by {_day(due)})" for reference, due in portals.school_requests
    ]
    school += [
        f"draft findings of {reference} (comments until {_day(due)})" for reference, due in portals.school_findings
    ]
    lines = []
    if school:
        lines.append(f"School contact '{DEMO_SCHOOL_CONTACT}' sees at /school/: {'; '.join(school)}.")
    if portals.partner_referrals:
        numbers = ", ".join(str(number) for number in portals.partner_referrals)
        lines.append(
            f"Partner '{DEMO_PARTNER}' ({DEMO_PARTNER_ORGANISATION}) sees at /partner/: "
            f"referral {numbers}, to accept or decline."
        )
    return lines


class Command(BaseCommand):
    help = "Load the demo data (schools, demo staff, demo cases) where it is missing. Demo settings only."

    def handle(self, *args: object, **options: object) -> None:
        try:
            report = demo_data_load()
        except MeldpuntError as exc:
            raise CommandError(exc.message) from exc
        if report.schools_imported:
            self.stdout.write(f"Imported {report.schools_imported} school locations from the shipped DUO files.")
        if report.organisations_imported:
            self.stdout.write(f"Imported {report.organisations_imported} network organisations from data/network.csv.")
        if report.pages_created:
            self.stdout.write(f"Created information pages: {', '.join(report.pages_created)}.")
        if report.staff_created:
            self.stdout.write(f"Created demo staff: {', '.join(report.staff_created)}.")
        if report.cases_created:
            self.stdout.write(f"Created demo cases: {', '.join(report.cases_created)}.")
        if report.casework_created:
            self.stdout.write(
                f"Created demo cases worked by '{DEMO_HANDLER}' (investigation, intervention, referral, child out "
                f"of school): {', '.join(report.casework_created)}."
            )
        if not (
            report.schools_imported
            or report.organisations_imported
            or report.pages_created
            or report.staff_created
            or report.cases_created
            or report.casework_created
        ):
            self.stdout.write("Demo data already present.")
        for line in portal_lines(demo_portals_overview()):
            self.stdout.write(line)
