"""Daily (cron): remind of agreements due within two working days and flag overdue agreements on their cases."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from meldpunt.cases.deadlines import local_date
from meldpunt.interventions.services import agreements_follow_up


class Command(BaseCommand):
    help = "Remind handlers and school boards of agreements that are due soon, and flag overdue agreements."

    def handle(self, *args: Any, **options: Any) -> None:
        report = agreements_follow_up(today=local_date(timezone.now()))
        self.stdout.write(
            f"reminded={report.reminded} handlers={report.handlers} boards={report.boards} "
            f"overdue={report.overdue} cases_flagged={report.cases_flagged}"
        )
