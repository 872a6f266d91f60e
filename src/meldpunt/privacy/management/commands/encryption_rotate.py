from argparse import ArgumentParser, RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from meldpunt.privacy.crypto import current_key_id
from meldpunt.privacy.selectors import encrypted_values_key_use
from meldpunt.privacy.services import encrypted_values_rotate


class HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Keeps the numbered procedure on its own lines."""


class Command(BaseCommand):
    help = """Re-encrypt stored values under the current encryption key, without downtime.

Replacing a key (MELDPUNT_ENCRYPTION_KEYS is "<key id>:<base64 of 32 bytes>,...";
the first key encrypts, every listed key decrypts):
  1. Put the new key, with a new id, first and keep the old key after it; restart.
     New values now use the new key and old values still read.
  2. Run this command. It is safe while the application runs and can be run again.
  3. Run it with --check until it reports nothing left; then remove the old key and restart.
"""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; report the values still on old keys and exit 1 if there are any.",
        )

    def handle(self, *args: Any, batch_size: int, check: bool, **options: Any) -> None:
        if check:
            self._check()
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        report = encrypted_values_rotate(batch_size=batch_size)
        self.stdout.write(f"Current key: {report.current_key_id}")
        for field in report.fields:
            line = f"{field.field}: {field.rotated} re-encrypted, {field.changed_meanwhile} changed meanwhile"
            if field.failed:
                line += f", {field.failed} unreadable (ids {', '.join(field.failed_pks)})"
            self.stdout.write(line)
        if report.failed:
            raise CommandError(
                f"{report.failed} values could not be decrypted and still use old keys: do not remove those keys."
            )
        self.stdout.write(self.style.SUCCESS(f"Done: {report.rotated} values re-encrypted."))

    def _check(self) -> None:
        uses = encrypted_values_key_use()
        self.stdout.write(f"Current key: {current_key_id()}")
        for use in uses:
            if use.outdated:
                per_key = ", ".join(f"{key_id}: {count}" for key_id, count in sorted(use.outdated_by_key.items()))
                self.stdout.write(f"{use.field}: {use.outdated} on old keys ({per_key})")
            else:
                self.stdout.write(f"{use.field}: all on the current key")
        outdated = sum(use.outdated for use in uses)
        if outdated:
            raise CommandError(f"{outdated} values still use old keys: run encryption_rotate.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Every value uses the current key: old keys may be removed."))
