"""`manage.py information_requests_remind`: remind school boards two working days before an answer is due.

For cron, daily on working days (for example next to `reminders_send`). Runs in this process so cron
sees the exit code; `--enqueue` hands it to the tasks queue instead.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.investigations.tasks import information_requests_remind_task


class Command(BaseCommand):
    help = "Email the school contacts of every open information request that is due within two working days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Put the task on the tasks queue instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = information_requests_remind_task.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        reminded = information_requests_remind_task.call()
        self.stdout.write(f"reminded the school of {reminded} information requests")
