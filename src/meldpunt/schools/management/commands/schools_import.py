from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meldpunt.core.errors import MeldpuntError
from meldpunt.schools.services import ImportReport, duo_data_dir, duo_files_in, schools_import, schools_refresh

# Enough codes to check by hand; the counts say how many there are in all.
_CODES_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Leest DUO's adressenbestanden (basisonderwijs, voortgezet onderwijs, sbo/so/vso) in het "
        "scholenregister. Zonder argumenten: de meegeleverde bestanden in data/duo/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="DUO-bestanden om in te lezen (CSV).")
        parser.add_argument(
            "--fetch",
            action="store_true",
            help="Haal eerst de actuele bestanden op bij DUO (DUO_BASE_URL), bewaar ze in --dir en lees ze in.",
        )
        parser.add_argument(
            "--dir", dest="directory", type=Path, help="Map met de DUO-bestanden (standaard data/duo/)."
        )
        parser.add_argument("--timeout", type=float, default=60.0, help="Seconden wachten op DUO (standaard 60).")

    def handle(self, *args: Any, files: list[Path], fetch: bool, directory: Path | None, **options: Any) -> None:
        if fetch and files:
            raise CommandError(_("Gebruik --fetch of geef bestanden op, niet allebei."))
        directory = directory or duo_data_dir()
        try:
            if fetch:
                report = schools_refresh(
                    base_url=settings.DUO_BASE_URL, directory=directory, timeout=options["timeout"]
                )
            else:
                report = schools_import(files=files or duo_files_in(directory))
        except MeldpuntError as exc:
            raise CommandError(exc.message) from exc
        self._report(report)

    def _report(self, report: ImportReport) -> None:
        for name, duo_list, rows in report.files:
            self.stdout.write(
                _("%(name)s: %(rows)s vestigingen (%(list)s)") % {"name": name, "rows": rows, "list": duo_list}
            )
        self.stdout.write(_("Nieuw: %(count)s") % {"count": len(report.added)})
        self.stdout.write(_("Gewijzigd: %(count)s") % {"count": len(report.updated)} + self._codes(report.updated))
        self.stdout.write(_("Ongewijzigd: %(count)s") % {"count": report.unchanged})
        self.stdout.write(
            _("Niet meer bij DUO (gesloten, niet verwijderd): %(count)s") % {"count": len(report.closed)}
            + self._codes(report.closed)
        )
        self.stdout.write(_("Nieuwe besturen: %(count)s") % {"count": report.boards_added})
        self.stdout.write(self.style.SUCCESS(_("Klaar: %(rows)s vestigingen ingelezen.") % {"rows": report.rows}))

    @staticmethod
    def _codes(codes: list[str]) -> str:
        if not codes:
            return ""
        shown = ", ".join(codes[:_CODES_SHOWN])
        return f" ({shown}{', …' if len(codes) > _CODES_SHOWN else ''})"
