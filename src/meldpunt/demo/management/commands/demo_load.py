from django.core.management.base import BaseCommand, CommandError

from meldpunt.core.errors import MeldpuntError
from meldpunt.demo.services import demo_data_load


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
        if not (
            report.schools_imported
            or report.organisations_imported
            or report.pages_created
            or report.staff_created
            or report.cases_created
        ):
            self.stdout.write("Demo data already present.")
