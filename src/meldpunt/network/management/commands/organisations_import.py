from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.core.errors import MeldpuntError
from meldpunt.network.services import network_data_path, organisations_import


class Command(BaseCommand):
    help = (
        "Load the network organisations (default: data/network.csv, with the English texts of the _en file "
        "next to it). Re-running updates changed rows and hides organisations no longer in the file; "
        "whether an organisation accepts referrals stays as administrators set it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="the network file (default: data/network.csv)")
        parser.add_argument("--english", type=Path, help="the English texts (default: <file>_en.csv next to it)")

    def handle(self, *args: object, path: Path | None, english: Path | None, **options: object) -> None:
        try:
            report = organisations_import(path=path or network_data_path(), english_path=english)
        except MeldpuntError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Organisations: {report.rows} rows, {len(report.added)} added, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged, {len(report.deactivated)} hidden."
        )
