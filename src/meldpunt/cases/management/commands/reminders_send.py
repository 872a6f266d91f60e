"""`manage.py reminders_send`: the daily deadline reminders, for cron (for example every working day at 07:00).

Runs the task in this process, so cron sees its exit code; `--enqueue` hands it to the tasks queue instead.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.cases.tasks import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "Follow up agreements and information requests, refresh the priority, next due date and school days "
        "missed of every open case, ask the follow-up questions that are due and email the daily deadline digests."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Put the task on the tasks queue instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = deadline_reminders_send.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        summary = deadline_reminders_send.call()
        self.stdout.write(
            f"reminded {summary['agreements_reminded']} agreements and "
            f"{summary['information_requests_reminded']} information requests; "
            f"refreshed {summary['refreshed']} open cases; "
            f"asked {summary['follow_ups_asked']} follow-up questions; "
            f"emailed {summary['handler_emails']} handlers and {summary['coordinator_emails']} coordinators"
        )
