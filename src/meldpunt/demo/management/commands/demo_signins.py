from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from meldpunt.cases.models import Case
from meldpunt.demo.constants import DEMO_ACCESS_CODE, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print where the demo is served and the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: object, port: int, **options: object) -> None:
        if not settings.DEMO_DATA:
            return
        base = f"http://127.0.0.1:{port}"
        lines = [
            "",
            f"Meldpunt demo: {base}/",
            f"  staff sign-in: {base}/medewerkers/inloggen",
            f"  password for every demo account: {DEMO_PASSWORD}",
            f"  TOTP secret (base32) for every demo account: {DEMO_TOTP_SECRET}",
            "  current code: .venv/bin/python manage.py demo_totp",
            "  accounts: " + ", ".join(f"{username} ({role.label})" for username, role, _f, _l in DEMO_STAFF),
        ]
        first_case = Case.objects.order_by("pk").values_list("reference", flat=True).first()
        if first_case:
            lines.append(
                f"  follow a demo report: {base}/mijn-melding/  reference {first_case}, code {DEMO_ACCESS_CODE}"
            )
        lines.append("")
        self.stdout.write("\n".join(lines))
