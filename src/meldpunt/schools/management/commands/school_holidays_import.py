from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.services import school_holidays_import


class Command(BaseCommand):
    help = "Load the school-holiday table (default: data/schoolvakanties.csv); re-running updates it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path)

    def handle(self, *args: object, path: Path | None, **options: object) -> None:
        try:
            report = school_holidays_import(path=path)
        except MeldpuntError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"School holidays: {report.added} added, {report.updated} updated, {report.unchanged} unchanged."
        )
