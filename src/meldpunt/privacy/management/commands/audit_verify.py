from typing import Any

from django.core.management.base import BaseCommand, CommandError

from meldpunt.privacy.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit log. Exits 1 and names the first bad entry when an entry was changed, "
        "removed or inserted out of order. Prints the last hash: keep it outside this database, so a later rewrite "
        "of the end of the log can be detected too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(f"Audit log broken after {report.entries} good entries: {report.problem}.", returncode=1)
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {report.entries} entries; last hash {report.last_hash}.")
        )
